"""20 employees' devices (or HR's clicks) at once against one welfare credit, on PostgreSQL:
the credit never goes below zero, and whatever it cannot cover whole is refused (no top-up,
no reimbursement beyond what is left)."""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from funding import services
from funding.checks import ledger_problems
from funding.models import Account, AccountKind, Allocation, Order, OrderStatus, Reimbursement
from tests.funding.credit_world import build_welfare_world
from tests.funding.test_reimbursements import PDF

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def all_at_once(calls):
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait(timeout=30)
            return call()
        except services.FundingError as error:
            return error
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def quote(w, hours):
    return services.propose_order(
        request=w.request,
        cost_option=w.hourly,
        quantity=Decimal(hours),
        allocation=w.credit,
        actor=w.aurora_staff,
    )


def test_20_concurrent_acceptances_against_one_employees_credit(catalogue):
    w = build_welfare_world(catalogue, credit="400.00")
    orders = [quote(w, "3") for _ in range(20)]  # 60 € each: room for 6

    results = all_at_once(
        [lambda o=o: services.accept_order(order=o, actor=w.citizen.user) for o in orders]
    )

    refused = [r for r in results if isinstance(r, services.FundingError)]
    assert len(refused) == 14
    assert all(isinstance(r, services.NotEnoughLeft) for r in refused)
    assert Order.objects.filter(status=OrderStatus.ACCEPTED).count() == 6
    assert Allocation.objects.get(pk=w.credit.pk).available == Decimal("40.00")
    assert not Account.objects.filter(kind=AccountKind.ALLOCATION, balance_cents__lt=0).exists()
    assert ledger_problems() == []


def test_20_concurrent_quotes_and_acceptances_never_overdraw_the_credit(catalogue):
    w = build_welfare_world(catalogue, credit="400.00")

    def quote_and_accept():
        order = quote(w, "2.5")  # 50 €: room for 8
        return services.accept_order(order=order, actor=w.citizen.user)

    results = all_at_once([quote_and_accept for _ in range(20)])

    accepted = [r for r in results if not isinstance(r, services.FundingError)]
    assert len(accepted) == 8
    assert Allocation.objects.get(pk=w.credit.pk).available == Decimal("0.00")
    assert ledger_problems() == []


def test_20_concurrent_reimbursement_approvals_never_overdraw_the_credit(catalogue):
    w = build_welfare_world(catalogue, credit="400.00")
    reimbursements = [
        services.submit_reimbursement(
            allocation=w.credit,
            actor=w.citizen.user,
            amount=Decimal("50.00"),  # room for 8
            category="f_ter",
            spent_on=w.today,
            family_member_name="Maria Bianchi",
            family_member_relationship="parent",
            receipt=SimpleUploadedFile("ricevuta.pdf", PDF),
        )
        for _ in range(20)
    ]

    results = all_at_once(
        [
            lambda r=r: services.approve_reimbursement(reimbursement=r, actor=w.hr)
            for r in reimbursements
        ]
    )

    refused = [r for r in results if isinstance(r, services.FundingError)]
    assert len(refused) == 12
    assert all(isinstance(r, services.NotEnoughLeft) for r in refused)
    assert Reimbursement.objects.filter(status="approved").count() == 8
    assert Allocation.objects.get(pk=w.credit.pk).available == Decimal("0.00")
    assert ledger_problems() == []
