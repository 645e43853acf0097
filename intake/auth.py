"""Log in with the codice fiscale or the email: citizens know one, operators the other."""

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext
from rest_framework.throttling import BaseThrottle

from intake.validators import normalize_fiscal_code


class FiscalCodeOrEmailBackend(ModelBackend):
    """Django's model backend, with the codice fiscale or email as the username."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not username or password is None:
            return None
        identifier = username.strip()
        users = get_user_model().objects.filter(
            Q(username__iexact=normalize_fiscal_code(identifier))
            | Q(username__iexact=identifier)
            | Q(email__iexact=identifier)
        )
        for user in users[:2]:
            if user.check_password(password) and self.user_can_authenticate(user):
                return user
        # Spend the same time as a real check when nobody matches.
        get_user_model()().set_password(password)
        return None


def confirm_password(request, user, password):
    """Check a password asked again (e.g. before erasing the account) as a login try: through
    `authenticate`, so django-axes counts a wrong one and refuses while locked out."""
    return authenticate(request, username=user.get_username(), password=password) == user


def login_failure_limit(request, credentials):
    """django-axes compares one limit with the worst of its counts (account and address,
    and address alone): this gives the account limit once that pair has reached it, and the
    higher limit of an address otherwise, so one address trying many accounts (password
    spraying) is stopped too, without locking a Social Point's shared address too soon."""
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.db.models import Sum

    pair = AccessAttempt.objects.filter(
        username=login_identifier(request, credentials), ip_address=client_address(request)
    ).aggregate(failures=Sum("failures_since_start"))["failures"]
    if (pair or 0) >= settings.LOGIN_FAILURE_LIMIT:
        return settings.LOGIN_FAILURE_LIMIT
    return settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS


def login_identifier(request, credentials):
    """The account a login attempt is for, spelt one way (django-axes counts failures on it)."""
    identifier = ((credentials or {}).get("username") or "").strip()
    return identifier.lower() if "@" in identifier else normalize_fiscal_code(identifier)


def client_address(request):
    """The client's address by the API throttles' rule (NUM_PROXIES), for django-axes too."""
    return BaseThrottle().get_ident(request)


def locked_out(request, original_response=None, credentials=None):
    """What a locked-out login sees: a page in the portal, or a JSON error from the API."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {
                "detail": gettext(
                    "Troppi tentativi di accesso non riusciti: riprova tra %(minutes)d minuti "
                    "o reimposta la password."
                )
                % {"minutes": minutes},
                "code": "login_locked",
            },
            status=429,
        )
    else:
        response = render(
            request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429
        )
    response["Retry-After"] = str(minutes * 60)
    return response
