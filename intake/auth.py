"""Log in with the codice fiscale or the email: citizens know one, operators the other."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

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
