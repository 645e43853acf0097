"""The voucher's money on the ledger: grants, quotes, commitments, deliveries, contests,
statements; every rule refuses bad input with a message and changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from catalogue.immutable import ImmutableError
from funding import services
from funding.checks import ledger_problems
from funding.models import (
    AccountKind,
    Allocation,
    DeliveryStatus,
    OrderStatus,
    Posting,
    StatementStatus,
    Transaction,
)
from funding.selectors import fund_figures
from funding.services import ledger
from tests import factories as f
from tests.funding.world import grant, quote

pytestmark = pytest.mark.django_db


def figures(world):
    return fund_figures([world.fund])[world.fund.pk]


def available(allocation):
    return Allocation.objects.get(pk=allocation.pk).available


def test_a_whole_voucher_adds_up(world):
    allocation = grant(world, "1000.00")
    order = quote(world, allocation, "10")  # 10 h × 20 € at 20% co-payment
    assert (order.fund_total, order.citizen_total) == (Decimal("160.00"), Decimal("40.00"))
    services.accept_order(order=order, actor=world.citizen.user)
    assert available(allocation) == Decimal("840.00")
    last_month = world.today.replace(day=1) - datetime.timedelta(days=3)
    for _ in range(3):
        services.record_delivery(
            order=order, date=last_month, quantity=Decimal("2"), actor=world.aurora_staff
        )
    figure = figures(world)
    assert figure["used"] == Decimal("96.00")
    assert figure["committed"] == Decimal("64.00")
    assert figure["left"] == Decimal("10000.00") - Decimal("160.00")
    statement = services.open_statement(fund=world.fund, provider=world.aurora, month=last_month)
    statement = services.approve_statement(statement=statement, actor=world.district)
    assert statement.status == StatementStatus.APPROVED
    assert (statement.fund_total, statement.citizen_total) == (Decimal("96.00"), Decimal("24.00"))
    assert statement.delivery_count == 3
    services.cancel_order(order=order, actor=world.citizen.user)
    assert available(allocation) == Decimal("904.00")
    assert ledger_problems() == []
    call_command("check_ledger")


def test_an_approved_statement_cannot_be_approved_again(world):
    statement = services.open_statement(
        fund=world.fund,
        provider=world.aurora,
        month=world.today.replace(day=1) - datetime.timedelta(days=40),
    )
    services.approve_statement(statement=statement, actor=world.district)
    with pytest.raises(services.FundingError, match="già stato approvato"):
        services.approve_statement(statement=statement, actor=world.district)


@pytest.mark.parametrize("amount", ["10.005", "-5", "abc", "0"])
def test_bad_amounts_are_refused(world, amount):
    with pytest.raises(ValidationError):
        grant(world, amount)
    assert not Allocation.objects.exists()


def test_a_grant_beyond_the_cap_or_the_budget_is_refused(world):
    grant(world, "2500.00")
    with pytest.raises(services.FundingError, match="massimo per beneficiario"):
        grant(world, "600.00")
    for _ in range(3):
        grant(world, "2500.00", citizen=f.CitizenProfileFactory())
    with pytest.raises(services.NotEnoughLeft, match="budget del fondo"):
        grant(world, "2500.00", citizen=f.CitizenProfileFactory())
    assert figures(world)["unallocated"] == Decimal("0.00")


def test_a_quote_above_the_allocation_is_refused_and_nothing_is_saved(world):
    allocation = grant(world, "100.00")
    with pytest.raises(services.NotEnoughLeft, match="supera il disponibile"):
        quote(world, allocation, "10")
    assert not world.request.orders.exists()


def test_a_quote_for_a_service_the_fund_does_not_pay_is_refused(world):
    world.fund.services.set([])
    world.fund.needs.set([world.fund.needs.model.objects.create(name="Casa")])
    allocation = grant(world, "1000.00")
    with pytest.raises(services.FundingError, match="non paga questo servizio"):
        quote(world, allocation)


def test_deliveries_are_checked(world):
    allocation = grant(world, "1000.00")
    order = quote(world, allocation, "4")
    services.accept_order(order=order, actor=world.operator)
    order.refresh_from_db()
    assert order.decided_on_behalf
    tomorrow = world.today + datetime.timedelta(days=1)
    with pytest.raises(services.FundingError, match="nel futuro"):
        services.record_delivery(order=order, date=tomorrow, quantity=1, actor=world.aurora_staff)
    with pytest.raises(services.FundingError, match="quantità ordinata"):
        services.record_delivery(
            order=order, date=world.today, quantity=5, actor=world.aurora_staff
        )
    with pytest.raises(services.NotPermitted):
        services.record_delivery(
            order=order, date=world.today, quantity=1, actor=world.girasole_staff
        )
    services.record_delivery(order=order, date=world.today, quantity=4, actor=world.aurora_staff)
    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED
    with pytest.raises(services.FundingError, match="concluso"):
        services.record_delivery(
            order=order, date=world.today, quantity=1, actor=world.aurora_staff
        )


def test_a_delivery_on_a_cancelled_order_is_refused(world):
    order = quote(world, grant(world), "4")
    services.accept_order(order=order, actor=world.citizen.user)
    services.cancel_order(order=order, actor=world.aurora_staff)
    with pytest.raises(services.FundingError, match="annullato"):
        services.record_delivery(
            order=order, date=world.today, quantity=1, actor=world.aurora_staff
        )


def test_anything_on_an_expired_allocation_is_refused(world):
    allocation = grant(world)
    Allocation.objects.filter(pk=allocation.pk).update(
        valid_until=world.today - datetime.timedelta(days=1)
    )
    allocation.refresh_from_db()
    with pytest.raises(services.FundingError, match="scaduto"):
        quote(world, allocation)
    assert services.expire_allocations() == 1
    assert available(allocation) == 0
    assert figures(world)["unallocated"] == Decimal("10000.00")


def test_a_contested_delivery_stays_out_of_the_statement_until_decided(world):
    order = quote(world, grant(world), "10")
    services.accept_order(order=order, actor=world.citizen.user)
    day = world.today.replace(day=1) - datetime.timedelta(days=2)
    kept = services.record_delivery(order=order, date=day, quantity=2, actor=world.aurora_staff)
    contested = services.record_delivery(
        order=order, date=day, quantity=3, actor=world.aurora_staff
    )
    services.contest_delivery(
        delivery=contested, reason="Non è venuto nessuno.", actor=world.citizen.user
    )
    statement = services.approve_statement(
        statement=services.open_statement(fund=world.fund, provider=world.aurora, month=day),
        actor=world.district,
    )
    assert list(statement.deliveries.all()) == [kept]
    services.decide_contest(delivery=contested, upheld=True, actor=world.district)
    contested.refresh_from_db()
    order.refresh_from_db()
    assert contested.status == DeliveryStatus.VOIDED
    assert order.delivered_quantity == 2
    assert Transaction.objects.filter(kind="reversal").count() == 1
    assert ledger_problems() == []


def test_postings_are_never_updated_or_deleted(world):
    posting = Posting.objects.first()
    with pytest.raises(TypeError):
        posting.save()
    with pytest.raises(TypeError):
        posting.delete()
    with pytest.raises(TypeError):
        Posting.objects.all().delete()
    with pytest.raises(TypeError):
        Transaction.objects.update(memo="x")


@pytest.mark.postgres
def test_postgres_refuses_raw_updates_and_deletes_of_postings(world):
    posting = Posting.objects.first()
    table = Posting._meta.db_table
    for sql in (
        f"UPDATE {table} SET amount_cents = amount_cents + 1 WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
        # The purge setting opens only the table whose trigger checks it, not the ledger.
        f"SELECT set_config('rete.purge', '{table}', true); DELETE FROM {table} WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="never updated or deleted"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [posting.pk])
    with pytest.raises(ImmutableError):
        Posting.objects.filter(pk=posting.pk).purge()
    assert Posting.objects.filter(pk=posting.pk, amount_cents=posting.amount_cents).exists()


@pytest.mark.postgres
def test_postgres_refuses_a_ledger_transaction_that_does_not_balance(world):
    """The deferred check sums each transaction once, however many its postings, and sums
    again for a posting added after that (its mistake is not hidden by the first sum)."""
    accounts = ledger.new_accounts(AccountKind.ALLOCATION, fund=world.fund, count=30)

    def postings(amounts):
        entry = Transaction.objects.create(kind="grant", memo="prova")
        Posting.objects.bulk_create(
            [
                Posting(transaction=entry, account=account, amount_cents=cents)
                for account, cents in zip(accounts, amounts, strict=False)
            ]
        )
        return entry

    def check_now():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS funding_transaction_balanced IMMEDIATE")

    with pytest.raises(DatabaseError, match="does not balance"), transaction.atomic():
        postings([100, -100] * 10 + [5] + [100, -100] * 4)
        check_now()
    with pytest.raises(DatabaseError, match="does not balance"), transaction.atomic():
        balanced = postings([100, -100] * 15)
        check_now()
        Posting.objects.bulk_create(
            [Posting(transaction=balanced, account=accounts[0], amount_cents=1)]
        )
    balanced = postings([100, -100] * 15)
    check_now()
    assert balanced.postings.count() == 30


def test_check_ledger_fails_on_a_drifted_balance(world):
    grant(world)
    world.fund.unallocated_account.__class__.objects.filter(
        pk=world.fund.unallocated_account.pk
    ).update(balance_cents=1)
    with pytest.raises(CommandError):
        call_command("check_ledger")
