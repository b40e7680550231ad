"""Typed readers for environment settings, used only by ``aiplus.settings``."""

import os
from pathlib import Path
from urllib.parse import unquote, urlparse


class ConfigurationError(ValueError):
    """An environment variable holds a value aiplus cannot use."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_int(name: str, default: int) -> int:
    raw = env_str(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a whole number, not {raw!r}") from exc


def env_bool(name: str, default: bool) -> bool:
    raw = env_str(name).lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {raw!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = env_str(name)
    return [item.strip() for item in raw.split(",") if item.strip()] if raw else default


def data_home() -> Path:
    """The data directory: database, stored files, search index, broker queue."""
    raw = env_str("AIPLUS_HOME")
    return Path(raw).expanduser().resolve() if raw else Path.home() / ".aiplus"


def database_config(url: str, home: Path) -> dict:
    """Turn ``DATABASE_URL`` (or the embedded SQLite default) into Django's DATABASES entry."""
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": home / "aiplus.sqlite3",
            "OPTIONS": {
                "timeout": 60,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # A file, not memory, so a worker process in the integration tests shares the test database.
            "TEST": {"NAME": str(home / "test.sqlite3")},
        }
    parsed = urlparse(url)
    if parsed.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    if parsed.scheme == "sqlite":
        return {**database_config("", home), "NAME": Path(unquote(parsed.path))}
    raise ConfigurationError(
        f"DATABASE_URL scheme {parsed.scheme!r} is not supported (use postgres or sqlite)"
    )


def cache_config(url: str, shared_folder: Path | None = None) -> dict:
    """Django's cache: a shared Redis (``redis://...``); else files in ``shared_folder``, which the web
    processes of one machine share; else this process's memory."""
    if not url:
        if shared_folder is not None:
            return {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(shared_folder),
            }
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if urlparse(url).scheme not in {"redis", "rediss"}:
        raise ConfigurationError(f"AIPLUS_CACHE_URL must be a redis:// address, not {url!r}")
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}


def secret_key(home: Path) -> str:
    """Read, or create once, the install's secret key kept beside its database."""
    import secrets

    path = home / "secret.key"
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        try:
            # Private from the first byte: created with mode 0600, never written world-readable first.
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process created it a moment ago
        else:
            with os.fdopen(descriptor, "w") as key_file:
                key_file.write(secrets.token_urlsafe(50))
    return path.read_text().strip()
