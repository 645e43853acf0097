"""The record of reads of personal data: one function that every surface calls when staff
(or the citizen, for their own export and erasure) read a citizen's data.

The record names the person, their role and organisation as text at that moment; the
citizen sees the organisation and the time, never the person's name (`accesses_seen_by`).
"""

from typing import Any

from catalogue.models import ProviderPage
from intake.models import AccessAction, AccessRecord
from intake.roles import (
    DISTRICT_OFFICE_GROUP,
    OPERATORS_GROUP,
    PROVIDER_STAFF_GROUP,
    ROLE_LABELS,
    _group_names,
    provider_ids,
)


def role_and_organisation(user: Any) -> tuple[str, str]:
    """(role, organisation) of a user, as text: a provider's staff name their providers."""
    if user.is_superuser:
        return "Amministratore", "Ufficio di Piano"
    groups = _group_names(user)
    if PROVIDER_STAFF_GROUP in groups or provider_ids(user):
        names = ProviderPage.objects.filter(pk__in=provider_ids(user)).values_list(
            "title", flat=True
        )
        return str(ROLE_LABELS[PROVIDER_STAFF_GROUP]), ", ".join(sorted(set(names)))
    for group in (DISTRICT_OFFICE_GROUP, OPERATORS_GROUP):
        if group in groups:
            organisation = "Ufficio di Piano" if group == DISTRICT_OFFICE_GROUP else "Social Point"
            return str(ROLE_LABELS[group]), organisation
    if hasattr(user, "citizen_profile"):
        return "Cittadino", ""
    return "", ""


def record_access(
    *,
    actor: Any,
    action: str,
    citizen: Any = None,
    service_request: Any = None,
    details: dict[str, Any] | None = None,
) -> Any:
    """Append one record of a read of personal data; returns it."""
    role, organisation = role_and_organisation(actor)
    if service_request is not None and citizen is None:
        citizen = service_request.citizen
    return AccessRecord.objects.create(
        actor=actor,
        actor_name=actor.get_username(),
        role=role,
        organisation=organisation,
        action=action,
        citizen=citizen,
        request_reference=service_request.reference if service_request is not None else "",
        details=details or {},
    )


def accesses_seen_by(profile: Any) -> Any:
    """What a citizen sees of the reads of their data: by organisations, not their own."""
    return (
        AccessRecord.objects.filter(citizen=profile)
        .exclude(actor=profile.user)
        .exclude(action__in=[AccessAction.DATA_EXPORT, AccessAction.ERASURE], role="Cittadino")
        .only("at", "organisation", "role", "action")
    )
