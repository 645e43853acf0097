"""Test settings: fast hashing, mail kept in memory, plain static storage."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The base's caches but its sessions' (a shared CACHE_URL keeps its local layer too).
CACHES = {alias: value for alias, value in CACHES.items() if alias != "sessions"}  # noqa: F405
# Tests share one process and one local-memory cache while their databases roll back: pages
# and reads are kept only where a test turns it on (tests/home/test_page_cache.py).
PAGE_CACHE_ENABLED = False
CONTENT_CACHE_ENABLED = False
LOGGING = {"version": 1, "disable_existing_loggers": False}
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"
# Static files come from the apps' folders; no collectstatic before a test run.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Lockouts are tested on their own (tests/intake/test_login_lockout.py); elsewhere tests log
# in without a request object, which django-axes refuses.
AXES_ENABLED = False
# Tests of the second factor turn it on (tests/intake/test_second_factor.py).
STAFF_2FA_REQUIRED = False
# Receipts uploaded by tests go to a throwaway folder, not the worktree's var/private.
PRIVATE_MEDIA_ROOT = __import__("tempfile").mkdtemp(prefix="rw-private-")
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}
