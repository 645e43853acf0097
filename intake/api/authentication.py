"""API tokens that expire: `API_TOKEN_DAYS` after their issue they stop working."""

from datetime import timedelta
from types import SimpleNamespace

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token


def is_expired(token, now=None):
    """True when the token is older than API_TOKEN_DAYS."""
    now = now or timezone.now()
    return token.created < now - timedelta(days=settings.API_TOKEN_DAYS)


def issue_token(user):
    """The user's working token: the current one, or a new one if it has expired."""
    token = Token.objects.filter(user=user).first()
    if token is not None and is_expired(token):
        token.delete()
        token = None
    return token or Token.objects.create(user=user)


def revoke_tokens(user):
    """Revoke every API token of this user (apps must log in again); returns how many."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return deleted


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing (and deleting) an expired token.

    The token is read with its user and the user's citizen profile, which nearly every call
    of a citizen's app reads next: one query instead of two."""

    def get_model(self):
        # DRF reads `get_model().objects.select_related("user").get(key=...)` and catches
        # its DoesNotExist: hand it Token's manager already joined to the profile.
        return SimpleNamespace(
            objects=Token.objects.select_related("user__citizen_profile"),
            DoesNotExist=Token.DoesNotExist,
        )

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if is_expired(token):
            token.delete()
            raise exceptions.AuthenticationFailed(_("Il token è scaduto: accedi di nuovo."))
        return user, token
