"""The funding demo: loaded twice it adds nothing, and the ledger adds up."""

import pytest
from django.core.management import call_command

from funding.checks import ledger_problems
from funding.demo import load_funding
from funding.models import DeliveryStatus, Fund, StatementStatus, Transaction
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
