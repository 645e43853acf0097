"""Reads with rules: which requests a user may see. Every request queryset starts here."""

from datetime import datetime
from typing import Any

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When

from intake.models import RequestStatus, ServiceRequest
from intake.roles import is_district_office, is_operator, provider_ids
from intake.working_days import provider_response_cutoff


def requests_visible_to(user: Any) -> QuerySet[ServiceRequest]:
    """Citizens see their own; provider staff their providers'; operators and the Ufficio
    di Piano the whole district; anyone else nothing."""
    requests = ServiceRequest.objects.all()
    if not user.is_authenticated:
        return requests.none()
    if is_operator(user) or is_district_office(user):
        return requests
    scope = Q(citizen__user=user)
    providers = provider_ids(user)
    if providers:
        scope |= Q(provider_id__in=providers)
    return requests.filter(scope)


def _overdue(now: datetime | None = None) -> Q:
    """Assigned to a provider and unanswered for more than INTAKE_PROVIDER_RESPONSE_WORKING_DAYS
    working days (intake/working_days.py): the one rule of «In ritardo»."""
    return Q(status=RequestStatus.ASSIGNED, assigned_at__lt=provider_response_cutoff(now))


def overdue_requests(
    queryset: QuerySet[ServiceRequest], now: datetime | None = None
) -> QuerySet[ServiceRequest]:
    """The requests of `queryset` waiting too long for the provider's answer (flagged in the
    admin's listing and counted on the dashboard)."""
    return queryset.filter(_overdue(now))


def with_overdue_flag(
    queryset: QuerySet[ServiceRequest], now: datetime | None = None
) -> QuerySet[ServiceRequest]:
    """`queryset` with `is_overdue` on each request, by the rule of overdue_requests, so that
    a listing shows the flag without one query per row."""
    return queryset.annotate(
        is_overdue=Case(
            When(_overdue(now), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


CLOSED_STATUSES = (RequestStatus.COMPLETED, RequestStatus.REJECTED, RequestStatus.WITHDRAWN)


def with_open_duplicate(requests: QuerySet[ServiceRequest]) -> QuerySet[ServiceRequest]:
    """Annotate ``open_duplicate``: the same citizen has another still-open request for the
    same service (staff see it on the listing; the citizen is told before sending)."""
    others = (
        ServiceRequest.objects.filter(citizen=OuterRef("citizen"), service=OuterRef("service"))
        .exclude(status__in=CLOSED_STATUSES)
        .exclude(pk=OuterRef("pk"))
    )
    return requests.annotate(open_duplicate=Exists(others) & ~Q(status__in=CLOSED_STATUSES))


def open_requests(citizen: Any, service: Any) -> QuerySet[ServiceRequest]:
    """The citizen's still-open requests for this service, newest first."""
    return (
        ServiceRequest.objects.filter(citizen=citizen, service=service)
        .exclude(status__in=CLOSED_STATUSES)
        .order_by("-submitted_at")
    )
