"""Benchmark of the funding ledger on PostgreSQL: a month's statement with many deliveries,
and commitments per second under concurrent clients.

* statement: an open statement's detail through the API (GET /api/funding/statements/<id>/)
  with 500 and then 5,000 deliveries (the query count must not grow), then its approval;
* commitments: 16 threads (each its own database connection, as app servers would be)
  accept pre-made quotes through `funding.services.accept_order`: first each on its own
  allocation, then all on one allocation (where the row lock serialises them).

    .venv/bin/python bench/funding.py   # or BENCH_FUNDING_URL=postgres://... first

The database is dropped and created again, and left behind. It is not a test.
"""

import argparse
import datetime
import os
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/rw_funding_bench"


def setup(url):
    name = url.rsplit("/", 1)[1]
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(
            ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", sql, "postgres"], check=True
        )
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def world():
    from wagtail.models import Page, Site

    from tests import factories as f
    from tests.funding.world import build_world

    f.restore_wagtail_roots()
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    home = f.HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    providers = f.ProviderIndexPageFactory(parent=home)
    provider = f.ProviderPageFactory(parent=providers)
    catalogue = {
        "providers": providers,
        "provider": provider,
        "service": f.ServicePageFactory(parent=provider),
    }
    return build_world(catalogue, budget="5000000.00", cap=None)


def bulk_deliveries(order, month, count, actor):
    """`count` one-hour sessions in `month`: the rows inserted in bulk and their money moved
    by one balanced ledger transaction (recording them one by one through the service
    takes too long on a shared machine; its cost is measured separately below)."""
    from django.db import transaction
    from django.db.models import F

    from catalogue.money import from_cents, to_cents
    from funding.models import Delivery, Order
    from funding.services import ledger

    fund_cents = to_cents(order.fund_unit_price)
    citizen_cents = to_cents(order.citizen_unit_price)
    with transaction.atomic():
        Delivery.objects.bulk_create(
            [
                Delivery(
                    order=order,
                    date=month + datetime.timedelta(days=number % 28),
                    quantity=Decimal("1"),
                    fund_amount=from_cents(fund_cents),
                    citizen_amount=from_cents(citizen_cents),
                    recorded_by=actor,
                )
                for number in range(count)
            ],
            batch_size=1000,
        )
        ledger.post(
            kind="delivery",
            legs=[
                (order.committed_account, -fund_cents * count),
                (ledger.provider_earned(order.fund, order.provider), fund_cents * count),
                (ledger.citizen_share(order.citizen), -citizen_cents * count),
                (ledger.provider_copayment(order.provider), citizen_cents * count),
            ],
            memo=f"bench: {count} deliveries",
            fund=order.fund,
            order=order,
        )
        Order.objects.filter(pk=order.pk).update(
            delivered_quantity=F("delivered_quantity") + count, status="in_delivery"
        )
    order.committed_account.refresh_from_db()


def time_recording(w, order, count):
    """Milliseconds per delivery recorded through the service (the API's path)."""
    from funding import services

    started = time.perf_counter()
    for _ in range(count):
        services.record_delivery(
            order=order, date=w.today, quantity=Decimal("1"), actor=w.aurora_staff
        )
    return (time.perf_counter() - started) / count * 1000


def bench_statement(w, counts):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    from funding import services

    allocation = services.grant_allocation(
        fund=w.fund,
        citizen=w.citizen,
        amount="200000.00",
        valid_until=w.fund.valid_until,
        actor=w.district,
    )
    order = services.propose_order(
        request=w.request,
        cost_option=w.hourly,
        quantity=Decimal(max(counts) + 100),
        allocation=allocation,
        actor=w.aurora_staff,
    )
    services.accept_order(order=order, actor=w.citizen.user)
    month = (w.today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    statement = services.open_statement(fund=w.fund, provider=w.aurora, month=month)
    client = APIClient()
    client.force_authenticate(w.district)
    done = 0
    for count in counts:
        started = time.perf_counter()
        bulk_deliveries(order, month, count - done, w.aurora_staff)
        done = count
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            answer = client.get(f"/api/funding/statements/{statement.pk}/")
        elapsed = time.perf_counter() - started
        assert len(answer.json()["deliveries"]) == count, answer.status_code
        print(
            f"statement detail, {count} deliveries: {elapsed * 1000:.0f} ms, {len(queries)} queries"
        )
    print(f"recording one delivery through the service: {time_recording(w, order, 20):.0f} ms")
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        services.approve_statement(statement=statement, actor=w.district)
    elapsed = time.perf_counter() - started
    print(
        f"statement approval, {max(counts)} deliveries: "
        f"{elapsed * 1000:.0f} ms, {len(queries)} queries"
    )


def bench_commitments(w, clients, per_client):
    from django.db import connection

    from funding import services
    from tests import factories as f
    from tests.funding.world import assigned_request

    def quotes(shared):
        batches = []
        one = None
        for _ in range(clients):
            citizen = w.citizen if shared else f.CitizenProfileFactory()
            if not shared:
                services.set_citizen_isee(citizen=citizen, value="5000", actor=w.district)
            request = assigned_request(citizen, w.service, w.aurora, w.operator)
            if one is None or not shared:
                one = services.grant_allocation(
                    fund=w.fund,
                    citizen=citizen,
                    amount="100000.00",
                    valid_until=w.fund.valid_until,
                    actor=w.district,
                )
            batches.append(
                [
                    (
                        services.propose_order(
                            request=request,
                            cost_option=w.hourly,
                            quantity=Decimal("1"),
                            allocation=one,
                            actor=w.aurora_staff,
                        ),
                        citizen.user,
                    )
                    for _ in range(per_client)
                ]
            )
        return batches

    for label, shared in (("each on its own allocation", False), ("all on one allocation", True)):
        batches = quotes(shared)
        barrier = threading.Barrier(clients)

        def run(batch, barrier=barrier):
            try:
                barrier.wait()
                for order, user in batch:
                    services.accept_order(order=order, actor=user)
            finally:
                connection.close()

        threads = [threading.Thread(target=run, args=(batch,)) for batch in batches]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        total = clients * per_client
        print(
            f"commitments, {clients} clients, {label}: {total} in {elapsed:.2f} s = "
            f"{total / elapsed:.0f}/s"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliveries", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--per-client", type=int, default=25)
    args = parser.parse_args(argv)
    setup(os.environ.get("BENCH_FUNDING_URL", DEFAULT_URL))
    from django.core.management import call_command

    w = world()
    bench_statement(w, args.deliveries)
    bench_commitments(w, args.clients, args.per_client)
    call_command("check_ledger")


if __name__ == "__main__":
    main()
