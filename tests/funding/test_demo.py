"""The funding demo: loaded twice it adds nothing, and the ledger adds up."""

import pytest
from django.core.management import call_command

from funding.checks import ledger_problems
from funding.demo import load_funding
from funding.demo_welfare import load_welfare
from funding.demo_welfare_spending import load_spending
from funding.models import (
    Allocation,
    DeliveryStatus,
    Employee,
    Fund,
    Order,
    Reimbursement,
    StatementStatus,
    Transaction,
)
from funding.selectors import fund_figures
from intake.demo import load_intake


@pytest.mark.django_db
def test_the_demo_fund_is_loaded_once_and_adds_up(demo):
    load_intake()
    load_funding()
    transactions = Transaction.objects.count()
    load_funding()
    assert Transaction.objects.count() == transactions
    fund = Fund.objects.get(name__startswith="Bando per la domiciliarità")
    figures = fund_figures([fund])[fund.pk]
    assert figures["used"] > 0 and figures["committed"] > 0
    assert fund.statements.filter(status=StatementStatus.APPROVED).exists()
    assert fund.statements.filter(status=StatementStatus.OPEN).exists()
    assert fund.orders.filter(deliveries__status=DeliveryStatus.CONTESTED).count() == 1
    assert {o.provider.slug for o in fund.orders.all()} == {
        "cooperativa-aurora",
        "cooperativa-girasole",
    }
    assert ledger_problems() == []
    call_command("check_ledger")


@pytest.mark.django_db
def test_the_welfare_demo_is_loaded_once_with_employees_and_their_credits(demo):
    load_intake()
    load_funding()
    plans = load_welfare()
    assert len(plans) == 2
    transactions, employees = Transaction.objects.count(), Employee.objects.count()
    assert employees == 12
    assert load_welfare() == {}
    assert (Transaction.objects.count(), Employee.objects.count()) == (transactions, employees)
    # Four are demo citizens: their credit is attached; the others are invited.
    assert Employee.objects.filter(citizen__isnull=False).count() == 4
    assert Employee.objects.filter(citizen__isnull=True, invited_at__isnull=False).count() == 8
    for plan in plans.values():
        assert plan.employer.memberships.exists()
        untouched = Allocation.objects.filter(fund=plan, orders=None, reimbursements=None)
        assert all(a.available == a.amount for a in untouched)
    assert ledger_problems() == []
    call_command("check_ledger")


@pytest.mark.django_db
def test_the_welfare_demo_spends_credits_on_orders_and_reimbursements_in_each_state(demo):
    load_intake()
    load_funding()
    plans = load_welfare()
    for plan in plans.values():
        order = Order.objects.get(fund=plan)
        assert order.citizen_total == 0 and order.deliveries.exists()
        assert order.service.art51_categories == ["f_ter"]
    assert set(Reimbursement.objects.values_list("status", flat=True)) == {
        "submitted",
        "approved",
        "rejected",
    }
    approved = Reimbursement.objects.filter(status="approved")
    assert all(r.transaction.kind == "reimbursement" for r in approved)
    counts = (Order.objects.count(), Reimbursement.objects.count(), Transaction.objects.count())
    assert load_spending(plans) == 0
    assert (Order.objects.count(), Reimbursement.objects.count(), Transaction.objects.count()) == (
        counts
    )
    assert ledger_problems() == []
    call_command("check_ledger")
