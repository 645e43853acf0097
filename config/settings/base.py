"""Settings shared by every environment, read from environment variables in one place.

Defaults here are safe for development only; `production.py` refuses to start without
its secrets. Each variable is documented in README.md.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "home",
    "catalogue",
    "intake",
    "funding",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "bootstrap_italia_template",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "home.middleware.RequestLogMiddleware",
    "catalogue.content_cache.one_generation_per_request",
    # Outermost but for the log: a kept page carries every header set by what follows.
    "home.page_cache.AnonymousPageCacheMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "home.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "home.middleware.KeptSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "intake.sessions.SessionTimeoutMiddleware",
    "intake.second_factor.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "home.middleware.PublicAPICacheMiddleware",
    "axes.middleware.AxesMiddleware",
    "home.security.NoStorePersonalDataMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
# A kept connection is checked before a request reuses it: a restarted database costs one
# reconnection, not an error answer.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Sessions in their own cache (Redis) when SESSION_CACHE_URL is set, so that clearing the
# page cache never logs anyone out; in the database otherwise.
if env("SESSION_CACHE_URL", default=""):
    CACHES["sessions"] = env.cache("SESSION_CACHE_URL")
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    SESSION_CACHE_ALIAS = "sessions"

# Reads kept until the next publication (catalogue/content_cache.py): a service card's
# lists, facet counts per query string; seconds they are kept at most.
CONTENT_CACHE_ENABLED = env.bool("CONTENT_CACHE_ENABLED", default=True)
CONTENT_CACHE_ALIAS = "default"
# With a shared cache (Redis), what is kept is kept in each process's memory too
# (catalogue/content_cache.py): a bounded local-memory cache, off when the default cache is
# local memory already.
CONTENT_CACHE_LOCAL_ALIAS = None
if not CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    CACHES["content-local"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "content-local",
        "OPTIONS": {"MAX_ENTRIES": env.int("CONTENT_CACHE_LOCAL_ENTRIES", default=2000)},
    }
    CONTENT_CACHE_LOCAL_ALIAS = "content-local"
CONTENT_CACHE_SECONDS = env.int("CONTENT_CACHE_SECONDS", default=3600)
# Public pages for anonymous visitors, kept whole in the cache until content changes
# (home/page_cache.py): seconds a page is kept at most, and seconds a shared cache in front
# (nginx, a CDN) may keep it (0: none may; it then asks the portal every time).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=3600)
PAGE_CACHE_SHARED_SECONDS = env.int("PAGE_CACHE_SHARED_SECONDS", default=0)
# A CDN or Varnish in front: Wagtail's frontend cache purges a page's URLs when it is
# published (home/frontend_cache.py adds the pages that list it). FRONTEND_CACHE_URL is the
# address that takes HTTP PURGE requests (Varnish, or nginx with the cache-purge module).
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_URL", default=""):
    WAGTAILFRONTENDCACHE["default"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_URL"),
    }

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Rete Welfare <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Citizens log in with their codice fiscale (their username) or their email.
# django-axes first: it refuses a login after repeated failures before any password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "intake.auth.FiscalCodeOrEmailBackend",
]
LOGIN_URL = "intake:login"
# After logging in, a citizen lands on «Le mie richieste» (unless ?next= says otherwise).
LOGIN_REDIRECT_URL = "intake:my-requests"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Italian is the source language of content and UI; English, and the languages of some of the
# province's largest foreign communities (Arabic, Romanian, Albanian, Ukrainian).
LANGUAGE_CODE = "it"
LANGUAGES = [
    ("it", _("Italiano")),
    ("en", _("Inglese")),
    ("ar", _("Arabo")),
    ("ro", _("Rumeno")),
    ("sq", _("Albanese")),
    ("uk", _("Ucraino")),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Each language named in itself in the switcher, where Django's own name differs from the usual
# spelling (Django writes Arabic with a shadda).
LANGUAGE_NAMES_LOCAL = {"ar": "العربية"}
# Languages written right to left: the document gets dir="rtl" and the mirrored stylesheet.
RTL_LANGUAGES = {"ar"}
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Rome"

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Files with personal data (reimbursement receipts): never under MEDIA_ROOT, never served by
# the web server; only funding's views read them, after checking who asks.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private")
PRIVATE_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": PRIVATE_STORAGE,
}

WAGTAIL_SITE_NAME = env("SITE_NAME", default="Rete Welfare")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # PostgreSQL full text uses this configuration; SQLite ignores it.
        "SEARCH_CONFIG": "italian",
    }
}
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "xlsx", "ods", "txt", "csv"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "intake.api.authentication.ExpiringTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    # Errors as {"detail": ..., "code": ...}; JSON bodies that would crash answer 400.
    "EXCEPTION_HANDLER": "home.api.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "home.api.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
# Intake API rate limits (per user, or per client IP when anonymous; counted in the cache,
# so shared between processes only with a shared cache such as Redis).
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "intake-registration": env("THROTTLE_REGISTRATION", default="10/hour"),
    "intake-login": env("THROTTLE_LOGIN", default="10/min"),
    "intake-request-creation": env("THROTTLE_REQUEST_CREATION", default="30/hour"),
    # Funding API writes (quotes, acceptances, deliveries...): per user.
    "funding-writes": env("THROTTLE_FUNDING_WRITES", default="600/hour"),
}
# How many proxies stand in front of the app: the client's IP (for the throttles) is read
# from X-Forwarded-For that many hops back. 0 trusts only the connection's address, so a
# client cannot dodge a limit by sending its own X-Forwarded-For.
REST_FRAMEWORK["NUM_PROXIES"] = env.int("NUM_PROXIES", default=0)
# Seconds an Idempotency-Key and its answer are kept; seconds a request holding a key may
# run before a retry may take the key over (a crashed worker does not block it forever).
INTAKE_IDEMPOTENCY_KEY_TTL = env.int("INTAKE_IDEMPOTENCY_KEY_TTL", default=24 * 3600)
INTAKE_IDEMPOTENCY_LEASE = env.int("INTAKE_IDEMPOTENCY_LEASE", default=60)
SPECTACULAR_SETTINGS = {
    "TITLE": "Rete Welfare API",
    "DESCRIPTION": "Catalogue (Wagtail API v2, Open Referral HSDS 3.0) and intake APIs.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Only the public APIs: the admin's internal endpoints are not a contract.
    "PREPROCESSING_HOOKS": ["home.openapi.public_api_only"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "home.openapi.document_error_answers",
        "home.openapi.blank_emails_allowed",
    ],
}
# One name in the OpenAPI schema for the request statuses used by several fields.
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    "RequestStatusEnum": "intake.models.RequestStatus",
    "AllocationStatusEnum": "funding.models.AllocationStatus",
    "OrderStatusEnum": "funding.models.OrderStatus",
    "DeliveryStatusEnum": "funding.models.DeliveryStatus",
    "StatementStatusEnum": "funding.models.StatementStatus",
    "Art51CategoryEnum": "catalogue.choices.Art51Category",
    "ReimbursementStatusEnum": "funding.models.ReimbursementStatus",
    "RelationshipEnum": "funding.models.Relationship",
}

# The open catalogue APIs may be read from any origin (GET only); the intake API may not.
CORS_URLS_REGEX = r"^/api/(v2|hsds)/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
# Seconds a CDN or browser may reuse a public catalogue API answer.
PUBLIC_API_MAX_AGE = env.int("PUBLIC_API_MAX_AGE", default=300)

# One line per request on stdout, with an X-Request-ID echoed in the response.
LOG_REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
GENERATE_REQUEST_ID_IF_NOT_IN_HEADER = True
REQUEST_ID_RESPONSE_HEADER = "X-Request-ID"
LOG_REQUESTS = True
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "log_request_id.filters.RequestIDFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["stdout"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # The request log replaces Django's own access lines.
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        # Wagtail runs search indexing as tasks; their start/finish lines are noise.
        "django_tasks": {"level": "WARNING"},
    },
}

# Bootstrap Italia's assets are served from design-django-theme's static folder.
DJANGO_BOOTSTRAP_ITALIA_USE_CDN = False

# Background work. Wagtail's own tasks (search indexing) run at once; the email outbox goes
# through the database queue, so a notification is stored in the transaction that caused
# it and sent by the worker (`manage.py db_worker --backend outbox`).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "outbox": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# The intake.
# The version of the privacy notice a citizen consents to when registering; a citizen who
# consented to an older one confirms the new one after login. 2026-12: company welfare (what
# an employer's HR reads, and never reads).
PRIVACY_NOTICE_VERSION = env("PRIVACY_NOTICE_VERSION", default="2026-12")
# Days a Social Point's one-time activation code stays valid.
INTAKE_ACTIVATION_CODE_DAYS = env.int("INTAKE_ACTIVATION_CODE_DAYS", default=30)

# Back office: a request assigned to a provider is flagged as late after this many working
# days (Monday to Friday) without an answer; public holidays of this country (ISO code,
# through the `holidays` library) are not working days either; empty to count weekends only.
INTAKE_PROVIDER_RESPONSE_WORKING_DAYS = env.int("INTAKE_PROVIDER_RESPONSE_WORKING_DAYS", default=3)
INTAKE_HOLIDAYS_COUNTRY = env.str("INTAKE_HOLIDAYS_COUNTRY", default="IT")

# Failed logins (portal, admin and API token alike) are counted per account and address by
# django-axes; past the limit that pair is refused for the cool-off time.
# One address trying many accounts (password spraying) is refused after
# LOGIN_FAILURE_LIMIT_PER_ADDRESS failures in all (intake.auth.login_failure_limit).
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env.int("LOGIN_FAILURE_LIMIT_PER_ADDRESS", default=20)
AXES_FAILURE_LIMIT = "intake.auth.login_failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "intake.auth.login_identifier"
AXES_CLIENT_IP_CALLABLE = "intake.auth.client_address"
AXES_LOCKOUT_CALLABLE = "intake.auth.locked_out"
AXES_VERBOSE = False
# Lockouts kept in the cache (Redis, shared by every app server) instead of the database.
if env.bool("LOGIN_LOCKOUTS_IN_CACHE", default=False):
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"

# Staff (whoever can open /admin/) log in with a password and a TOTP code (django-otp); on
# by default, off in the development settings so that the demo's staff log in at once.
STAFF_2FA_REQUIRED = env.bool("STAFF_2FA_REQUIRED", default=True)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# Sessions end after this long idle, or this long in all for staff (intake/sessions.py).
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=30)
STAFF_SESSION_MAX_HOURS = env.int("STAFF_SESSION_MAX_HOURS", default=12)
CITIZEN_SESSION_IDLE_MINUTES = env.int("CITIZEN_SESSION_IDLE_MINUTES", default=120)
SESSION_COOKIE_AGE = CITIZEN_SESSION_IDLE_MINUTES * 60
# Days an API token works from its issue; then the app logs in again.
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=30)

# Retention (manage.py apply_retention, daily): see the table in README.md.
RETENTION_UNACTIVATED_DAYS = env.int("RETENTION_UNACTIVATED_DAYS", default=30)
RETENTION_EMAIL_BODY_DAYS = env.int("RETENTION_EMAIL_BODY_DAYS", default=90)
RETENTION_LOGIN_ATTEMPT_DAYS = env.int("RETENTION_LOGIN_ATTEMPT_DAYS", default=90)
RETENTION_CLOSED_REQUEST_YEARS = env.int("RETENTION_CLOSED_REQUEST_YEARS", default=10)
RETENTION_ACCESS_RECORD_YEARS = env.int("RETENTION_ACCESS_RECORD_YEARS", default=5)

# Security headers (home/security.py). The public pages' policy has no nonce and no
# 'unsafe-inline' for scripts: every script is a static file, so a page stays the same for
# every visitor and can be cached. JSON-LD (<script type="application/ld+json">) is data,
# never executed, and CSP does not block it. Wagtail's admin needs inline scripts and
# styles (its own and its editors'), so /admin/ gets a laxer policy of its own.
CSP_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        # Bootstrap Italia's script adds <style> elements at run time; styles cannot run code.
        "style-src": [CSP_SELF, "'unsafe-inline'"],
        "img-src": [CSP_SELF, "data:"],
        "font-src": [CSP_SELF, "data:"],
        "connect-src": [CSP_SELF],
        "object-src": ["'none'"],
        "base-uri": [CSP_SELF],
        "form-action": [CSP_SELF],
        "frame-ancestors": [CSP_SELF],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [CSP_SELF, "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": [CSP_SELF, "'unsafe-inline'"],
    "img-src": [CSP_SELF, "data:", "blob:", "https:"],
    "frame-src": [CSP_SELF, "https:"],
}
CONTENT_SECURITY_POLICY_ADMIN_PREFIXES = ("/admin/",)
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
# Answers carrying personal data are never stored by a browser or a shared cache.
NO_STORE_URL_PREFIXES = (
    "/api/intake/",
    "/api/funding/",
    "/admin/",
    "/richieste/",
    "/account/",
    "/buoni/",
)
CSRF_FAILURE_VIEW = "home.errors.csrf_failure"
# Only a smoke run sets it: /__error_probe__/ then raises, to check the 500 page.
ERROR_PROBE = env.bool("ERROR_PROBE", default=False)

# No avatars from Gravatar in the admin: a staff member's email hash is not sent to a third
# party, and the admin's Content-Security-Policy needs no outside image host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
