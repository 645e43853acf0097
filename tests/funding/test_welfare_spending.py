"""Spending a company welfare credit (DM 25 March 2016, art. 51 c. 3-bis TUIR), through the
funding API as the cooperative and the employee drive it: the plan's art. 51 categories, no
top-up, the whole order covered, nothing after the plan's end, the credit personal. Every
refusal says why and saves nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache

from catalogue.choices import Art51Category
from funding.checks import ledger_problems
from funding.models import Allocation, Fund, Order, Transaction
from tests.funding.credit_world import build_welfare_world
from tests.funding.world import assigned_request
from tests.intake.api_helpers import client_for

pytestmark = pytest.mark.django_db
API = "/api/funding/"


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()


@pytest.fixture
def w(catalogue):
    return build_welfare_world(catalogue)


def propose(w, hours, *, request=None, cost_option=None, **extra):
    return client_for(w.aurora_staff).post(
        f"{API}orders/",
        {
            "request": (request or w.request).reference,
            "cost_option": (cost_option or w.hourly).pk,
            "quantity": str(hours),
            "allocation": w.credit.pk,
            **extra,
        },
        format="json",
    )


def refused(response, *words):
    assert response.status_code == 400, response.json()
    body = response.json()
    message = body.get("detail") or " ".join(str(v) for v in body.values())
    for word in words:
        assert word in message, message
    return message


def test_the_credit_pays_home_care_for_the_elderly_in_full(w):
    quoted = propose(w, 10)
    assert quoted.status_code == 201, quoted.json()
    assert (quoted.json()["fund_total"], quoted.json()["citizen_total"]) == ("200.00", "0.00")

    employee = client_for(w.citizen.user)
    accepted = employee.post(f"{API}orders/{quoted.json()['id']}/accept/")
    assert accepted.status_code == 200, accepted.json()
    w.credit.refresh_from_db()
    assert w.credit.available == Decimal("200.00")

    recorded = client_for(w.aurora_staff).post(
        f"{API}deliveries/",
        {"order": quoted.json()["id"], "date": w.today.isoformat(), "quantity": "2"},
        format="json",
    )
    assert recorded.status_code == 201, recorded.json()
    assert recorded.json()["citizen_amount"] == "0.00"
    assert ledger_problems() == []


def test_a_quote_beyond_the_credit_is_refused_no_top_up_and_may_be_paid_privately(w):
    before = Order.objects.count()
    message = refused(propose(w, 25), "non copre l'intero preventivo", "privatamente")
    assert "500,00" in message and "400,00" in message
    assert Order.objects.count() == before

    private = client_for(w.aurora_staff).post(
        f"{API}orders/",
        {"request": w.request.reference, "cost_option": w.hourly.pk, "quantity": "25"},
        format="json",
    )
    assert private.status_code == 201, private.json()
    assert private.json()["citizen_total"] == "500.00"


def test_a_service_outside_the_plans_categories_is_refused(catalogue):
    w = build_welfare_world(catalogue, categories=[Art51Category.F_BIS])
    before = Order.objects.count()
    refused(propose(w, 2), "non paga questo servizio", "lett. f-ter", "lett. f-bis")
    assert Order.objects.count() == before


def test_a_service_in_no_art51_category_is_refused(w):
    w.service.art51_categories = []
    w.service.save()
    refused(propose(w, 2), "non si può pagare con il welfare aziendale")
    assert not Order.objects.exists()


def test_the_plan_pays_another_category_it_allows(w):
    request = w.camp_request()
    quoted = propose(w, 2, request=request, cost_option=w.camp_weekly)
    assert quoted.status_code == 201, quoted.json()
    assert quoted.json()["fund_total"] == "180.00"


def test_the_credit_is_personal(w):
    request = assigned_request(w.other_citizen, w.service, w.aurora, w.operator)
    refused(propose(w, 2, request=request), "personale")
    assert not Order.objects.exists()


def test_nothing_after_the_plans_end(w):
    quoted = propose(w, 2)
    assert quoted.status_code == 201
    late = (w.plan.valid_until + datetime.timedelta(days=1)).isoformat()
    refused(propose(w, 2, starts_on=late), "dopo la fine del piano welfare")

    Fund.objects.filter(pk=w.plan.pk).update(valid_until=w.today - datetime.timedelta(days=1))
    Allocation.objects.filter(pk=w.credit.pk).update(
        valid_until=w.today - datetime.timedelta(days=1)
    )
    transactions = Transaction.objects.count()
    response = client_for(w.citizen.user).post(f"{API}orders/{quoted.json()['id']}/accept/")
    refused(response, "è finito il")
    assert Transaction.objects.count() == transactions
    refused(propose(w, 1), "è finito il")


def test_acceptance_rechecks_the_category_and_the_credit(w):
    first = propose(w, 15).json()
    second = propose(w, 15).json()
    employee = client_for(w.citizen.user)
    assert employee.post(f"{API}orders/{first['id']}/accept/").status_code == 200
    message = refused(
        employee.post(f"{API}orders/{second['id']}/accept/"), "non copre", "privatamente"
    )
    assert "100,00" in message

    third = propose(w, 1).json()
    w.service.art51_categories = [Art51Category.F]
    w.service.save()
    refused(employee.post(f"{API}orders/{third['id']}/accept/"), "non paga questo servizio")
    assert Order.objects.get(pk=third["id"]).status == "proposed"
