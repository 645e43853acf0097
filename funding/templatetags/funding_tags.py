"""The voucher estimate on the request form: «Per te: X € l'ora, il Comune paga Y €», and
the accredited providers side by side (free choice)."""

from django import template
from django.utils import timezone

from funding.admin_views import allocation_rows
from funding.selectors import (
    allocations_visible_to,
    estimate_for,
    funds_paying_for,
    orders_visible_to,
)
from intake.models import CitizenProfile
from intake.roles import is_district_office, provider_ids

register = template.Library()


@register.inclusion_tag("funding/estimate.html")
def voucher_estimate(service, user, providers=()):
    """The citizen's share of each priced option of `service` under every fund paying for
    it, from their ISEE band; with the providers that deliver it, side by side."""
    citizen = CitizenProfile.objects.filter(user=user).first() if user.is_authenticated else None
    estimate = estimate_for(citizen, service)
    accredited = [p for p in providers if getattr(p, "accredited_home_care", False)]
    return {"estimate": estimate, "providers": accredited, "service": service}


@register.inclusion_tag("funding/admin/request_panel.html", takes_context=True)
def funding_request_panel(context, service_request, user):
    """On a request's admin page: the citizen's allocations (the Ufficio di Piano grants
    from here), the request's orders with their deliveries (the cooperative quotes and
    records from here), each read within the user's scope."""
    allocations = list(
        allocations_visible_to(user)
        .filter(citizen_id=service_request.citizen_id)
        .select_related("fund", "account", "citizen")
    )
    orders = (
        orders_visible_to(user)
        .filter(request=service_request)
        .select_related("provider")
        .prefetch_related("deliveries")
    )
    own_provider = service_request.provider_id in provider_ids(user)
    service = service_request.service
    options = service.cost_options.all() if service else []
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "service_request": service_request,
        "allocations": [a for a in allocations if a.is_usable],
        "allocation_rows": allocation_rows(user, allocations),
        "here": context["request"].get_full_path() if context.get("request") else "",
        "orders": list(orders),
        "can_grant": is_district_office(user),
        "can_decide": is_district_office(user),
        "funds": funds_paying_for(service) if service else [],
        "can_quote": own_provider,
        "cost_options": [option for option in options if option.amount],
        "today": timezone.localdate(),
    }


@register.inclusion_tag("funding/admin/citizen_allocations.html", takes_context=True)
def funding_citizen_allocations(context, profile, user):
    """In «Cittadini»: the citizen's allocations, with the Ufficio di Piano's steps."""
    allocations = (
        allocations_visible_to(user)
        .filter(citizen=profile)
        .select_related("fund", "account", "citizen", "request")
        .order_by("-created_at")
    )
    request = context.get("request")
    return {
        "rows": allocation_rows(user, allocations),
        "here": request.get_full_path() if request else "",
    }
