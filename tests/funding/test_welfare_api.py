"""The HR side of the funding API: plans, employees with credit and left, totals, and the
employees' upload (preview, then confirm with an Idempotency-Key); another employer's
plan answers 404; everything is in /api/schema/."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from funding.models import Employee, Transaction
from intake.models import Notification
from tests.funding.welfare_world import build_welfare, csv_of, employee_code, staff_csv
from tests.intake.api_helpers import client_for

pytestmark = pytest.mark.django_db
API = "/api/funding/plans/"


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()


@pytest.fixture
def welfare(world):
    return build_welfare(world)


def test_hr_previews_confirms_and_reads_the_plan(world, welfare):
    hr = client_for(welfare.hr)
    plans = hr.get(API).json()
    assert [p["id"] for p in plans["results"]] == [welfare.plan.pk]
    assert plans["results"][0]["art51_categories"] == ["f", "f_ter"]

    url = f"{API}{welfare.plan.pk}/upload/"
    preview = hr.post(url, {"content": welfare.csv}, format="json")
    assert preview.status_code == 200, preview.json()
    body = preview.json()
    assert (body["saved"], body["valid"], body["new"], body["rejected"]) == (False, True, 3, 0)
    assert not Employee.objects.exists()

    key = {"HTTP_IDEMPOTENCY_KEY": "upload-2026-1"}
    saved = hr.post(url, {"content": welfare.csv, "confirm": True}, format="json", **key)
    assert saved.status_code == 200 and saved.json()["saved"] is True
    transactions = Transaction.objects.count()
    replay = hr.post(url, {"content": welfare.csv, "confirm": True}, format="json", **key)
    assert replay.json() == saved.json() and replay["Idempotent-Replayed"] == "true"
    again = hr.post(url, {"content": welfare.csv, "confirm": True}, format="json")
    assert again.json()["saved"] is False and again.json()["unchanged"] == 3
    assert Transaction.objects.count() == transactions

    employees = hr.get(f"{API}{welfare.plan.pk}/employees/").json()["results"]
    anna = next(e for e in employees if e["fiscal_code"] == employee_code(1))
    assert (anna["credit"], anna["left"], anna["registered"]) == ("600.00", "600.00", False)
    totals = hr.get(f"{API}{welfare.plan.pk}/totals/").json()
    assert totals["employees"] == 3 and totals["credit"] == "1750.50"
    assert {row["category"] for row in totals["by_category"]} == {"f", "f_ter"}


def test_a_confirm_of_three_times_the_employees_takes_the_same_queries(world, welfare):
    def confirm_queries(user, plan, content, count):
        hr = client_for(user)
        url = f"{API}{plan.pk}/upload/"
        assert hr.post(url, {"content": content}, format="json").json()["new"] == count
        with CaptureQueriesContext(connection) as queries:
            saved = hr.post(
                url,
                {"content": content, "confirm": True},
                format="json",
                HTTP_IDEMPOTENCY_KEY=f"upload-{count}",
            )
        assert saved.json()["saved"] is True and saved.json()["new"] == count
        return len(queries)

    small = confirm_queries(welfare.hr, welfare.plan, staff_csv(20), 20)
    large = confirm_queries(welfare.other_hr, welfare.other_plan, staff_csv(60, start=200), 60)
    assert small == large
    assert Notification.objects.filter(to_email__startswith="dip").count() == 80


def test_rejected_rows_and_bad_files_answer_with_reasons_and_save_nothing(world, welfare):
    hr = client_for(welfare.hr)
    url = f"{API}{welfare.plan.pk}/upload/"
    bad = csv_of([(employee_code(1), "Anna", "B", "a@example.org", "-1")])
    preview = hr.post(url, {"content": bad}, format="json").json()
    assert preview["valid"] is False and "credito negativo" in preview["rows"][0]["errors"][0]
    refused = hr.post(url, {"content": bad, "confirm": True}, format="json")
    assert refused.status_code == 400 and "righe sono state scartate" in str(refused.json())
    unknown = hr.post(url, {"content": "cf;nome;reparto\n"}, format="json")
    assert unknown.status_code == 400 and "«reparto»" in str(unknown.json())
    assert not Employee.objects.exists()


def test_another_employers_plan_answers_404(world, welfare):
    hr = client_for(welfare.other_hr)
    for url in [
        f"{API}{welfare.plan.pk}/",
        f"{API}{welfare.plan.pk}/employees/",
        f"{API}{welfare.plan.pk}/totals/",
    ]:
        assert hr.get(url).status_code == 404
    answer = hr.post(f"{API}{welfare.plan.pk}/upload/", {"content": welfare.csv}, format="json")
    assert answer.status_code == 404
    citizen = client_for(world.citizen.user)
    assert citizen.get(API).json()["results"] == []
    assert citizen.get(f"{API}{welfare.plan.pk}/totals/").status_code == 404


def test_the_hr_endpoints_are_in_the_schema(client, db):
    paths = client.get("/api/schema/?format=json").json()["paths"]
    for path in [
        "/api/funding/plans/",
        "/api/funding/plans/{id}/employees/",
        "/api/funding/plans/{id}/totals/",
        "/api/funding/plans/{id}/upload/",
    ]:
        assert path in paths
    upload = paths["/api/funding/plans/{id}/upload/"]["post"]
    assert {"200", "400", "404", "409", "422"} <= set(upload["responses"])
    assert any(p["name"] == "Idempotency-Key" for p in upload["parameters"])
