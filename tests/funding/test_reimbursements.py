"""Reimbursements of the welfare credit (f-bis and f-ter only), as the employee and the HR
contact drive them: the receipt uploaded on «I miei buoni», checked by its content, kept out
of the public media and served only to the two of them; HR approves (the credit pays on the
ledger) or rejects with a reason. Every bad input is refused with its reason, nothing saved."""

import datetime
import os
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from catalogue.choices import Art51Category
from funding.checks import ledger_problems
from funding.models import Reimbursement, Transaction
from tests.funding.credit_world import build_welfare_world

pytestmark = pytest.mark.django_db
SUBMIT = "/buoni/rimborsi/"
MINE = "/buoni/"
ADMIN = "/admin/fondi-e-buoni/"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02" + b"\0" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + b"\0" * 40


@pytest.fixture
def w(catalogue):
    return build_welfare_world(catalogue)


def form(w, **changes):
    data = {
        "allocation": w.credit.pk,
        "category": "f_ter",
        "amount": "120,50",
        "spent_on": (w.today - datetime.timedelta(days=3)).isoformat(),
        "family_member_name": "Maria Bianchi",
        "family_member_relationship": "parent",
        "description": "Badante, febbraio",
        "receipt": SimpleUploadedFile("ricevuta.pdf", PDF, content_type="application/pdf"),
    }
    data.update(changes)
    return data


def stored_files():
    return {
        os.path.join(root, name)
        for root, _dirs, files in os.walk(settings.PRIVATE_MEDIA_ROOT)
        for name in files
    }


def submit(client, w, **changes):
    client.force_login(w.citizen.user)
    response = client.post(SUBMIT, form(w, **changes), follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_an_employee_submits_a_receipt_and_reads_it_back(client, w):
    page = submit(client, w)
    assert "Richiesta di rimborso inviata" in page
    item = Reimbursement.objects.get()
    assert (item.amount, item.category, item.status) == (Decimal("120.50"), "f_ter", "submitted")
    assert item.receipt_type == "application/pdf"
    stored = item.receipt.path
    assert stored.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not stored.startswith(str(settings.MEDIA_ROOT))
    assert "Maria Bianchi" in page and "120,50" in page

    answer = client.get(f"/buoni/rimborsi/{item.pk}/ricevuta/")
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == PDF
    assert "no-store" in answer["Cache-Control"]
    assert answer["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ricevuta.png", PDF, "non è quello che dice la sua estensione"),
        ("ricevuta.pdf", b"Ciao, sono un testo e non un PDF" * 3, "non è un PDF, un JPEG o un PNG"),
        ("ricevuta.pdf", b"", "è vuoto"),
        ("ricevuta.exe", PDF, "dev&#x27;essere un PDF, un JPEG o un PNG"),
        ("grande.pdf", PDF + b"\0" * (10 * 1024 * 1024), "supera i 10 MB"),
    ],
)
def test_a_receipt_that_is_not_what_it_says_is_refused(client, w, name, content, message):
    before = stored_files()
    page = submit(client, w, receipt=SimpleUploadedFile(name, content))
    assert "Il rimborso non è stato inviato" in page
    assert message in page
    assert not Reimbursement.objects.exists()
    assert stored_files() == before


@pytest.mark.parametrize(("name", "content"), [("foto.png", PNG), ("foto.jpg", JPEG)])
def test_images_are_accepted(client, w, name, content):
    submit(client, w, receipt=SimpleUploadedFile(name, content))
    assert Reimbursement.objects.get().receipt_type in {"image/png", "image/jpeg"}


def test_category_f_is_never_reimbursed(client, w):
    page = submit(client, w, category="f")
    assert "Il rimborso non è stato inviato" in page
    assert not Reimbursement.objects.exists()


def test_a_category_the_plan_does_not_allow_is_refused(client, catalogue):
    w = build_welfare_world(catalogue, categories=[Art51Category.F_TER])
    page = submit(client, w, category="f_bis")
    assert "non ammette" in page
    assert not Reimbursement.objects.exists()


def test_an_expense_outside_the_plan_or_ahead_is_refused(client, w):
    before = (w.plan.valid_from - datetime.timedelta(days=1)).isoformat()
    assert "periodo del piano welfare" in submit(client, w, spent_on=before)
    ahead = (w.today + datetime.timedelta(days=2)).isoformat()
    assert "nel futuro" in submit(client, w, spent_on=ahead)
    assert not Reimbursement.objects.exists()


def test_more_than_the_credit_left_is_refused(client, w):
    assert "supera il credito rimasto" in submit(client, w, amount="400,01")
    assert not Reimbursement.objects.exists()


def test_a_plan_without_reimbursements_refuses_them(client, w):
    w.plan.allows_reimbursements = False
    w.plan.save()
    page = submit(client, w)
    assert "non ammette rimborsi" in page
    assert not Reimbursement.objects.exists()


def test_nothing_after_the_plans_end(client, w):
    type(w.plan).objects.filter(pk=w.plan.pk).update(
        valid_until=w.today - datetime.timedelta(days=1)
    )
    page = submit(client, w, spent_on=(w.today - datetime.timedelta(days=5)).isoformat())
    assert "è finito il" in page
    assert not Reimbursement.objects.exists()


def test_the_receipt_is_served_only_to_the_employee_and_their_hr(client, w):
    submit(client, w)
    item = Reimbursement.objects.get()
    url = f"/buoni/rimborsi/{item.pk}/ricevuta/"
    client.force_login(w.hr)
    assert client.get(url).status_code == 200
    for outsider in (w.other_hr, w.district, w.aurora_staff, w.other_citizen.user, w.operator):
        client.force_login(outsider)
        assert client.get(url).status_code == 404, outsider


def test_hr_approves_and_the_credit_pays_on_the_ledger(client, w):
    submit(client, w)
    item = Reimbursement.objects.get()
    client.force_login(w.hr)
    listing = client.get("/admin/rimborsi-welfare/").content.decode()
    assert "Maria Bianchi" in listing and "120,50" in listing
    detail = client.get(f"/admin/rimborsi-welfare/{item.pk}/").content.decode()
    assert "ricevuta.pdf" in detail
    assert w.service.title not in detail and w.service.title not in listing

    client.post(f"/admin/rimborsi-welfare/{item.pk}/", {"decision": "approve"})
    item.refresh_from_db()
    assert item.status == "approved" and item.decided_by == w.hr
    assert item.transaction.kind == "reimbursement"
    w.credit.refresh_from_db()
    assert w.credit.available == Decimal("279.50")
    assert ledger_problems() == []

    again = client.post(f"/admin/rimborsi-welfare/{item.pk}/", {"decision": "approve"})
    assert again.status_code == 302
    assert Transaction.objects.filter(kind="reimbursement").count() == 1


def test_hr_rejects_with_a_reason_the_employee_reads(client, w):
    submit(client, w)
    item = Reimbursement.objects.get()
    client.force_login(w.hr)
    page = client.post(f"/admin/rimborsi-welfare/{item.pk}/", {"decision": "reject", "reason": ""})
    assert "Scrivi perché" in page.content.decode()
    item.refresh_from_db()
    assert item.status == "submitted"

    client.post(
        f"/admin/rimborsi-welfare/{item.pk}/",
        {"decision": "reject", "reason": "La ricevuta è di un anno fa."},
    )
    item.refresh_from_db()
    assert item.status == "rejected"
    client.force_login(w.citizen.user)
    assert "La ricevuta è di un anno fa." in client.get(MINE).content.decode()
    w.credit.refresh_from_db()
    assert w.credit.available == Decimal("400.00")


def test_another_employers_hr_finds_nothing(client, w):
    submit(client, w)
    item = Reimbursement.objects.get()
    client.force_login(w.other_hr)
    assert "Maria Bianchi" not in client.get("/admin/rimborsi-welfare/").content.decode()
    assert client.get(f"/admin/rimborsi-welfare/{item.pk}/").status_code == 404
    client.post(f"/admin/rimborsi-welfare/{item.pk}/", {"decision": "approve"})
    item.refresh_from_db()
    assert item.status == "submitted"
