"""The voucher estimate on the request form: «Per te: X € l'ora, il Comune paga Y €», and
the accredited providers side by side (free choice)."""

from django import template

from funding.selectors import estimate_for
from intake.models import CitizenProfile

register = template.Library()


@register.inclusion_tag("funding/estimate.html")
def voucher_estimate(service, user, providers=()):
    """The citizen's share of each priced option of `service` under every fund paying for
    it, from their ISEE band; with the providers that deliver it, side by side."""
    citizen = CitizenProfile.objects.filter(user=user).first() if user.is_authenticated else None
    estimate = estimate_for(citizen, service)
    accredited = [p for p in providers if getattr(p, "accredited_home_care", False)]
    return {"estimate": estimate, "providers": accredited, "service": service}
