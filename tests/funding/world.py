"""A small funded district for the funding tests: two cooperatives delivering home care,
the Ufficio di Piano, an operator, a citizen with an ISEE, a fund with three co-payment
bands, and a request assigned to the first cooperative."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from funding import services
from intake.services import Action, perform_transition
from tests import factories as f

HOURLY = Decimal("20.00")


def build_world(catalogue, *, budget="10000.00", cap="3000.00", isee="12000.00"):
    """`catalogue` is the conftest fixture (one provider, one service)."""
    aurora = catalogue["provider"]
    girasole = f.ProviderPageFactory(parent=catalogue["providers"], title="Cooperativa Girasole")
    service = catalogue["service"]
    service.voucher_accepted = True
    service.save()
    hourly = f.ServiceCostOptionFactory(page=service, kind="per_hour", amount=HOURLY, unit="ora")
    district = f.DistrictOfficeFactory()
    operator = f.OperatorFactory()
    aurora_staff = f.ProviderStaffFactory(provider=aurora)
    girasole_staff = f.ProviderStaffFactory(provider=girasole)
    citizen = f.CitizenProfileFactory()
    other_citizen = f.CitizenProfileFactory()
    today = timezone.localdate()
    fund = services.create_fund(
        name="Bando per la domiciliarità 2026",
        payer="Ufficio di Piano dell'Ambito di Tradate",
        budget=Decimal(budget),
        valid_from=today - datetime.timedelta(days=200),
        valid_until=today + datetime.timedelta(days=200),
        per_beneficiary_cap=Decimal(cap) if cap else None,
        bands=[(Decimal("6000"), 0), (Decimal("15000"), 20), (None, 40)],
        services=[service],
        actor=district,
    )
    services.set_citizen_isee(citizen=citizen, value=Decimal(isee), actor=citizen.user)
    request = assigned_request(citizen, service, aurora, operator)
    return SimpleNamespace(
        aurora=aurora,
        girasole=girasole,
        service=service,
        hourly=hourly,
        district=district,
        operator=operator,
        aurora_staff=aurora_staff,
        girasole_staff=girasole_staff,
        citizen=citizen,
        other_citizen=other_citizen,
        fund=fund,
        request=request,
        today=today,
    )


def assigned_request(citizen, service, provider, operator, *, voucher_requested=True):
    request = f.ServiceRequestFactory(
        citizen=citizen, service=service, voucher_requested=voucher_requested
    )
    perform_transition(service_request=request, action=Action.TAKE_IN_REVIEW, actor=operator)
    request.refresh_from_db()
    perform_transition(
        service_request=request, action=Action.ASSIGN, actor=operator, provider=provider
    )
    request.refresh_from_db()
    return request


def grant(world, amount="1000.00", citizen=None, **kwargs):
    return services.grant_allocation(
        fund=world.fund,
        citizen=citizen or world.citizen,
        amount=amount,
        valid_until=world.fund.valid_until,
        actor=world.district,
        request=world.request,
        **kwargs,
    )


def quote(world, allocation, quantity="10", request=None):
    return services.propose_order(
        request=request or world.request,
        cost_option=world.hourly,
        quantity=Decimal(quantity),
        allocation=allocation,
        actor=world.aurora_staff,
    )
