"""A company plan on top of the funding world: an employer with an HR contact, a 2026 plan
that pays art. 51 f-ter (elderly care) and f-bis with reimbursements, and the world's
citizen as one of its employees with a credit (an allocation of the plan)."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from catalogue.choices import Art51Category
from funding import services
from funding.models import FundKind
from tests import factories as f
from tests.funding.world import assigned_request, build_world


def build_welfare_world(catalogue, *, credit="400.00", categories=None):
    world = build_world(catalogue)
    world.service.art51_categories = [Art51Category.F_TER]
    world.service.save()
    employer = f.EmployerFactory(name="Tessitura Olona S.r.l.")
    other_employer = f.EmployerFactory(name="Meccanica Seprio S.p.A.")
    hr = f.EmployerHRFactory(employer=employer)
    other_hr = f.EmployerHRFactory(employer=other_employer)
    plan = services.create_fund(
        name="Piano welfare 2026 Tessitura Olona",
        payer=employer.name,
        kind=FundKind.COMPANY,
        employer=employer,
        allows_top_up=False,
        allows_reimbursements=True,
        art51_categories=categories or [Art51Category.F_TER, Art51Category.F_BIS],
        budget=Decimal("20000.00"),
        valid_from=world.today - datetime.timedelta(days=100),
        valid_until=world.today + datetime.timedelta(days=100),
        employee_credit=Decimal(credit),
        actor=world.district,
    )
    allocation = services.grant_allocation(
        fund=plan,
        citizen=world.citizen,
        amount=Decimal(credit),
        valid_until=plan.valid_until,
        actor=world.district,
    )
    camp = f.ServicePageFactory(
        parent=world.aurora, title="Centro estivo", art51_categories=[Art51Category.F_BIS]
    )
    camp_weekly = f.ServiceCostOptionFactory(
        page=camp, kind="per_session", amount=Decimal("90.00"), unit="settimana"
    )
    return SimpleNamespace(
        **vars(world),
        employer=employer,
        other_employer=other_employer,
        hr=hr,
        other_hr=other_hr,
        plan=plan,
        credit=allocation,
        camp=camp,
        camp_weekly=camp_weekly,
        camp_request=lambda: assigned_request(
            world.citizen, camp, world.aurora, world.operator, voucher_requested=False
        ),
    )
