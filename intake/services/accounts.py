"""Citizen accounts: online registration with email verification, and registration at
a Social Point desk with a one-time activation code.

A citizen's username is their codice fiscale; the account stays inactive until the email
is verified or the activation code is used. Downloading or erasing one's data is in
`intake.services.privacy`.
"""

import secrets
from collections import namedtuple
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from catalogue.models import Municipality, SocialPointPage
from intake.models import (
    ActivationCode,
    CitizenProfile,
    RegistrationChannel,
)
from intake.notifications import queue_email
from intake.validators import (
    normalize_fiscal_code,
    validate_fiscal_code,
    validate_fiscal_code_matches_birth_date,
)

from .errors import ActivationFailed

AssistedRegistration = namedtuple("AssistedRegistration", ["profile", "activation_code"])

# What a citizen tells about themselves, checked together by `_clean_profile_fields`.
PROFILE_FIELDS = (
    "email",
    "first_name",
    "last_name",
    "fiscal_code",
    "birth_date",
    "municipality",
    "other_municipality",
    "phone",
    "preferred_language",
    "privacy_consent",
)

# Sent with `profile` when a citizen's profile is created (online or at a desk), in the
# registration's transaction: other apps attach what waits for that codice fiscale (an
# employer's welfare credit) without the intake knowing them.
profile_created = Signal()

# No 0/O, 1/I/L: the code is read from paper and typed by people who may not see well.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def _clean_names(data: dict[str, Any], errors: dict[str, list[Any]]) -> None:
    for field, label_max in (("first_name", 80), ("last_name", 80)):
        value = (data.get(field) or "").strip()
        if not value:
            errors[field] = [_("Questo campo è obbligatorio.")]
        elif len(value) > label_max:
            errors[field] = [_("Al massimo %(max)d caratteri.") % {"max": label_max}]
        data[field] = value


def _clean_fiscal_code(data: dict[str, Any], errors: dict[str, list[Any]]) -> None:
    code = normalize_fiscal_code(data.get("fiscal_code"))
    data["fiscal_code"] = code
    try:
        validate_fiscal_code(code)
    except ValidationError as error:
        errors["fiscal_code"] = error.messages
        return
    if (
        CitizenProfile.objects.filter(fiscal_code=code).exists()
        or get_user_model().objects.filter(username__iexact=code).exists()
    ):
        errors["fiscal_code"] = [DUPLICATE_FISCAL_CODE]


def _clean_birth_date(data: dict[str, Any], errors: dict[str, list[Any]]) -> None:
    birth_date = data.get("birth_date")
    if not birth_date:
        errors["birth_date"] = [_("Questo campo è obbligatorio.")]
    elif birth_date > timezone.localdate():
        errors["birth_date"] = [_("La data di nascita non può essere nel futuro.")]
    elif "fiscal_code" not in errors:
        try:
            validate_fiscal_code_matches_birth_date(data["fiscal_code"], birth_date)
        except ValidationError as error:
            errors["birth_date"] = error.messages


def _clean_email(
    data: dict[str, Any], errors: dict[str, list[Any]], *, email_required: bool
) -> None:
    email = (data.get("email") or "").strip().lower()
    data["email"] = email
    if email_required and not email:
        errors["email"] = [_("Questo campo è obbligatorio.")]
    elif email and get_user_model().objects.filter(email__iexact=email).exists():
        errors["email"] = [_("Questa email è già usata da un altro account.")]
    elif len(email) > 254:
        errors["email"] = [_("Al massimo %(max)d caratteri.") % {"max": 254}]


def _clean_residence(data: dict[str, Any], errors: dict[str, list[Any]]) -> None:
    other = (data.get("other_municipality") or "").strip()
    data["other_municipality"] = other
    if data.get("municipality") is None and not other:
        errors["municipality"] = [
            _("Scegli il comune di residenza, oppure scrivi il nome del tuo comune.")
        ]
    elif len(other) > 80:
        errors["other_municipality"] = [_("Al massimo %(max)d caratteri.") % {"max": 80}]
    if data.get("municipality") is not None:
        data["other_municipality"] = ""


def _clean_contact_and_consent(data: dict[str, Any], errors: dict[str, list[Any]]) -> None:
    phone = (data.get("phone") or "").strip()
    data["phone"] = phone
    if len(phone) > 40:
        errors["phone"] = [_("Al massimo %(max)d caratteri.") % {"max": 40}]
    if data.get("preferred_language", "it") not in dict(settings.LANGUAGES):
        errors["preferred_language"] = [_("Scegli una delle lingue proposte.")]
    if not data.get("privacy_consent"):
        errors["privacy_consent"] = [
            _("Per registrarti devi dichiarare di aver letto l'informativa sulla privacy.")
        ]


def _clean_profile_fields(data: dict[str, Any], *, email_required: bool) -> dict[str, list[Any]]:
    """Check every field of a new profile at once; raise all the errors together."""
    errors: dict[str, list[Any]] = {}
    _clean_names(data, errors)
    _clean_fiscal_code(data, errors)
    _clean_birth_date(data, errors)
    _clean_email(data, errors, email_required=email_required)
    _clean_residence(data, errors)
    _clean_contact_and_consent(data, errors)
    return errors


def _create_profile(
    data: dict[str, Any],
    *,
    user: Any,
    channel: str,
    registered_by: Any = None,
    registered_at: SocialPointPage | None = None,
) -> CitizenProfile:
    profile = CitizenProfile.objects.create(
        user=user,
        first_name=data["first_name"],
        last_name=data["last_name"],
        fiscal_code=data["fiscal_code"],
        birth_date=data["birth_date"],
        municipality=data.get("municipality"),
        other_municipality=data["other_municipality"],
        phone=data["phone"],
        email=data["email"],
        preferred_language=data.get("preferred_language") or "it",
        registration_channel=channel,
        registered_by=registered_by,
        registered_at=registered_at,
        privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
        privacy_consent_at=timezone.now(),
    )
    profile_created.send(sender=CitizenProfile, profile=profile)
    return profile


DUPLICATE_FISCAL_CODE = _(
    "Esiste già un account con questo codice fiscale: accedi, oppure recupera la password."
)


def _duplicate_error() -> ValidationError:
    return ValidationError({"fiscal_code": [DUPLICATE_FISCAL_CODE]})


def verification_link(user: Any) -> str:
    """The absolute link that proves a citizen owns the email they registered with."""
    path = reverse(
        "intake:verify-email",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def register_citizen(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    fiscal_code: str,
    birth_date: date | None,
    municipality: Municipality | None = None,
    other_municipality: str = "",
    phone: str = "",
    preferred_language: str = "it",
    privacy_consent: bool = False,
) -> CitizenProfile:
    """Create an inactive account and its profile, and queue the verification email."""
    data = {name: value for name, value in locals().items() if name in PROFILE_FIELDS}
    errors = _clean_profile_fields(data, email_required=True)
    user_model = get_user_model()
    candidate = user_model(
        username=data["fiscal_code"],
        email=data["email"],
        first_name=data["first_name"],
        last_name=data["last_name"],
    )
    try:
        validate_password(password or "", user=candidate)
    except ValidationError as error:
        errors["password"] = error.messages
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            candidate.set_password(password)
            candidate.is_active = False
            candidate.save()
            profile = _create_profile(data, user=candidate, channel=RegistrationChannel.WEB)
            queue_email(
                to=profile.email,
                template="verify_email",
                context={"profile": profile, "link": verification_link(candidate)},
                language=profile.preferred_language,
            )
    except IntegrityError as error:  # two registrations of one code at the same moment
        raise _duplicate_error() from error
    return profile


def verify_email(*, uidb64: str, token: str) -> CitizenProfile:
    """Activate the account behind a verification link; the link works until used."""
    user_model = get_user_model()
    try:
        user = user_model.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError, user_model.DoesNotExist):
        user = None
    if user is None or not hasattr(user, "citizen_profile"):
        raise ActivationFailed(_("Il link di verifica non è valido."))
    profile = user.citizen_profile
    if profile.email_verified_at and user.is_active:
        return profile
    if not default_token_generator.check_token(user, token):
        raise ActivationFailed(
            _("Il link di verifica non è valido o è scaduto: registrati di nuovo o accedi.")
        )
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        profile.email_verified_at = timezone.now()
        profile.save(update_fields=["email_verified_at", "updated_at"])
    return profile


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _normalize_code(code: str | None) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def format_code(code: str) -> str:
    """The code as printed on the letter: two groups of four."""
    return f"{code[:4]}-{code[4:]}"


def issue_activation_code(*, profile: CitizenProfile, operator: Any) -> str:
    """A new one-time code for a citizen registered at the desk; earlier codes stop working."""
    code = _new_code()
    now = timezone.now()
    with transaction.atomic():
        profile.activation_codes.filter(used_at__isnull=True).update(expires_at=now)
        ActivationCode.objects.create(
            profile=profile,
            code_hash=make_password(code),
            created_by=operator,
            expires_at=now + timedelta(days=settings.INTAKE_ACTIVATION_CODE_DAYS),
        )
    return format_code(code)


def register_citizen_assisted(
    *,
    operator: Any,
    social_point: SocialPointPage | None,
    first_name: str,
    last_name: str,
    fiscal_code: str,
    birth_date: date | None,
    municipality: Municipality | None = None,
    other_municipality: str = "",
    phone: str = "",
    email: str = "",
    preferred_language: str = "it",
    privacy_consent: bool = False,
    channel: str = RegistrationChannel.SOCIAL_POINT,
) -> AssistedRegistration:
    """Register a citizen at the desk (email optional) and return their one-time code."""
    data = {name: value for name, value in locals().items() if name in PROFILE_FIELDS}
    errors = _clean_profile_fields(data, email_required=False)
    if errors:
        raise ValidationError(errors)
    user_model = get_user_model()
    try:
        with transaction.atomic():
            user = user_model(
                username=data["fiscal_code"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                is_active=False,
            )
            user.set_unusable_password()
            user.save()
            profile = _create_profile(
                data,
                user=user,
                channel=channel,
                registered_by=operator,
                registered_at=social_point,
            )
            code = issue_activation_code(profile=profile, operator=operator)
    except IntegrityError as error:
        raise _duplicate_error() from error
    return AssistedRegistration(profile, code)


def activate_account(*, fiscal_code: str, code: str, password: str) -> Any:
    """Let a citizen registered at the desk choose a password with their one-time code."""
    profile = (
        CitizenProfile.objects.select_related("user")
        .filter(fiscal_code=normalize_fiscal_code(fiscal_code))
        .first()
    )
    plain = _normalize_code(code)
    now = timezone.now()
    match = None
    if profile is not None and len(plain) == CODE_LENGTH:
        for candidate in profile.activation_codes.filter(used_at__isnull=True, expires_at__gt=now):
            if check_password(plain, candidate.code_hash):
                match = candidate
                break
    if profile is None or match is None:
        raise ActivationFailed()
    user = profile.user
    try:
        validate_password(password or "", user=user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    with transaction.atomic():
        updated = ActivationCode.objects.filter(pk=match.pk, used_at__isnull=True).update(
            used_at=now
        )
        if not updated:
            raise ActivationFailed()
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
    return user


def needs_privacy_consent(profile: CitizenProfile) -> bool:
    """Whether this citizen consented to an older privacy notice than the current one."""
    return profile.privacy_notice_version != settings.PRIVACY_NOTICE_VERSION


def record_privacy_consent(*, profile: CitizenProfile) -> CitizenProfile:
    """The citizen read the current privacy notice: store its version and the time."""
    profile.privacy_notice_version = settings.PRIVACY_NOTICE_VERSION
    profile.privacy_consent_at = timezone.now()
    profile.save(update_fields=["privacy_notice_version", "privacy_consent_at"])
    return profile
