"""Development settings: DEBUG on, a throwaway secret, every host on this machine."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-not-secret-rete-welfare")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = True
# Whole pages are not kept while developing, so that a changed template shows at once
# (PAGE_CACHE_ENABLED=true to try the cache).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=False)
# The demo's staff log in with a password alone (production asks them for a TOTP code).
STAFF_2FA_REQUIRED = env.bool("STAFF_2FA_REQUIRED", default=False)
