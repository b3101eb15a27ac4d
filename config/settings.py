"""Settings for Liaison, read from the environment.

One file for every environment, in the manner of healthchecks: development,
tests and production differ only in environment variables.

- ``DATABASE_URL``: any URL dj-database-url understands; default an SQLite
  file in ``var/`` inside the project, so nothing needs a server.
- ``DJANGO_ENV``: ``production`` asks for production; so does a set ``SECRET_KEY``.
  Otherwise (a fresh checkout) the settings are development ones, so that every
  management command runs without extra variables.
- ``SECRET_KEY``: required in production, which refuses to start without it; in
  development a random key is kept in ``var/secret_key`` (never in the repository).
- ``SQLITE_BUSY_TIMEOUT``: seconds an SQLite writer waits for another one (default 120).
- ``DEBUG``: on in development, off in production, unless set.
- ``ALLOWED_HOSTS``, ``CSRF_TRUSTED_ORIGINS``, ``SECURE_SSL_REDIRECT``,
  ``SECURE_HSTS_SECONDS``: production-safe defaults when ``DEBUG`` is off.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from import_export.formats import base_formats

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("LIAISON_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def development_secret_key() -> str:
    """A per-checkout random key for development, kept out of the repository."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
PRODUCTION = os.environ.get("DJANGO_ENV", "").strip().lower() == "production" or bool(SECRET_KEY)
DEBUG = env_bool("DEBUG", not PRODUCTION)

if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "DJANGO_ENV=production needs SECRET_KEY in the environment; "
            "leave DJANGO_ENV unset for development."
        )
    SECRET_KEY = development_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "catalog.apps.CatalogAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "import_export",
    "simple_history",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "catalog",
]

MIDDLEWARE = [
    # First: every public output below asks the withheld view of the request it answers.
    "catalog.restrictions.public.WithheldRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "catalog.caching.middleware.ConditionalPublicPagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

# Caching (catalog.caching): Redis when REDIS_URL is set (one cache shared by every worker),
# otherwise each process's local memory. Every key holds the catalog's version, which any
# write to the catalog changes, so neither ever serves a page older than the data.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
CACHE_SECONDS = env_int("CACHE_SECONDS", 3600)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": CACHE_SECONDS,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "liaison",
            "TIMEOUT": CACHE_SECONDS,
        }
    }
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Each worker keeps its connection between requests (CONN_MAX_AGE seconds, checked before
# reuse): opening one costs more than a page served from the cache (on SQLite, its pragmas
# and the WAL checkpoint when the last connection closes: about 5 ms, against 2 ms for the
# whole cached page; on PostgreSQL, a new backend process). 0 opens one per request.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'liaison.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# SQLite with concurrent writers (an import, an archivist in the admin, a second import):
# WAL lets readers go on while one writer writes; every transaction takes the write lock
# when it begins (IMMEDIATE), so a second writer waits in SQLite's busy handler for up to
# SQLITE_BUSY_TIMEOUT seconds instead of failing at its first write with "database is
# locked" (a deferred transaction that has read cannot wait for the lock).
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": env_int("SQLITE_BUSY_TIMEOUT", 120),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    VAR_DIR.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = (
    [BASE_DIR / "catalog" / "static"] if (BASE_DIR / "catalog" / "static").is_dir() else []
)
# Uploaded files (the scanned pages, catalog.scans) go to Django's default storage: a folder,
# MEDIA_ROOT (LIAISON_MEDIA_ROOT, default var/media), or an S3-compatible bucket when
# LIAISON_S3_BUCKET is set (django-storages, `pip install -e '.[s3]'`). Nothing serves them
# at a public address: the admin and the IIIF image service read them after their checks.
MEDIA_ROOT = Path(os.environ.get("LIAISON_MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "media/"


def default_storage() -> dict:
    bucket = os.environ.get("LIAISON_S3_BUCKET", "").strip()
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "location": os.environ.get("LIAISON_S3_PREFIX", "").strip("/"),
        "default_acl": None,  # the bucket's own policy: keep it private
        "querystring_auth": True,
        "file_overwrite": False,
    }
    for option, name in (
        ("endpoint_url", "LIAISON_S3_ENDPOINT_URL"),  # MinIO, Ceph, Garage, a provider's
        ("region_name", "LIAISON_S3_REGION"),
        ("access_key", "LIAISON_S3_ACCESS_KEY_ID"),
        ("secret_key", "LIAISON_S3_SECRET_ACCESS_KEY"),
    ):
        if os.environ.get(name):
            options[option] = os.environ[name]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": default_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("LIAISON_PLAIN_STATIC")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Production hardening: on unless DEBUG, each overridable from the environment.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGIN_URL = "admin:login"

# Login throttling (django-axes), for the admin's login and any other that authenticates:
# after LOGIN_FAILURE_LIMIT wrong passwords for one username from one address, logging in
# as that username from that address is refused for LOGIN_LOCKOUT_MINUTES, even with the
# right password. The client address is REMOTE_ADDR; behind a proxy, set
# AXES_IPWARE_PROXY_COUNT and AXES_IPWARE_META_PRECEDENCE_ORDER as django-axes documents.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "catalog.admin.accounts.lockout_response"
AXES_VERBOSE = False

# Content-Security-Policy (django-csp): scripts, styles, images and fonts from the site
# itself only, no plugins, no framing, forms posted only to the site. Data blocks such as
# the JSON-LD <script type="application/ld+json"> are not run, so the policy leaves them
# alone. The pages draw charts with style attributes, which cannot run code; they are
# allowed, while <style> elements and inline or outside scripts are not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# OAI-PMH (catalog.opendata.oai): the repository's name and contact in Identify, the
# namespace of its item identifiers (oai:<namespace>:document/12; a domain name, never to
# change once harvesters hold identifiers), how many records a response carries, and how
# long a resumption token stays valid.
OAI_REPOSITORY_NAME = os.environ.get("OAI_REPOSITORY_NAME", "Liaison")
OAI_ADMIN_EMAIL = os.environ.get("OAI_ADMIN_EMAIL", "archivist@example.org")
OAI_NAMESPACE = os.environ.get("OAI_NAMESPACE", "liaison.catalog")
OAI_PAGE_SIZE = env_int("OAI_PAGE_SIZE", 100)
OAI_TOKEN_SECONDS = env_int("OAI_TOKEN_SECONDS", 24 * 3600)
# Every OAI-PMH response states its own date and its tokens' expiry: never a 304 for it.
# The IIIF image service (catalog.scans.iiif) gives each tile its own ETag and cache headers.
CONDITIONAL_GET_EXEMPT = ("/oai/", "/iiif/")
# Whole pages are cached for anonymous visitors (catalog.caching.pages), except these and
# the addresses above: API requests are throttled per client, so each must reach the view.
# Tiles of the scans (/iiif/) are images read from storage after a check of publication and
# restrictions: kept in the page cache they would fill it, and skip the check.
PAGE_CACHE_EXEMPT = ("/api/", "/iiif/")
# The read API (catalog.api): JSON only, read-only, paginated by cursor, filtered by the
# public pages' filter sets. Signed-in staff see drafts there as on the pages (session
# login); everyone else sees published records. Requests are throttled per client address
# (anonymous) or per user: API_ANON_RATE and API_USER_RATE, as "120/minute", "5000/day".
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "catalog.api.pagination.CursorPages",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "120/minute"),
        "user": os.environ.get("API_USER_RATE", "600/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Liaison read API",
    "DESCRIPTION": (
        "Published records of the Liaison catalog: documents, their texts, persons, agencies, "
        "contact events, subjects and places. Read-only; lists are paginated by cursor "
        "(follow `next`) and take the filters of the public pages."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the catalog's own static files (drf-spectacular-sidecar), never a CDN,
    # and without the online validator badge, which would load an image from elsewhere.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "ENUM_NAME_OVERRIDES": {
        "AgencyKindEnum": "catalog.models.people.Agency.Kind",
        "PlaceKindEnum": "catalog.models.vocabularies.Place.Kind",
        "TextKindEnum": "catalog.models.documents.Translation.Kind",
        "EventKindEnum": "catalog.models.events.ContactEvent.Kind",
        "NameKindEnum": "catalog.models.people.NameKind",
    },
}

# Spreadsheets in the admin: CSV, Excel and JSON, read and written by the same
# resource definitions as the CSV interchange commands.
IMPORT_EXPORT_FORMATS = [base_formats.CSV, base_formats.XLSX, base_formats.JSON]
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
SIMPLE_HISTORY_REVERT_DISABLED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
