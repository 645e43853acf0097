"""Rate limits on the endpoints a script would hammer: registration, login, new requests.

Rates are settings (`REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`, from the environment),
read when a request arrives so that tests and deployments may change them.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle

REGISTRATION = "intake-registration"
LOGIN = "intake-login"
REQUEST_CREATION = "intake-request-creation"


class IntakeRateThrottle(ScopedRateThrottle):
    """DRF's scoped throttle (per user, or per client IP when anonymous), rates read live."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
