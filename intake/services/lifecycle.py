"""The life of a service request: the one module that owns every transition.

Each transition says who may do it and from which status; performing it checks the
request's version (compare-and-swap in the database), records a RequestEvent, sets the
timestamps and queues the notifications, all in one transaction.

    submitted ──► in_review ──► assigned ──► accepted ──► in_progress ──► completed
        │            │  ▲           │
        │            │  └─declined──┘        withdrawn: by the citizen, before accepted
        └────────────┴──► rejected           rejected: by an operator, with a reason
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from catalogue.models import ProviderPage, ServicePage, SocialPointPage
from catalogue.rules import Offer, kept_offer
from intake.models import (
    CitizenProfile,
    ReferenceSequence,
    RequestChannel,
    RequestEvent,
    RequestStatus,
    ServiceRequest,
)
from intake.notifications import queue_email
from intake.roles import is_district_office, is_operator, provider_ids, works_on_requests

from .errors import IdempotencyConflict, ServiceUnavailable, StaleRequest, TransitionNotAllowed

S = RequestStatus


class Action(models.TextChoices):
    TAKE_IN_REVIEW = "take_in_review", _("Prendi in carico")
    ASSIGN = "assign", _("Assegna a un ente")
    ACCEPT = "accept", _("Accetta")
    DECLINE = "decline", _("Rifiuta e restituisci")
    START = "start", _("Avvia il servizio")
    COMPLETE = "complete", _("Concludi")
    REJECT = "reject", _("Respingi")
    WITHDRAW = "withdraw", _("Ritira la richiesta")


def _is_triage(user: Any, service_request: ServiceRequest) -> bool:
    return is_operator(user) or is_district_office(user)


def _is_assigned_provider_staff(user: Any, service_request: ServiceRequest) -> bool:
    return service_request.provider_id is not None and (
        user.is_superuser or service_request.provider_id in provider_ids(user)
    )


def _is_owner(user: Any, service_request: ServiceRequest) -> bool:
    return service_request.citizen.user_id == user.pk


@dataclass(frozen=True)
class Transition:
    """One step of the lifecycle and everything every surface says about it.

    `label` and `success` are the back office's button and confirmation; `timeline` is what
    the citizen reads for the step; `note_label` names the note on the staff form, and
    `citizen_reads_note` says whether the citizen reads that note (see `citizen_note`).
    """

    sources: tuple[str, ...]
    target: str
    may: Callable[[Any, ServiceRequest], bool]
    label: StrOrPromise = ""
    success: StrOrPromise = ""
    timeline: StrOrPromise = ""
    needs_note: bool = False
    needs_provider: bool = False
    note_label: StrOrPromise = _("Nota interna (facoltativa)")
    citizen_reads_note: bool = False
    back_office: bool = True  # offered on the admin's request page


TRANSITIONS: dict[str, Transition] = {
    Action.TAKE_IN_REVIEW: Transition(
        (S.SUBMITTED,),
        S.IN_REVIEW,
        _is_triage,
        label=_("Prendi in carico"),
        success=_("Richiesta %(reference)s presa in carico."),
        timeline=_("Presa in carico: la richiesta è in valutazione"),
    ),
    Action.ASSIGN: Transition(
        (S.IN_REVIEW,),
        S.ASSIGNED,
        _is_triage,
        label=_("Assegna all'ente"),
        success=_("Richiesta %(reference)s assegnata a %(provider)s."),
        timeline=_("Assegnata a un ente"),
        needs_provider=True,
        note_label=_("Nota per l'ente (facoltativa)"),
    ),
    Action.ACCEPT: Transition(
        (S.ASSIGNED,),
        S.ACCEPTED,
        _is_assigned_provider_staff,
        label=_("Accetta la richiesta"),
        success=_("Richiesta %(reference)s accettata."),
        timeline=_("Accettata dall'ente"),
    ),
    Action.DECLINE: Transition(
        (S.ASSIGNED,),
        S.IN_REVIEW,
        _is_assigned_provider_staff,
        label=_("Rifiuta l'assegnazione"),
        success=_("Richiesta %(reference)s restituita al Social Point."),
        timeline=_("L'ente non può prenderla: torna in valutazione per un altro ente"),
        needs_note=True,
        note_label=_("Motivo del rifiuto"),
        citizen_reads_note=True,
    ),
    Action.START: Transition(
        (S.ACCEPTED,),
        S.IN_PROGRESS,
        _is_assigned_provider_staff,
        label=_("Avvia il servizio"),
        success=_("Richiesta %(reference)s in corso."),
        timeline=_("Servizio iniziato"),
    ),
    Action.COMPLETE: Transition(
        (S.IN_PROGRESS,),
        S.COMPLETED,
        _is_assigned_provider_staff,
        label=_("Segna come conclusa"),
        success=_("Richiesta %(reference)s conclusa."),
        timeline=_("Servizio concluso"),
    ),
    Action.REJECT: Transition(
        (S.SUBMITTED, S.IN_REVIEW),
        S.REJECTED,
        _is_triage,
        label=_("Respingi la richiesta"),
        success=_("Richiesta %(reference)s respinta."),
        timeline=_("Respinta"),
        needs_note=True,
        note_label=_("Motivo per cui la richiesta è respinta"),
        citizen_reads_note=True,
    ),
    Action.WITHDRAW: Transition(
        (S.SUBMITTED, S.IN_REVIEW, S.ASSIGNED),
        S.WITHDRAWN,
        _is_owner,
        timeline=_("Ritirata da te"),
        citizen_reads_note=True,
        back_office=False,
    ),
}
SUBMITTED_TIMELINE = _("Richiesta inviata")

# On the staff forms, under the note: whether the citizen will read it.
NOTE_READ_BY_CITIZEN = _("Il cittadino leggerà questo testo (pagina, email, dati scaricati).")
NOTE_FOR_STAFF_ONLY = _("Solo per il personale: il cittadino non lo legge.")


def citizen_note(event: RequestEvent) -> str:
    """The part of an event's note its citizen reads: the reason of a rejection, of a
    provider's decline, of their own withdrawal; never a note written for the provider
    (assign) nor a step's internal note. Every surface the citizen reads calls this."""
    rule = TRANSITIONS.get(event.action)
    return event.note if rule is not None and rule.citizen_reads_note else ""


def note_for(event: RequestEvent, user: Any) -> str:
    """The note of an event as `user` reads it: staff who work on requests read every note,
    anyone else (the citizen) only `citizen_note`."""
    if not event.note:  # nothing to hide: no need to ask who the reader is
        return ""
    return event.note if works_on_requests(user) else citizen_note(event)


def note_help(action: Action) -> StrOrPromise:
    """What a staff form says under the note of `action`: who will read it."""
    return NOTE_READ_BY_CITIZEN if TRANSITIONS[action].citizen_reads_note else NOTE_FOR_STAFF_ONLY


def timeline_label(event: RequestEvent) -> StrOrPromise:
    """How the citizen's timeline names an event (its action, else its new status)."""
    if event.action == "submit":
        return SUBMITTED_TIMELINE
    rule = TRANSITIONS.get(event.action)
    if rule is not None:
        return rule.timeline
    return RequestStatus(event.to_status).label if event.to_status else event.action


# What the citizen reads in the email for each new status.
STATUS_EMAIL_LINES: dict[str, StrOrPromise] = {
    S.IN_REVIEW: _("Un operatore ha preso in carico la tua richiesta e la sta valutando."),
    S.ASSIGNED: _("La tua richiesta è stata affidata a un ente, che ti contatterà."),
    S.ACCEPTED: _("L'ente ha accettato la tua richiesta."),
    S.IN_PROGRESS: _("Il servizio è iniziato."),
    S.COMPLETED: _("Il servizio è concluso."),
    S.REJECTED: _("La tua richiesta non può essere accolta."),
    S.WITHDRAWN: _("Hai ritirato la tua richiesta."),
}


def allowed_actions(*, service_request: ServiceRequest, user: Any) -> list[str]:
    """The actions this user may perform on this request in its current status."""
    if not user.is_authenticated:
        return []
    return [
        action
        for action, rule in TRANSITIONS.items()
        if service_request.status in rule.sources and rule.may(user, service_request)
    ]


def _next_reference(year: int) -> str:
    """The next RW-<year>-<number>, one at a time even under concurrent submissions.

    The counter row is incremented with an UPDATE, which holds its lock until the
    submitting transaction commits, so two submissions never get the same number and a
    rolled-back one leaves no gap. `RETURNING` reads the new number in the same statement
    (SQLite 3.35+ and PostgreSQL), so the lock is held one round trip less.
    """
    table = connection.ops.quote_name(ReferenceSequence._meta.db_table)
    increment = (
        f"UPDATE {table} SET last_number = last_number + 1 WHERE year = %s RETURNING last_number"
    )
    with connection.cursor() as cursor:
        cursor.execute(increment, [year])
        row = cursor.fetchone()
        if row is None:
            try:
                with transaction.atomic():
                    ReferenceSequence.objects.create(year=year, last_number=1)
                row = (1,)
            except IntegrityError:  # another submission created this year's counter first
                cursor.execute(increment, [year])
                row = cursor.fetchone()
    return f"RW-{year}-{row[0]:06d}"


def _request_link(service_request: ServiceRequest, language: str) -> str:
    """The request's page in the citizen's language (English pages live under /en/)."""
    with translation.override(language):
        try:
            return reverse("intake:request-detail", kwargs={"reference": service_request.reference})
        except NoReverseMatch:  # the citizen pages are not wired in this deployment
            return "/"


def _notify_citizen(
    service_request: ServiceRequest, *, template: str, extra: dict[str, Any] | None = None
) -> None:
    citizen = service_request.citizen
    to = service_request.contact_email or citizen.email
    queue_email(
        to=to,
        template=template,
        context={
            "request": service_request,
            "citizen": citizen,
            "path": _request_link(service_request, citizen.preferred_language),
            **(extra or {}),
        },
        language=citizen.preferred_language,
        request=service_request,
    )


def _fingerprint_matches(existing: ServiceRequest, fingerprint: str) -> bool:
    return (
        not fingerprint
        or not existing.request_fingerprint
        or (existing.request_fingerprint == fingerprint)
    )


def _check_service_open(service: ServicePage | None) -> tuple[ServicePage, Offer]:
    """A request is only for a published service that is not suspended: it and its Offer."""
    if service is None or service.pk is None:
        raise ServiceUnavailable()
    offer = kept_offer(service)
    if not offer.published:
        raise ServiceUnavailable()
    if not service.is_active:
        raise ServiceUnavailable(
            _("Questo servizio è sospeso: %(reason)s")
            % {"reason": service.inactive_reason or _("contatta un Social Point.")}
        )
    return service, offer


def _submission_errors(
    service: ServicePage,
    offer: Offer,
    *,
    description: str,
    preferred_provider: ProviderPage | None,
    social_point: SocialPointPage | None,
    voucher_requested: bool,
    channel: str,
    contact_phone: str,
) -> dict[str, list[StrOrPromise]]:
    """The citizen's answers that cannot be stored, by field."""
    errors: dict[str, list[StrOrPromise]] = {}
    if not description:
        errors["description"] = [_("Descrivi in poche parole di cosa hai bisogno.")]
    elif len(description) > 4000:
        errors["description"] = [_("Al massimo %(max)d caratteri.") % {"max": 4000}]
    if preferred_provider is not None and preferred_provider.pk not in offer.offered:
        errors["preferred_provider"] = [_("Scegli uno degli enti che offrono questo servizio.")]
    if social_point is not None and not social_point.live:
        errors["social_point"] = [_("Questo Social Point non è disponibile.")]
    if voucher_requested and not service.voucher_accepted:
        errors["voucher_requested"] = [_("Questo servizio non accetta il voucher comunale.")]
    if channel not in RequestChannel.values:
        errors["channel"] = [_("Canale non valido.")]
    if len(contact_phone or "") > 40:
        errors["contact_phone"] = [_("Al massimo %(max)d caratteri.") % {"max": 40}]
    return errors


def submit_request(
    *,
    citizen: CitizenProfile,
    service: ServicePage | None,
    description: str,
    actor: Any,
    channel: str = RequestChannel.WEB,
    preferred_provider: ProviderPage | None = None,
    social_point: SocialPointPage | None = None,
    preferred_contact: str = "phone",
    contact_phone: str = "",
    contact_email: str = "",
    voucher_requested: bool = False,
    idempotency_key: str = "",
    fingerprint: str = "",
) -> ServiceRequest:
    """Store a citizen's request for a live service and queue its confirmation email.

    The same citizen and idempotency key return the request already stored (marked
    `replayed`), so a retry or a double click creates one request: the request's unique
    (citizen, key) refuses the second insert, which then waits for the first to commit
    and reads it; the rolled-back attempt leaves no gap in the references.
    """
    if not (actor.pk == citizen.user_id or is_operator(actor)):
        raise TransitionNotAllowed(_("Solo il cittadino o un operatore può inviare la richiesta."))
    service, offer = _check_service_open(service)
    description = (description or "").strip()
    errors = _submission_errors(
        service,
        offer,
        description=description,
        preferred_provider=preferred_provider,
        social_point=social_point,
        voucher_requested=voucher_requested,
        channel=channel,
        contact_phone=contact_phone,
    )
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            now = timezone.now()
            service_request = ServiceRequest.objects.create(
                reference=_next_reference(timezone.localdate(now).year),
                citizen=citizen,
                service=service,
                service_title=service.title[:255],
                provider_title=offer.provider_title[:255],
                preferred_provider=preferred_provider,
                social_point=social_point,
                channel=channel,
                description=description,
                preferred_contact=preferred_contact,
                contact_phone=(contact_phone or citizen.phone).strip(),
                contact_email=(contact_email or citizen.email).strip(),
                voucher_requested=voucher_requested,
                submitted_by=actor,
                idempotency_key=idempotency_key,
                request_fingerprint=fingerprint,
            )
            RequestEvent.objects.create(
                request=service_request,
                actor=actor,
                action="submit",
                from_status="",
                to_status=S.SUBMITTED,
            )
            _notify_citizen(
                service_request,
                template="request_submitted",
                extra={
                    "response_days": settings.INTAKE_PROVIDER_RESPONSE_WORKING_DAYS,
                },
            )
    except IntegrityError:
        if not idempotency_key:
            raise
        # A concurrent retry with the same key committed first: answer with its request.
        existing = ServiceRequest.objects.get(citizen=citizen, idempotency_key=idempotency_key)
        if not _fingerprint_matches(existing, fingerprint):
            raise IdempotencyConflict() from None
        existing.replayed = True
        return existing
    service_request.replayed = False
    return service_request


def _check_transition(
    rule: Transition,
    service_request: ServiceRequest,
    *,
    actor: Any,
    version: int | str | None,
    note: str,
) -> None:
    """This user may take this step now, on the version they saw, with the note it needs."""
    if version is not None and int(version) != service_request.version:
        raise StaleRequest()
    if not rule.may(actor, service_request):
        raise TransitionNotAllowed(
            _("Il tuo ruolo non consente questa operazione su questa richiesta."), code="forbidden"
        )
    if service_request.status not in rule.sources:
        raise TransitionNotAllowed()
    if rule.needs_note and not note:
        raise ValidationError({"note": [_("Scrivi il motivo: il cittadino lo leggerà.")]})
    if len(note) > 2000:
        raise ValidationError({"note": [_("Al massimo %(max)d caratteri.") % {"max": 2000}]})


def _status_changes(
    action: Action, rule: Transition, *, provider: ProviderPage | None, now: datetime
) -> dict[str, Any]:
    """The columns a step writes: the new status and version, and its timestamps."""
    changes: dict[str, Any] = {
        "status": rule.target,
        "version": F("version") + 1,
        "updated_at": now,
    }
    if action == Action.ASSIGN:
        changes.update(provider=provider, assigned_at=now)
    elif action == Action.ACCEPT:
        changes["accepted_at"] = now
    elif action == Action.DECLINE:
        changes.update(provider=None, assigned_at=None)
    elif rule.target in (S.COMPLETED, S.REJECTED, S.WITHDRAWN):
        changes["closed_at"] = now
    return changes


def perform_transition(
    *,
    service_request: ServiceRequest,
    action: Action | str,
    actor: Any,
    version: int | str | None = None,
    note: str = "",
    provider: ProviderPage | None = None,
) -> ServiceRequest:
    """Move a request to its next status if this user may, from this status and version."""
    action = Action(action)
    rule = TRANSITIONS[action]
    note = (note or "").strip()
    _check_transition(rule, service_request, actor=actor, version=version, note=note)
    if rule.needs_provider and (provider is None or not provider.live):
        raise ValidationError({"provider": [_("Scegli l'ente a cui assegnare la richiesta.")]})
    changes = _status_changes(action, rule, provider=provider, now=timezone.now())
    from_status = service_request.status
    event_provider = provider if action == Action.ASSIGN else service_request.provider
    with transaction.atomic():
        updated = ServiceRequest.objects.filter(
            pk=service_request.pk, version=service_request.version, status=from_status
        ).update(**changes)
        if not updated:
            raise StaleRequest()
        RequestEvent.objects.create(
            request=service_request,
            actor=actor,
            action=action.value,
            from_status=from_status,
            to_status=rule.target,
            note=note,
            provider=event_provider,
        )
        service_request.refresh_from_db()
        _notify_citizen(
            service_request,
            template="request_status_changed",
            extra={
                "line": STATUS_EMAIL_LINES.get(rule.target, ""),
                "note": note if rule.citizen_reads_note else "",
            },
        )
        if action == Action.ASSIGN and provider is not None:
            _notify_provider(service_request, provider)
    return service_request


def _notify_provider(service_request: ServiceRequest, provider: ProviderPage) -> None:
    """Tell a provider, and its staff, that a request was routed to it."""
    addresses = {provider.request_email or provider.email}
    staff = (
        get_user_model()
        .objects.filter(provider_memberships__provider=provider, is_active=True)
        .exclude(email="")
    )
    addresses |= {user.email for user in staff}
    for address in sorted(a for a in addresses if a):
        queue_email(
            to=address,
            template="request_assigned_to_provider",
            context={"request": service_request, "provider": provider},
            request=service_request,
        )
