"""guatu settings: one module, every knob read from the environment by strict parsers.

GUATU_DATA_DIR   where the embedded SQLite database and the secret key live (default ./var)
DATABASE_URL     e.g. postgres://user:pass@host:5432/guatu — selects PostgreSQL
GUATU_REPLICA_URL a PostgreSQL streaming replica of it for reads (guatu.core.routers)
GUATU_CACHE_URL  where rendered figures are cached (guatu.core.cache_config): file:///path, db, redis://…
GUATU_STATIC_ROOT where `guatu serve` collects the static files (default <data dir>/static)
GUATU_WORKERS, GUATU_THREADS, GUATU_SERVER: how `guatu serve` serves (guatu.core.serving)
GUATU_DEBUG      1/0 (default 0)
GUATU_SECRET_KEY the signing key; when unset one is generated once into the data directory
GUATU_ALLOWED_HOSTS comma-separated (default 127.0.0.1,localhost)
GUATU_HTTPS      1 behind an HTTPS front server: secure cookies, HSTS, redirect to HTTPS, HTTP Basic
                 accepted by the API (never over plain HTTP: use an API token there)
GUATU_LOGIN_FAILURE_LIMIT  failed log-ins (per username and address) before a lockout (default 5)
GUATU_LOGIN_COOLOFF_MINUTES how long a lockout lasts unless an administrator lifts it (default 30)
GUATU_UPLOAD_MAX_MB (50), GUATU_IMPORT_MAX_ROWS (200000), GUATU_IMPORT_MAX_COLUMNS (200),
GUATU_IMPORT_MAX_CELL_CHARS (32767), GUATU_IMPORT_MAX_SECONDS (300): how much an import reads
GUATU_UPLOAD_RETENTION_HOURS (24): uploads never committed are removed after this long
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from guatu.core.cache_config import caches_from_env
from guatu.core.env import env_bool, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = env_path("GUATU_DATA_DIR", "var")
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("GUATU_DEBUG", False)


def _secret_key() -> str:
    configured = env_str("GUATU_SECRET_KEY")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        # Written whole under another name, then linked in: a process starting at the same moment (the two
        # test runs of `make test`) reads either no file or the whole key, never a half-written one.
        draft = DATA_DIR / f"secret_key.{os.getpid()}"
        draft.write_text(secrets.token_urlsafe(50))
        draft.chmod(0o600)
        try:
            os.link(draft, key_file)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("GUATU_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files for /api/docs/, served by the app (no CDN)
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "guatu.core",
    "guatu.accounts",
    "guatu.audit",
    "guatu.projects",
    "guatu.schedules",
    "guatu.indicators",
    "guatu.attraction",
    "guatu.briefings",
    "guatu.exchange",
    "guatu.reporting",
    "guatu.safety",
    "guatu.innovation",
    "guatu.funds",
    "guatu.rollups",
    "guatu.synth",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # With GUATU_REPLICA_URL: reads from the replica, each writer's own writes from the primary.
    "guatu.core.routers.ReadYourWritesMiddleware",
    "guatu.core.middleware.IgnoreBrowserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "guatu.audit.context.RequestActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "guatu.core.params.ParamErrorMiddleware",
    # Last, so that it turns a locked-out log-in into the lockout page (guatu.accounts.lockout).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "guatu.urls"
WSGI_APPLICATION = "guatu.wsgi.application"

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


def _database() -> dict:
    url = env_str("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "guatu.sqlite3",
        # WAL lets the web server read while a report is being written.
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"},
    }


DATABASES = {"default": _database()}
# A PostgreSQL streaming replica for reads (guatu.core.routers): GET requests read there, writes and the
# writer's next reads go to the primary until the replica has replayed them.
if env_str("GUATU_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(env_str("GUATU_REPLICA_URL"), conn_max_age=60)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["guatu.core.routers.PrimaryReplicaRouter"]
# Rendered figures, keyed by access, request and data version (guatu.core.cache): files in the data
# directory by default, the database's cache table with DATABASE_URL, GUATU_CACHE_URL to choose.
CACHES = caches_from_env(env_str("GUATU_CACHE_URL"), DATA_DIR, env_str("DATABASE_URL"))
# Sessions are read from that cache and written through to the database: one query less per page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Log-in throttling (django-axes): after GUATU_LOGIN_FAILURE_LIMIT failures for one username from one
# address, that pair is locked out for the cool-off (or until `guatu axes_reset_username USER` or the
# admin's 访问尝试 list lifts it). Keyed on the pair: by address alone one office behind a NAT would lock
# itself out; by username alone anyone could lock any officer out.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("GUATU_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("GUATU_LOGIN_COOLOFF_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "guatu.accounts.lockout.lockout_response"
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# `guatu serve`/`guatu demo` collect here before serving (guatu.core.staticfiles: hashed names, gzip and
# brotli copies, a year-long cache); GUATU_STATIC_ROOT puts it elsewhere (a front server's folder).
STATIC_ROOT = env_path("GUATU_STATIC_ROOT", str(DATA_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "guatu.core.staticfiles.PlotlyFinder",  # vendor/plotly/plotly.min.js from the plotly package, no CDN
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "guatu.core.staticfiles.GuatuStaticStorage"},
}
# Before the first collect the plain names are served from the source folders (short cache).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_KEEP_ONLY_HASHED_FILES = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "projects:cockpit"
LOGOUT_REDIRECT_URL = "login"

REST_FRAMEWORK = {
    # A token first, so that an API client without credentials gets 401 and `WWW-Authenticate: Token`.
    # Basic (username and password) only behind HTTPS: over plain HTTP it is refused with a message.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "guatu.accounts.authentication.ApiTokenAuthentication",
        "guatu.accounts.authentication.HttpsOnlyBasicAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["guatu.accounts.permissions.RolePermission"],
    "EXCEPTION_HANDLER": "guatu.core.api.exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "guatu.core.schema_hooks.add_error_responses",
    ],
    "TITLE": "guatu API",
    "DESCRIPTION": "Key-project ledger, monthly reports and progress. Money in 万元 as decimal strings.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1/",  # operations grouped by resource (projects, monthly-reports, safety …)
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "WarningLevelEnum": ["red", "yellow", "green"],
        # province/city/county: a list's, a fund's and a hazard supervision's level are the same choices.
        "GovernmentLevelEnum": "guatu.projects.choices.ListLevel",
        "HazardStatusEnum": "guatu.safety.choices.HazardStatus",
        "HazardGradeEnum": "guatu.safety.choices.HazardGrade",
        "AccidentClassEnum": "guatu.safety.choices.AccidentClass",
        "InnovationIndicatorKindEnum": "guatu.innovation.choices.IndicatorKind",
        "InnovationPartnerKindEnum": "guatu.innovation.choices.PartnerKind",
        "InnovationMilestoneKindEnum": "guatu.innovation.choices.MilestoneKind",
        "InnovationDatePrecisionEnum": "guatu.innovation.choices.DatePrecision",
        "StageEnum": "guatu.projects.choices.Stage",
        "LeadStageEnum": "guatu.attraction.choices.Stage",
        "LeadKindEnum": "guatu.attraction.choices.LeadKind",
        "TalkKindEnum": "guatu.attraction.choices.TalkKind",
    },
}

# Behind HTTPS (GUATU_HTTPS=1) the cookies are secure and browsers are told to stay on HTTPS;
# `guatu check --deploy` is then clean. The intranet demo on plain HTTP leaves it off.
HTTPS = env_bool("GUATU_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
# Background jobs (big imports): the database queue by default — SQLite here, PostgreSQL at scale —
# worked by `guatu db_worker` (`guatu demo` starts one). GUATU_TASKS_BACKEND may name another.
TASKS = {"default": {"BACKEND": env_str("GUATU_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Imports: limits on what is read (a clear error past them, never a crash or swap), and how long an
# upload that was previewed but never committed is kept.
GUATU_UPLOAD_MAX_BYTES = env_int("GUATU_UPLOAD_MAX_MB", 50, minimum=1) * 1024 * 1024
GUATU_IMPORT_MAX_ROWS = env_int("GUATU_IMPORT_MAX_ROWS", 200_000, minimum=10)
GUATU_IMPORT_MAX_COLUMNS = env_int("GUATU_IMPORT_MAX_COLUMNS", 200, minimum=10)
GUATU_IMPORT_MAX_CELL_CHARS = env_int("GUATU_IMPORT_MAX_CELL_CHARS", 32_767, minimum=100)
GUATU_IMPORT_MAX_SECONDS = env_int("GUATU_IMPORT_MAX_SECONDS", 300, minimum=1)
GUATU_UPLOAD_RETENTION_HOURS = env_int("GUATU_UPLOAD_RETENTION_HOURS", 24, minimum=1)
# An upload larger than the limit is refused while it arrives (Content-Length, then counted).
FILE_UPLOAD_HANDLERS = [
    "guatu.exchange.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: every script and style is a file the app serves; no inline script, no
# inline style element or attribute, no eval. Plotly (cockpit, project page, drill-down) draws with
# CSSOM (element.style, insertRule), which a policy does not restrict, so it needs nothing more.
# Data passed to scripts travels in `json_script` elements, which are data, not script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
