"""The employee's side of company welfare under /api/funding/ (credits, the orders each paid,
reimbursements with a multipart upload) and HR's decisions, with the funding API's rules:
token auth, 404 outside scope, Idempotency-Key, one error shape; all in /api/schema/."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from funding.models import Reimbursement
from tests.funding.credit_world import build_welfare_world
from tests.funding.test_reimbursements import PDF
from tests.intake.api_helpers import client_for

pytestmark = pytest.mark.django_db
API = "/api/funding/"


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()


@pytest.fixture
def w(catalogue):
    return build_welfare_world(catalogue)


def body(w, **changes):
    data = {
        "allocation": w.credit.pk,
        "amount": "80.00",
        "category": "f_ter",
        "spent_on": (w.today - datetime.timedelta(days=1)).isoformat(),
        "family_member_name": "Maria Bianchi",
        "family_member_relationship": "parent",
        "receipt": SimpleUploadedFile("ricevuta.pdf", PDF, content_type="application/pdf"),
    }
    data.update(changes)
    return data


def test_the_employee_reads_the_credit_and_the_orders_it_paid(w):
    coop = client_for(w.aurora_staff)
    quoted = coop.post(
        f"{API}orders/",
        {
            "request": w.request.reference,
            "cost_option": w.hourly.pk,
            "quantity": "5",
            "allocation": w.credit.pk,
        },
        format="json",
    )
    assert quoted.status_code == 201
    employee = client_for(w.citizen.user)
    employee.post(f"{API}orders/{quoted.json()['id']}/accept/")

    credits = employee.get(f"{API}welfare-credits/").json()["results"]
    assert [(c["plan"], c["available"]) for c in credits] == [(w.plan.name, "300.00")]
    assert sorted(credits[0]["art51_categories"]) == ["f_bis", "f_ter"]
    assert credits[0]["allows_reimbursements"] is True
    orders = employee.get(f"{API}welfare-credits/{w.credit.pk}/orders/").json()["results"]
    assert [o["id"] for o in orders] == [quoted.json()["id"]]
    assert (
        client_for(w.other_citizen.user).get(f"{API}welfare-credits/{w.credit.pk}/").status_code
        == 404
    )


def test_a_reimbursement_submitted_with_multipart_once_per_idempotency_key(w):
    employee = client_for(w.citizen.user)
    first = employee.post(
        f"{API}reimbursements/", body(w), format="multipart", HTTP_IDEMPOTENCY_KEY="r-1"
    )
    assert first.status_code == 201, first.json()
    assert first.json()["status"] == "submitted"
    again = employee.post(
        f"{API}reimbursements/", body(w), format="multipart", HTTP_IDEMPOTENCY_KEY="r-1"
    )
    assert again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert Reimbursement.objects.count() == 1

    receipt = employee.get(first.json()["receipt_url"])
    assert receipt.status_code == 200
    assert "no-store" in receipt["Cache-Control"]
    assert client_for(w.district).get(first.json()["receipt_url"]).status_code == 404


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"receipt": SimpleUploadedFile("r.png", PDF)}, "receipt", "estensione"),
        ({"receipt": SimpleUploadedFile("r.pdf", b"")}, "receipt", "vuoto"),
        ({"category": "f"}, "category", "f-bis"),
        ({"amount": "-5"}, "amount", "maggiore di zero"),
    ],
)
def test_bad_submissions_answer_400_with_the_field_and_save_nothing(w, changes, field, message):
    answer = client_for(w.citizen.user).post(
        f"{API}reimbursements/", body(w, **changes), format="multipart"
    )
    assert answer.status_code == 400, answer.json()
    assert message in str(answer.json()[field])
    assert not Reimbursement.objects.exists()


def test_hr_decides_only_their_employers_reimbursements(w):
    created = client_for(w.citizen.user).post(f"{API}reimbursements/", body(w), format="multipart")
    pk = created.json()["id"]
    hr, other = client_for(w.hr), client_for(w.other_hr)
    assert [r["id"] for r in hr.get(f"{API}reimbursements/").json()["results"]] == [pk]
    assert other.get(f"{API}reimbursements/").json()["results"] == []
    assert other.post(f"{API}reimbursements/{pk}/approve/").status_code == 404
    assert client_for(w.citizen.user).post(f"{API}reimbursements/{pk}/approve/").status_code == 404

    blank = hr.post(f"{API}reimbursements/{pk}/reject/", {"reason": ""}, format="json")
    assert blank.status_code == 400
    approved = hr.post(f"{API}reimbursements/{pk}/approve/")
    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"] == "approved"
    w.credit.refresh_from_db()
    assert w.credit.available == Decimal("320.00")
    twice = hr.post(f"{API}reimbursements/{pk}/approve/")
    assert twice.status_code == 400
    assert "già" in str(twice.json())


def test_the_schema_documents_the_employees_and_hrs_endpoints(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    paths = schema["paths"]
    for path in (
        "/api/funding/welfare-credits/",
        "/api/funding/welfare-credits/{id}/orders/",
        "/api/funding/reimbursements/",
        "/api/funding/reimbursements/{id}/approve/",
        "/api/funding/reimbursements/{id}/reject/",
        "/api/funding/reimbursements/{id}/receipt/",
    ):
        assert path in paths, path
    submit = paths["/api/funding/reimbursements/"]["post"]
    assert "multipart/form-data" in submit["requestBody"]["content"]
