"""The citizen's own data (GDPR): download everything the portal holds about them
(`export_citizen_data`, art. 15 and 20), or erase it (`erase_citizen`, art. 17).
"""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db import transaction
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import Token

from intake.models import (
    AccessAction,
    CitizenProfile,
    IdempotencyRecord,
    Notification,
    NotificationStatus,
    RequestEvent,
    ServiceRequest,
    owner_of_user,
)
from intake.roles import is_district_office, is_operator
from intake.services.access import record_access

from .errors import TransitionNotAllowed
from .lifecycle import TRANSITIONS, Action, citizen_note, perform_transition

ERASED_FIRST_NAME = "Cittadino"
ERASED_LAST_NAME = "cancellato"
# Requests the citizen can still withdraw: erasing the account withdraws them first.
OPEN_STATUSES = TRANSITIONS[Action.WITHDRAW].sources


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _citizen_addresses(profile: CitizenProfile) -> set[str]:
    """Every address the portal wrote to for this citizen: profile, login, requests."""
    addresses = {profile.email, profile.user.email}
    addresses |= set(profile.requests.values_list("contact_email", flat=True))
    return {address.lower() for address in addresses if address}


def _emails_to(addresses: set[str]) -> QuerySet[Notification]:
    if not addresses:
        return Notification.objects.none()
    query = Q()
    for address in addresses:
        query |= Q(to_email__iexact=address)
    return Notification.objects.filter(query)


def export_citizen_data(*, profile: CitizenProfile) -> dict[str, Any]:
    """Everything the portal holds about a citizen, as JSON-ready data (ISO dates).

    The right of access (GDPR art. 15 and 20): profile, consent, how they were registered,
    each request with its history, and the emails the portal sent them. Staff members'
    names are not part of it, only what they did; of their notes, those meant for the
    citizen (`citizen_note`).
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
                        "note": citizen_note(event),
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


def erased_fiscal_code(profile: CitizenProfile) -> str:
    """A 16-character placeholder that no codice fiscale can equal: a real one starts with
    six letters, this one with X and digits (the profile's pk, so it stays unique)."""
    return "X" + str(profile.pk).zfill(15)


def erase_citizen(*, profile: CitizenProfile, actor: Any) -> CitizenProfile:
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


def anonymise_requests(requests: QuerySet[ServiceRequest]) -> int:
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


def _forget_login_attempts(usernames: Iterable[str]) -> None:
    """Remove django-axes' records of logins with this codice fiscale or these emails."""
    names = {name.lower() for name in usernames} | {name.upper() for name in usernames}
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=names).delete()
