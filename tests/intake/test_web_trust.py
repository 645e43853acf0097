"""Requests a person can trust: receipt, what happens next, the open request already sent,
the privacy notice's new version."""

import io

import pypdf
import pytest
import segno
from django.test import override_settings

from intake.models import ServiceRequest
from intake.services import submit_request
from tests import factories as f
from tests.intake.test_web_requests import answers, form_url, soup


@pytest.fixture
def logged_in(client, citizen):
    client.force_login(citizen.user)
    return client


def send(client, service, **overrides):
    form = client.get(form_url(service))
    response = client.post(form_url(service), answers(form, **overrides))
    assert response.status_code == 302
    return ServiceRequest.objects.order_by("-pk").first(), response


def qr_png(pdf_bytes):
    """The first image embedded in the PDF, as PNG-decoded pixels (pypdf + Pillow)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    image = reader.pages[0].images[0].image
    return reader, image.convert("1")


@override_settings(WAGTAILADMIN_BASE_URL="https://welfare.example.org")
def test_receipt_pdf_has_reference_service_and_a_qr_code_to_the_request_page(logged_in, service):
    stored, response = send(logged_in, service)
    confirmation = soup(logged_in.get(response["Location"]))
    link = confirmation.find("a", href=f"/richieste/{stored.reference}/ricevuta.pdf")
    assert link is not None

    pdf = logged_in.get(link["href"])
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    reader, image = qr_png(pdf.content)
    text = reader.pages[0].extract_text()
    assert stored.reference in text
    assert service.title in text
    url = f"https://welfare.example.org/richieste/{stored.reference}/"
    assert url in text
    # The QR code encodes that address: drawing the same code again gives the same modules.
    expected = segno.make(url, error="m")
    side = expected.symbol_size(scale=1, border=4)[0]
    scale = image.size[0] // side
    for row_index, row in enumerate(expected.matrix_iter(scale=1, border=4)):
        for col_index, dark in enumerate(row):
            pixel = image.getpixel((col_index * scale + scale // 2, row_index * scale + scale // 2))
            assert bool(dark) == (pixel == 0)


def test_receipt_of_someone_elses_request_is_not_found(client, service):
    other = f.CitizenProfileFactory()
    request = submit_request(
        citizen=other, service=service, actor=other.user, channel="web", description="aiuto"
    )
    client.force_login(f.CitizenProfileFactory().user)
    assert client.get(f"/richieste/{request.reference}/ricevuta.pdf").status_code == 404


def test_operator_prints_the_receipt_from_the_admin(client, service, operator):
    citizen = f.CitizenProfileFactory()
    request = submit_request(
        citizen=citizen, service=service, actor=citizen.user, channel="web", description="aiuto"
    )
    client.force_login(operator)
    inspect = client.get(f"/admin/richieste/{request.pk}/")
    assert f"/richieste/{request.reference}/ricevuta.pdf" in inspect.content.decode()
    assert client.get(f"/richieste/{request.reference}/ricevuta.pdf").status_code == 200


def test_confirmation_promises_an_email_only_to_a_citizen_who_has_one(client, service):
    citizen = f.CitizenProfileFactory(email="", phone="0331 123456")
    citizen.user.email = ""
    citizen.user.save()
    client.force_login(citizen.user)
    stored, response = send(client, service, contact_email="", preferred_contact="phone")
    steps = (
        soup(client.get(response["Location"]))
        .select_one(".rw-next-steps")
        .get_text(" ", strip=True)
    )
    assert "email" not in steps.replace("Non hai un indirizzo email", "")
    assert "0331 123456" in steps
    assert "giorni lavorativi" in steps


def test_confirmation_with_email_says_so_and_gives_the_response_time(logged_in, service, citizen):
    stored, response = send(logged_in, service)
    steps = (
        soup(logged_in.get(response["Location"]))
        .select_one(".rw-next-steps")
        .get_text(" ", strip=True)
    )
    assert citizen.email in steps
    assert "entro 3 giorni lavorativi" in steps


def test_an_open_request_for_the_same_service_is_announced_and_another_may_still_be_sent(
    logged_in, service
):
    first, _ = send(logged_in, service)
    page = soup(logged_in.get(form_url(service)))
    notice = page.select_one(".rw-open-request")
    assert notice is not None
    assert notice.find("a", href=f"/richieste/{first.reference}/")
    second, _ = send(logged_in, service)
    assert second.pk != first.pk


def test_staff_listing_flags_same_citizen_same_service_still_open(client, service, operator):
    citizen = f.CitizenProfileFactory()
    for _ in range(2):
        submit_request(
            citizen=citizen, service=service, actor=citizen.user, channel="web", description="aiuto"
        )
    lonely = f.CitizenProfileFactory()
    submit_request(
        citizen=lonely, service=service, actor=lonely.user, channel="web", description="aiuto"
    )
    client.force_login(operator)
    listing = client.get("/admin/richieste/").content.decode()
    assert listing.count("Stesso cittadino, stesso servizio, ancora aperta") == 2


@override_settings(PRIVACY_NOTICE_VERSION="2026-09")
def test_a_new_privacy_notice_is_shown_after_login_and_the_consent_stored(client, db):
    citizen = f.CitizenProfileFactory(privacy_notice_version="2026-01")
    response = client.post(
        "/account/accedi/", {"username": citizen.fiscal_code, "password": "password-di-prova-1"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/account/informativa/")
    page = client.get(response["Location"])
    assert "2026-09" in page.content.decode()
    client.post("/account/informativa/", {"next": "/richieste/"})
    citizen.refresh_from_db()
    assert citizen.privacy_notice_version == "2026-09"
