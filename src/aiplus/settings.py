"""Django settings. Every value can be set from the environment; see docs/configuration.md."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from aiplus.env import data_home, database_config, env_bool, env_int, env_list, env_str, secret_key

BASE_DIR = Path(__file__).resolve().parent
AIPLUS_HOME = data_home()

DEBUG = env_bool("AIPLUS_DEBUG", False)
# A fresh single-machine install generates and keeps its own key in the data directory.
SECRET_KEY = env_str("AIPLUS_SECRET_KEY") or secret_key(AIPLUS_HOME)
ALLOWED_HOSTS = env_list("AIPLUS_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("AIPLUS_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "aiplus.core",
    "aiplus.llm",
    "aiplus.documents",
    "aiplus.search",
    "aiplus.assistant",
    "aiplus.meetings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "aiplus.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "aiplus.urls"
WSGI_APPLICATION = "aiplus.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "documents:collections"
LOGOUT_REDIRECT_URL = "core:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_config(env_str("DATABASE_URL"), AIPLUS_HOME)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hant", _("Traditional Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("AIPLUS_TIME_ZONE", "Asia/Hong_Kong")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = None  # served by WhiteNoise from the source tree; no collectstatic step
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Uploads: files above this size are refused while they stream in, before they fill the disk.
AIPLUS_MAX_UPLOAD_BYTES = env_int("AIPLUS_MAX_UPLOAD_MB", 200) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 500
FILE_UPLOAD_HANDLERS = [
    "aiplus.documents.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Background work. The embedded default keeps the queue in files under AIPLUS_HOME, so no broker server
# is needed; set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0) to scale out.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
AIPLUS_OCR_ENABLED = env_bool("AIPLUS_OCR", True)
# What one document may cost a worker; beyond each limit it fails as "too large", saying which limit.
AIPLUS_MAX_DOCUMENT_PAGES = env_int("AIPLUS_MAX_DOCUMENT_PAGES", 5000)
AIPLUS_MAX_DOCUMENT_CHARACTERS = env_int("AIPLUS_MAX_DOCUMENT_CHARACTERS", 3_000_000)
AIPLUS_MAX_UNPACKED_MB = env_int("AIPLUS_MAX_UNPACKED_MB", 100)
AIPLUS_MAX_IMAGE_MEGAPIXELS = env_int("AIPLUS_MAX_IMAGE_MEGAPIXELS", 100)

# Models. Nothing is configured by default: aiplus then answers extractively, without a model.
AIPLUS_LLM_BASE_URL = env_str("AIPLUS_LLM_BASE_URL")
AIPLUS_LLM_API_KEY = env_str("AIPLUS_LLM_API_KEY")
AIPLUS_LLM_MODEL = env_str("AIPLUS_LLM_MODEL")
AIPLUS_EMBEDDINGS_BASE_URL = env_str("AIPLUS_EMBEDDINGS_BASE_URL")
AIPLUS_EMBEDDINGS_API_KEY = env_str("AIPLUS_EMBEDDINGS_API_KEY")
AIPLUS_EMBEDDINGS_MODEL = env_str("AIPLUS_EMBEDDINGS_MODEL")
AIPLUS_LLM_TIMEOUT_SECONDS = env_int("AIPLUS_LLM_TIMEOUT_SECONDS", 60)
# Speech to text: an OpenAI-compatible /v1/audio/transcriptions endpoint, or a local faster-whisper
# (CTranslate2) model directory, which needs the optional extra aiplus[speech] and takes precedence.
AIPLUS_SPEECH_BASE_URL = env_str("AIPLUS_SPEECH_BASE_URL")
AIPLUS_SPEECH_API_KEY = env_str("AIPLUS_SPEECH_API_KEY")
AIPLUS_SPEECH_MODEL = env_str("AIPLUS_SPEECH_MODEL", "whisper-1")
AIPLUS_SPEECH_TIMEOUT_SECONDS = env_int("AIPLUS_SPEECH_TIMEOUT_SECONDS", 600)
AIPLUS_WHISPER_MODEL_DIR = env_str("AIPLUS_WHISPER_MODEL_DIR")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "aiplus.core.middleware.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env_str("AIPLUS_LOG_LEVEL", "WARNING")},
    "loggers": {"aiplus": {"level": env_str("AIPLUS_LOG_LEVEL", "INFO"), "propagate": True}},
}
