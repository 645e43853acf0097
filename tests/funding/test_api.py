"""The funding API as each user drives it: the Ufficio di Piano grants, the cooperative
quotes and records, the citizen accepts and contests; scopes answer 404; a retried POST
with the same Idempotency-Key does the work once."""

import datetime

import pytest
from django.core.cache import cache

from funding.models import Delivery, Transaction
from tests.funding.world import grant, quote
from tests.intake.api_helpers import client_for

pytestmark = pytest.mark.django_db
API = "/api/funding/"


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()


def test_the_whole_loop_through_the_api(world):
    district = client_for(world.district)
    coop = client_for(world.aurora_staff)
    citizen = client_for(world.citizen.user)

    granted = district.post(
        f"{API}allocations/",
        {
            "fund": world.fund.pk,
            "citizen": world.citizen.pk,
            "amount": "500.00",
            "valid_until": world.fund.valid_until.isoformat(),
            "request": world.request.reference,
        },
        format="json",
    )
    assert granted.status_code == 201, granted.json()
    assert granted.json()["available"] == "500.00"

    quoted = coop.post(
        f"{API}orders/",
        {
            "request": world.request.reference,
            "cost_option": world.hourly.pk,
            "quantity": "10",
            "allocation": granted.json()["id"],
        },
        format="json",
    )
    assert quoted.status_code == 201, quoted.json()
    assert (quoted.json()["fund_total"], quoted.json()["citizen_total"]) == ("160.00", "40.00")
    order_id = quoted.json()["id"]

    accepted = citizen.post(f"{API}orders/{order_id}/accept/")
    assert accepted.json()["status"] == "accepted"
    assert citizen.get(f"{API}allocations/").json()["results"][0]["available"] == "340.00"

    day = world.today.replace(day=1) - datetime.timedelta(days=1)
    recorded = coop.post(
        f"{API}deliveries/",
        {"order": order_id, "date": day.isoformat(), "quantity": "2"},
        format="json",
    )
    assert recorded.status_code == 201, recorded.json()

    opened = district.post(
        f"{API}statements/",
        {"fund": world.fund.pk, "provider": world.aurora.pk, "month": day.isoformat()},
        format="json",
    )
    assert opened.json()["fund_total"] == "32.00"
    approved = district.post(f"{API}statements/{opened.json()['id']}/approve/")
    assert approved.json()["status"] == "approved"
    again = district.post(f"{API}statements/{opened.json()['id']}/approve/")
    assert again.status_code == 400
    assert "già stato approvato" in str(again.json())
    assert coop.get(f"{API}statements/").json()["results"][0]["status"] == "approved"


def test_cross_scope_answers_404(world):
    order = quote(world, grant(world), "4")
    other_citizen = client_for(world.other_citizen.user)
    other_coop = client_for(world.girasole_staff)
    citizen = client_for(world.citizen.user)

    assert other_citizen.get(f"{API}orders/{order.pk}/").status_code == 404
    assert other_citizen.post(f"{API}orders/{order.pk}/accept/").status_code == 404
    assert other_coop.get(f"{API}orders/{order.pk}/").status_code == 404
    recorded = other_coop.post(
        f"{API}deliveries/",
        {"order": order.pk, "date": world.today.isoformat(), "quantity": "1"},
        format="json",
    )
    assert recorded.status_code == 404
    assert (
        citizen.post(
            f"{API}allocations/",
            {
                "fund": world.fund.pk,
                "citizen": world.citizen.pk,
                "amount": "5",
                "valid_until": world.fund.valid_until.isoformat(),
            },
            format="json",
        ).status_code
        == 404
    )
    statement = client_for(world.district).post(
        f"{API}statements/",
        {"fund": world.fund.pk, "provider": world.aurora.pk, "month": "2026-01-01"},
        format="json",
    )
    assert citizen.get(f"{API}statements/{statement.json()['id']}/").status_code == 404
    assert other_coop.get(f"{API}statements/{statement.json()['id']}/").status_code == 404
    assert citizen.get(f"{API}statements/").json()["results"] == []


def test_a_retried_post_records_one_delivery_and_one_commitment(world):
    order = quote(world, grant(world), "4")
    citizen = client_for(world.citizen.user)
    coop = client_for(world.aurora_staff)
    key = {"HTTP_IDEMPOTENCY_KEY": "8a0c3c1e-0d63-4c1a-9d1f-3f7a1c2b9e10"}

    first = citizen.post(f"{API}orders/{order.pk}/accept/", **key)
    second = citizen.post(f"{API}orders/{order.pk}/accept/", **key)
    assert first.status_code == second.status_code == 200
    assert second["Idempotent-Replayed"] == "true"
    assert Transaction.objects.filter(kind="commitment").count() == 1

    body = {"order": order.pk, "date": world.today.isoformat(), "quantity": "1"}
    key = {"HTTP_IDEMPOTENCY_KEY": "b3c1b1a4-2f55-4d1e-8d63-0d1e0c7f5a21"}
    assert coop.post(f"{API}deliveries/", body, format="json", **key).status_code == 201
    assert coop.post(f"{API}deliveries/", body, format="json", **key).status_code == 201
    assert Delivery.objects.count() == 1


@pytest.mark.parametrize(
    ("quantity", "message"),
    [("1.255", "al massimo due decimali"), ("-1", "maggiore di zero"), ("99", "quantità ordinata")],
)
def test_bad_deliveries_are_refused_with_a_message(world, quantity, message):
    order = quote(world, grant(world), "4")
    client_for(world.citizen.user).post(f"{API}orders/{order.pk}/accept/")
    answer = client_for(world.aurora_staff).post(
        f"{API}deliveries/",
        {"order": order.pk, "date": world.today.isoformat(), "quantity": quantity},
        format="json",
    )
    assert answer.status_code == 400
    assert message in str(answer.json())
    assert not Delivery.objects.exists()


def test_an_amount_with_three_decimals_is_refused(world):
    answer = client_for(world.district).post(
        f"{API}allocations/",
        {
            "fund": world.fund.pk,
            "citizen": world.citizen.pk,
            "amount": "10.005",
            "valid_until": world.fund.valid_until.isoformat(),
        },
        format="json",
    )
    assert answer.status_code == 400
    assert "due decimali" in str(answer.json())


def test_every_funding_endpoint_is_in_the_schema(client):
    paths = client.get("/api/schema/?format=json").json()["paths"]
    for path in [
        "/api/funding/allocations/",
        "/api/funding/orders/{id}/accept/",
        "/api/funding/deliveries/{id}/contest/",
        "/api/funding/statements/{id}/approve/",
    ]:
        assert path in paths


def test_suspend_reinstate_revoke_and_usable_through_the_api(world):
    allocation = grant(world, "500.00")
    district = client_for(world.district)
    url = f"{API}allocations/{allocation.pk}/"
    suspended = district.post(f"{url}suspend/", {"reason": "verifica"}, format="json")
    assert suspended.status_code == 200
    assert (suspended.json()["status"], suspended.json()["usable"]) == ("suspended", False)
    reinstated = district.post(f"{url}reinstate/", {}, format="json")
    assert (reinstated.json()["status"], reinstated.json()["usable"]) == ("granted", True)
    assert client_for(world.aurora_staff).post(f"{url}reinstate/", {}).status_code == 404
    revoked = district.post(f"{url}revoke/", {"reason": "rinuncia"}, format="json")
    assert (revoked.json()["status"], revoked.json()["available"]) == ("revoked", "0.00")
    again = district.post(f"{url}reinstate/", {}, format="json")
    assert again.status_code == 400 and again.json()
