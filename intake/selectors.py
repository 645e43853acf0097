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
