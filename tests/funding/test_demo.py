"""The funding demo: loaded twice it adds nothing, and the ledger adds up."""

import pytest
from django.core.management import call_command

from funding.checks import ledger_problems
from funding.demo import load_funding
from funding.demo_welfare import load_welfare
from funding.models import Allocation, DeliveryStatus, Employee, Fund, StatementStatus, Transaction
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
        assert all(a.available == a.amount for a in Allocation.objects.filter(fund=plan))
    assert ledger_problems() == []
    call_command("check_ledger")
