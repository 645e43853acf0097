"""Reads with rules: which requests a user may see. Every request queryset starts here."""

from django.db.models import Q

from intake.models import ServiceRequest
from intake.roles import is_district_office, is_operator, provider_ids


def requests_visible_to(user):
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


def overdue_requests(queryset, now=None):
    """The requests of `queryset` assigned to a provider that has not answered within
    INTAKE_PROVIDER_RESPONSE_WORKING_DAYS working days (flagged in the listing and on the
    dashboard)."""
    from intake.models import RequestStatus
    from intake.working_days import provider_response_cutoff

    return queryset.filter(
        status=RequestStatus.ASSIGNED, assigned_at__lt=provider_response_cutoff(now)
    )


def with_overdue_flag(queryset, now=None):
    """`queryset` with `is_overdue` on each request: the rule of overdue_requests, as a
    column the listing can show and sort without one query per row."""
    from django.db.models import BooleanField, Case, Value, When

    from intake.models import RequestStatus
    from intake.working_days import provider_response_cutoff

    return queryset.annotate(
        is_overdue=Case(
            When(
                status=RequestStatus.ASSIGNED,
                assigned_at__lt=provider_response_cutoff(now),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
