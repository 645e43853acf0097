"""Citizen accounts: online registration with email verification, and registration at
a Social Point desk with a one-time activation code.

A citizen's username is their codice fiscale; the account stays inactive until the email
is verified or the activation code is used. A citizen may download everything the portal
holds about them, or erase it (`export_citizen_data`, `erase_citizen`).
"""

import secrets
from collections import namedtuple
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import Token

from intake.api.idempotency import owner_of_user
from intake.models import (
    AccessAction,
    ActivationCode,
    CitizenProfile,
    IdempotencyRecord,
    Notification,
    NotificationStatus,
    RegistrationChannel,
    RequestEvent,
    ServiceRequest,
)
from intake.notifications import queue_email
from intake.roles import is_district_office, is_operator
from intake.services.access import record_access
from intake.validators import (
    normalize_fiscal_code,
    validate_fiscal_code,
    validate_fiscal_code_matches_birth_date,
)

from .errors import ActivationFailed, TransitionNotAllowed
from .lifecycle import TRANSITIONS, Action, perform_transition

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

# No 0/O, 1/I/L: the code is read from paper and typed by people who may not see well.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def _clean_profile_fields(data, *, email_required):
    """Check every field of a new profile at once; raise all the errors together."""
    errors = {}
    user_model = get_user_model()
    for field, label_max in (("first_name", 80), ("last_name", 80)):
        value = (data.get(field) or "").strip()
        if not value:
            errors[field] = [_("Questo campo è obbligatorio.")]
        elif len(value) > label_max:
            errors[field] = [_("Al massimo %(max)d caratteri.") % {"max": label_max}]
        data[field] = value
    code = normalize_fiscal_code(data.get("fiscal_code"))
    data["fiscal_code"] = code
    try:
        validate_fiscal_code(code)
    except ValidationError as error:
        errors["fiscal_code"] = error.messages
    else:
        if (
            CitizenProfile.objects.filter(fiscal_code=code).exists()
            or user_model.objects.filter(username__iexact=code).exists()
        ):
            errors["fiscal_code"] = [DUPLICATE_FISCAL_CODE]
    birth_date = data.get("birth_date")
    if not birth_date:
        errors["birth_date"] = [_("Questo campo è obbligatorio.")]
    elif birth_date > timezone.localdate():
        errors["birth_date"] = [_("La data di nascita non può essere nel futuro.")]
    elif "fiscal_code" not in errors:
        try:
            validate_fiscal_code_matches_birth_date(code, birth_date)
        except ValidationError as error:
            errors["birth_date"] = error.messages
    email = (data.get("email") or "").strip().lower()
    data["email"] = email
    if email_required and not email:
        errors["email"] = [_("Questo campo è obbligatorio.")]
    elif email and user_model.objects.filter(email__iexact=email).exists():
        errors["email"] = [_("Questa email è già usata da un altro account.")]
    elif len(email) > 254:
        errors["email"] = [_("Al massimo %(max)d caratteri.") % {"max": 254}]
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
    return errors


def _create_profile(data, *, user, channel, registered_by=None, registered_at=None):
    return CitizenProfile.objects.create(
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


DUPLICATE_FISCAL_CODE = _(
    "Esiste già un account con questo codice fiscale: accedi, oppure recupera la password."
)


def _duplicate_error():
    return ValidationError({"fiscal_code": [DUPLICATE_FISCAL_CODE]})


def verification_link(user):
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
    email,
    password,
    first_name,
    last_name,
    fiscal_code,
    birth_date,
    municipality=None,
    other_municipality="",
    phone="",
    preferred_language="it",
    privacy_consent=False,
):
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


def verify_email(*, uidb64, token):
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


def _new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _normalize_code(code):
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def format_code(code):
    """The code as printed on the letter: two groups of four."""
    return f"{code[:4]}-{code[4:]}"


def issue_activation_code(*, profile, operator):
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
    operator,
    social_point,
    first_name,
    last_name,
    fiscal_code,
    birth_date,
    municipality=None,
    other_municipality="",
    phone="",
    email="",
    preferred_language="it",
    privacy_consent=False,
    channel=RegistrationChannel.SOCIAL_POINT,
):
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


def activate_account(*, fiscal_code, code, password):
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
    if match is None:
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


# --- the citizen's own data: download and erasure ----------------------------------------

ERASED_FIRST_NAME = "Cittadino"
ERASED_LAST_NAME = "cancellato"
# Requests the citizen can still withdraw: erasing the account withdraws them first.
OPEN_STATUSES = TRANSITIONS[Action.WITHDRAW].sources


def _iso(value):
    return value.isoformat() if value else None


def _citizen_addresses(profile):
    """Every address the portal wrote to for this citizen: profile, login, requests."""
    addresses = {profile.email, profile.user.email}
    addresses |= set(profile.requests.values_list("contact_email", flat=True))
    return {address.lower() for address in addresses if address}


def _emails_to(addresses):
    if not addresses:
        return Notification.objects.none()
    query = Q()
    for address in addresses:
        query |= Q(to_email__iexact=address)
    return Notification.objects.filter(query)


def export_citizen_data(*, profile):
    """Everything the portal holds about a citizen, as JSON-ready data (ISO dates).

    The right of access (GDPR art. 15 and 20): profile, consent, how they were registered,
    each request with its history, and the emails the portal sent them. Staff members'
    names are not part of it, only what they did.
    """
    profile = CitizenProfile.objects.select_related("user", "municipality", "registered_at").get(
        pk=profile.pk
    )
    events = RequestEvent.objects.select_related("provider").order_by("created_at", "pk")
    requests = (
        profile.requests.select_related("preferred_provider", "provider", "social_point")
        .prefetch_related(Prefetch("events", queryset=events))
        .order_by("submitted_at", "pk")
    )
    emails = _emails_to(_citizen_addresses(profile)).order_by("created_at", "pk")
    user = profile.user
    return {
        "exported_at": _iso(timezone.now()),
        "profile": {
            "first_name": profile.first_name,
            "last_name": profile.last_name,
            "fiscal_code": profile.fiscal_code,
            "birth_date": _iso(profile.birth_date),
            "email": profile.email,
            "phone": profile.phone,
            "municipality": profile.municipality.name if profile.municipality else "",
            "other_municipality": profile.other_municipality,
            "preferred_language": profile.preferred_language,
            "registration_channel": profile.registration_channel,
            "registration_channel_label": str(profile.get_registration_channel_display()),
            "registered_at_social_point": (
                profile.registered_at.title if profile.registered_at else ""
            ),
            "registered_on": _iso(profile.created_at),
            "privacy_notice_version": profile.privacy_notice_version,
            "privacy_consent_at": _iso(profile.privacy_consent_at),
            "email_verified_at": _iso(profile.email_verified_at),
        },
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "requests": [
            {
                "reference": item.reference,
                "service_title": item.service_title,
                "provider_title": item.provider_title,
                "preferred_provider": (
                    item.preferred_provider.title if item.preferred_provider else ""
                ),
                "assigned_provider": item.provider.title if item.provider else "",
                "social_point": item.social_point.title if item.social_point else "",
                "channel": item.channel,
                "status": item.status,
                "status_label": str(item.get_status_display()),
                "description": item.description,
                "preferred_contact": item.preferred_contact,
                "contact_phone": item.contact_phone,
                "contact_email": item.contact_email,
                "voucher_requested": item.voucher_requested,
                "submitted_at": _iso(item.submitted_at),
                "assigned_at": _iso(item.assigned_at),
                "accepted_at": _iso(item.accepted_at),
                "closed_at": _iso(item.closed_at),
                "events": [
                    {
                        "created_at": _iso(event.created_at),
                        "action": event.action,
                        "from_status": event.from_status,
                        "to_status": event.to_status,
                        "to_status_label": str(event.get_to_status_display()),
                        "note": event.note,
                        "provider": event.provider.title if event.provider else "",
                    }
                    for event in item.events.all()
                ],
            }
            for item in requests
        ],
        "emails": [
            {
                "to": email.to_email,
                "subject": email.subject,
                "created_at": _iso(email.created_at),
                "sent_at": _iso(email.sent_at),
                "status": email.status,
            }
            for email in emails
        ],
    }


def erased_fiscal_code(profile):
    """A 16-character placeholder that no codice fiscale can equal: a real one starts with
    six letters, this one with X and digits (the profile's pk, so it stays unique)."""
    return "X" + str(profile.pk).zfill(15)


def erase_citizen(*, profile, actor):
    """Erase a citizen's personal data, in one transaction; returns the anonymised profile.

    Open requests are withdrawn first, through the lifecycle (the citizen as actor), so
    their history and emails stay consistent. What identifies the person goes: names,
    codice fiscale, contacts, descriptions of the need, the citizen's own notes, codes,
    tokens, the login. What the district needs for its statistics stays: the service, the
    status and the dates of each request, the municipality, the year of birth. The same
    codice fiscale can then register again.
    """
    user = profile.user
    if not (actor.pk == user.pk or is_operator(actor) or is_district_office(actor)):
        raise TransitionNotAllowed(
            _("Solo il cittadino, o un operatore per suo conto, può cancellare l'account."),
            code="forbidden",
        )
    if profile.erased_at is not None:
        return profile
    with transaction.atomic():
        record_access(actor=actor, action=AccessAction.ERASURE, citizen=profile)
        profile = (
            CitizenProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
        )
        user = profile.user
        for service_request in profile.requests.filter(status__in=OPEN_STATUSES).select_related(
            "citizen", "provider"
        ):
            perform_transition(service_request=service_request, action=Action.WITHDRAW, actor=user)
        addresses = _citizen_addresses(profile)
        emails = _emails_to(addresses)
        emails.filter(status=NotificationStatus.PENDING).delete()
        # What was sent stays as a record that the district wrote, without the person.
        emails.update(to_email="", body="")
        anonymise_requests(profile.requests.all())
        profile.activation_codes.all().delete()
        Token.objects.filter(user=user).delete()
        IdempotencyRecord.objects.filter(owner=owner_of_user(user)).delete()
        _forget_login_attempts([profile.fiscal_code, *addresses])

        profile.first_name = ERASED_FIRST_NAME
        profile.last_name = ERASED_LAST_NAME
        profile.fiscal_code = erased_fiscal_code(profile)
        # The year alone: enough for the district's age groups, no longer a birthday.
        profile.birth_date = profile.birth_date.replace(month=1, day=1)
        profile.phone = ""
        profile.email = ""
        profile.other_municipality = ""
        profile.erased_at = timezone.now()
        profile.save()

        user.username = f"cancellato-{user.pk}"
        user.email = ""
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.set_unusable_password()  # also ends every session on other devices
        user.save()
    return profile


def anonymise_requests(requests):
    """Erase what identifies the person in these requests (the need in their words, their
    contacts, their own notes), keeping service, status and dates; returns how many changed.
    The erasure and the retention of closed requests both call it."""
    requests = requests.exclude(
        description="", contact_phone="", contact_email="", request_fingerprint=""
    )
    ids = list(requests.values_list("pk", flat=True))
    RequestEvent.objects.filter(
        request_id__in=ids, actor_id=F("request__citizen__user_id")
    ).exclude(note="").update(note="")
    return ServiceRequest.objects.filter(pk__in=ids).update(
        description="",
        contact_phone="",
        contact_email="",
        request_fingerprint="",
        updated_at=timezone.now(),
    )


def _forget_login_attempts(usernames):
    """Remove django-axes' records of logins with this codice fiscale or these emails."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    names = {name.lower() for name in usernames} | {name.upper() for name in usernames}
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=names).delete()
