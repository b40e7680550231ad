"""The system checks catch the settings an operator can get wrong, and the secret key file is private."""

import stat

from django.core.checks import run_checks

from aiplus.env import secret_key


def _ids(settings) -> set[str]:
    return {message.id for message in run_checks(tags=["security"]) if message.id.startswith("aiplus.")}


def test_a_fresh_key_file_is_private_from_the_start(tmp_path):
    key = secret_key(tmp_path / "home")
    path = tmp_path / "home" / "secret.key"
    assert len(key) > 40 and path.read_text() == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret_key(tmp_path / "home") == key


def test_a_local_install_passes(settings, db):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.AIPLUS_SECRET_KEY_FROM_ENVIRONMENT = True  # needed when this suite runs on PostgreSQL
    assert _ids(settings) - {"aiplus.W007"} == set()


def test_a_shared_install_without_a_secret_key_is_refused(settings, db):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    settings.AIPLUS_SECRET_KEY_FROM_ENVIRONMENT = False
    assert "aiplus.E001" in _ids(settings)
    settings.AIPLUS_SECRET_KEY_FROM_ENVIRONMENT = True
    assert "aiplus.E001" not in _ids(settings)


def test_a_key_file_others_can_read_is_reported(settings, db):
    settings.AIPLUS_HOME.mkdir(parents=True, exist_ok=True)
    (settings.AIPLUS_HOME / "secret.key").write_text("x" * 50)
    (settings.AIPLUS_HOME / "secret.key").chmod(0o644)
    settings.AIPLUS_SECRET_KEY_FROM_ENVIRONMENT = False
    assert "aiplus.W002" in _ids(settings)


def test_debug_on_a_public_host_is_an_error_and_plain_http_a_warning(settings, db):
    settings.ALLOWED_HOSTS = ["aiplus.dept.gov.hk"]
    settings.DEBUG = True
    assert {"aiplus.E003", "aiplus.W004"} <= _ids(settings)
    settings.DEBUG = False
    settings.AIPLUS_BEHIND_TLS = True
    settings.CSRF_TRUSTED_ORIGINS = ["http://aiplus.dept.gov.hk"]
    ids = _ids(settings)
    assert {"aiplus.E005", "aiplus.W008"} <= ids and not {"aiplus.E003", "aiplus.W004"} & ids
    settings.AIPLUS_TRUSTED_PROXIES = 1
    assert "aiplus.W008" not in _ids(settings)


def test_a_rate_that_is_not_a_rate_is_an_error(settings, db):
    settings.AIPLUS_API_RATE_PER_USER = "lots"
    assert "aiplus.E006" in _ids(settings)
