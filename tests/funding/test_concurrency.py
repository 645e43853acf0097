"""Many clients at once, on PostgreSQL: an allocation never goes below zero and an order is
never delivered beyond its quantity, whatever the interleaving. Each thread has its own
database connection, as separate app servers would."""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection

from funding import services
from funding.checks import ledger_problems
from funding.models import Allocation, Order, OrderStatus
from tests.funding.world import build_world, grant, quote

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


def test_20_concurrent_commitments_against_room_for_10(catalogue):
    world = build_world(catalogue, cap=None)
    allocation = grant(world, "1600.00")  # each order: 10 h × 16 € = 160 € from the fund
    orders = [quote(world, allocation, "10") for _ in range(20)]

    results = all_at_once(
        [lambda o=o: services.accept_order(order=o, actor=world.citizen.user) for o in orders]
    )

    refused = [r for r in results if isinstance(r, services.NotEnoughLeft)]
    assert len(refused) == 10
    assert all("non è rimasto abbastanza" in str(r.message) for r in refused)
    assert Order.objects.filter(status=OrderStatus.ACCEPTED).count() == 10
    assert Allocation.objects.get(pk=allocation.pk).available == Decimal("0.00")
    assert ledger_problems() == []


def test_deliveries_racing_an_orders_remaining_quantity(catalogue):
    world = build_world(catalogue)
    order = quote(world, grant(world, "1000.00"), "10")
    services.accept_order(order=order, actor=world.citizen.user)

    results = all_at_once(
        [
            lambda: services.record_delivery(
                order=order, date=world.today, quantity=Decimal("1"), actor=world.aurora_staff
            )
            for _ in range(16)
        ]
    )

    refused = [r for r in results if isinstance(r, services.FundingError)]
    assert len(refused) == 6
    order.refresh_from_db()
    assert order.delivered_quantity == order.quantity == Decimal("10")
    assert order.committed_account.balance == Decimal("0.00")
    assert ledger_problems() == []
