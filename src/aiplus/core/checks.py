"""System checks for the settings an operator can get wrong (as Paperless-ngx's ``checks.py`` does).

Django runs them on ``aiplus check`` / ``manage.py check``; ``aiplus serve`` runs them before it starts and
refuses to start on an error. Each message says what to set. ``stored_values_check`` looks at what is
stored instead (``aiplus manage check --database default``; ``migrate`` runs it too).
"""

import stat

from django.apps import apps as installed_apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError

from aiplus.core.repair import stored_rows_repair

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]", "testserver"}


def _public_hosts() -> list[str]:
    return [host for host in settings.ALLOWED_HOSTS if host not in LOCAL_HOSTS]


def shared_setup() -> bool:
    """PostgreSQL or a broker server: the signs of an install spread over several processes or machines."""
    engine = settings.DATABASES["default"]["ENGINE"]
    return engine.endswith("postgresql") or not settings.CELERY_BROKER_URL.startswith("filesystem://")


@register(Tags.security)
def check_secret_key(app_configs=None, **kwargs):
    problems = []
    if shared_setup() and not settings.AIPLUS_SECRET_KEY_FROM_ENVIRONMENT:
        problems.append(
            Error(
                "AIPLUS_SECRET_KEY is not set, on an install with PostgreSQL or a broker server.",
                hint="Every web process must sign sessions with the same key: set AIPLUS_SECRET_KEY to one "
                "long random value (python -c 'import secrets; print(secrets.token_urlsafe(50))') everywhere.",
                id="aiplus.E001",
            )
        )
    key_file = settings.AIPLUS_HOME / "secret.key"
    readable_by_others = key_file.exists() and key_file.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    if readable_by_others and not settings.AIPLUS_SECRET_KEY_FROM_ENVIRONMENT:
        problems.append(
            Warning(
                f"{key_file} can be read by other users of this machine.",
                hint=f"chmod 600 {key_file}",
                id="aiplus.W002",
            )
        )
    return problems


@register(Tags.security)
def check_public_hosting(app_configs=None, **kwargs):
    public = _public_hosts()
    problems = []
    if settings.DEBUG and public:
        problems.append(
            Error(
                f"AIPLUS_DEBUG is on while aiplus answers for {', '.join(public)}.",
                hint="Debug pages show settings and code to anyone; turn AIPLUS_DEBUG off.",
                id="aiplus.E003",
            )
        )
    if public and not settings.AIPLUS_BEHIND_TLS:
        problems.append(
            Warning(
                f"aiplus answers for {', '.join(public)} but AIPLUS_BEHIND_TLS is off, so sign-in cookies "
                "may travel unencrypted.",
                hint="Serve it behind a proxy that terminates TLS and sets X-Forwarded-Proto, and set "
                "AIPLUS_BEHIND_TLS=true.",
                id="aiplus.W004",
            )
        )
    if settings.AIPLUS_BEHIND_TLS and settings.AIPLUS_TRUSTED_PROXIES < 1:
        problems.append(
            Warning(
                "AIPLUS_BEHIND_TLS is on but AIPLUS_TRUSTED_PROXIES is 0, so every caller has the proxy's "
                "address: one address limit and one sign-in lockout would be shared by all users.",
                hint="Set AIPLUS_TRUSTED_PROXIES to the number of proxies that append to X-Forwarded-For.",
                id="aiplus.W008",
            )
        )
    if settings.AIPLUS_BEHIND_TLS:
        plain = [origin for origin in settings.CSRF_TRUSTED_ORIGINS if not origin.startswith("https://")]
        if plain:
            problems.append(
                Error(
                    f"AIPLUS_CSRF_TRUSTED_ORIGINS lists origins without https: {', '.join(plain)}.",
                    hint="Behind TLS every trusted origin is https://host.",
                    id="aiplus.E005",
                )
            )
    return problems


@register(Tags.security)
def check_rate_limits(app_configs=None, **kwargs):
    from ninja.throttling import SimpleRateThrottle

    problems = []
    for name in ("AIPLUS_API_RATE_PER_USER", "AIPLUS_API_RATE_PER_ADDRESS"):
        try:
            count, _seconds = SimpleRateThrottle.parse_rate(SimpleRateThrottle, getattr(settings, name))
        except ValueError:
            count = 0
        if not count or count < 1:
            problems.append(
                Error(
                    f"{name} is {getattr(settings, name)!r}, not a rate.",
                    hint="Write calls/period, e.g. 300/min, 20/s or 5000/hour.",
                    id="aiplus.E006",
                )
            )
    if shared_setup() and "locmem" in settings.CACHES["default"]["BACKEND"]:
        problems.append(
            Warning(
                "API rate limits are counted in each web process's memory.",
                hint="With several web processes or machines, set AIPLUS_CACHE_URL to a shared Redis "
                "(e.g. redis://127.0.0.1:6379/1) so the limits hold across them.",
                id="aiplus.W007",
            )
        )
    return problems


@register(Tags.database)
def stored_values_check(app_configs=None, databases=None, **kwargs) -> list[Warning]:
    """One warning for every stored value today's input rules refuse (rows an older version let in)."""
    if not databases:
        return []
    try:
        findings = stored_rows_repair(apps=installed_apps, repair=False)
    except DatabaseError:  # the tables are not there yet: nothing older to find
        return []
    return [
        Warning(
            finding.line(),
            hint="Run `aiplus repair` to repair what can be repaired safely; it lists what it leaves.",
            id="aiplus.W001",
        )
        for finding in findings
    ]
