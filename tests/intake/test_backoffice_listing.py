"""«Richieste» in the Wagtail admin: who sees the menu and which rows, filters, search,
ordering by age, the late-answer badge, and the CSV/XLSX exports of the filtered listing."""

import csv
import datetime
import io

import pytest
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from openpyxl import load_workbook

from intake.models import ProviderMembership, RequestChannel, RequestStatus, ServiceRequest
from intake.selectors import overdue_requests, requests_visible_to
from tests import factories as f
from tests.intake.backoffice_world import ADMIN_URL, build_district, in_status, submit


@pytest.fixture
def district(home_page):
    return build_district(home_page)


def listing(client, user, query=""):
    client.force_login(user)
    response = client.get(ADMIN_URL + query)
    assert response.status_code == 200
    return response.content.decode()


def exported_rows(client, user, query=""):
    client.force_login(user)
    separator = "&" if query else "?"
    response = client.get(ADMIN_URL + query + separator + "export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


# --- who reaches the listing ---------------------------------------------------------


@pytest.mark.parametrize("role", ["operator", "office", "aurora_staff", "superuser"])
def test_staff_roles_find_richieste_in_the_admin_menu(client, district, role):
    client.force_login(getattr(district, role))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert ADMIN_URL in response.content.decode()


def test_content_only_editor_has_no_richieste_menu_and_no_listing(client, district):
    client.force_login(district.editor)
    assert ADMIN_URL not in client.get("/admin/").content.decode()
    response = client.get(ADMIN_URL, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    with translation.override("it"):
        refusal = gettext("Sorry, you do not have permission to access this area.")
    assert escape(refusal) in response.content.decode()


def test_citizen_never_reaches_the_admin(client, district):
    citizen = f.CitizenProfileFactory()
    client.force_login(citizen.user)
    response = client.get(ADMIN_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_requests_cannot_be_created_edited_or_deleted_through_generic_forms(client, district):
    service_request = submit(district)
    client.force_login(district.superuser)
    for url in (
        f"{ADMIN_URL}new/",
        f"{ADMIN_URL}edit/{service_request.pk}/",
        f"{ADMIN_URL}delete/{service_request.pk}/",
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"status": "completed"}).status_code == 404
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.SUBMITTED


# --- what each role sees ---------------------------------------------------------------


def test_operator_and_district_office_see_every_request(client, district):
    new = submit(district)
    to_aurora = in_status(district, "assigned", provider=district.aurora)
    to_betulla = in_status(district, "assigned", district.job_help, provider=district.betulla)
    for user in (district.operator, district.office):
        html = listing(client, user)
        for service_request in (new, to_aurora, to_betulla):
            assert service_request.reference in html


def test_provider_staff_see_only_requests_assigned_to_their_provider(client, district):
    new = submit(district)
    to_aurora = in_status(district, "accepted", provider=district.aurora)
    to_betulla = in_status(district, "assigned", district.job_help, provider=district.betulla)
    html = listing(client, district.aurora_staff)
    assert to_aurora.reference in html
    assert new.reference not in html
    assert to_betulla.reference not in html
    html = listing(client, district.betulla_staff)
    assert to_betulla.reference in html
    assert to_aurora.reference not in html


def test_staff_of_two_providers_see_both(client, district):
    to_aurora = in_status(district, "assigned", provider=district.aurora)
    to_betulla = in_status(district, "assigned", district.job_help, provider=district.betulla)
    both = f.ProviderStaffFactory(provider=district.aurora)
    ProviderMembership.objects.create(user=both, provider=district.betulla)
    html = listing(client, both)
    assert to_aurora.reference in html
    assert to_betulla.reference in html


def test_listing_shows_citizen_service_provider_and_status(client, district):
    citizen = f.CitizenProfileFactory(first_name="Giovanna", last_name="Bianchi")
    service_request = in_status(district, "assigned", citizen=citizen)
    html = listing(client, district.operator)
    assert "Giovanna Bianchi" in html
    assert "Assistenza domiciliare" in html
    assert "Cooperativa Aurora" in html
    assert "Assegnata a un ente" in html
    assert f"{ADMIN_URL}{service_request.pk}/" in html


def test_listing_queries_do_not_grow_with_rows(client, district, django_assert_max_num_queries):
    for _ in range(3):
        in_status(district, "assigned")
    client.force_login(district.operator)
    client.get(ADMIN_URL)  # warm caches (content types, site)
    with django_assert_max_num_queries(25) as few:
        response = client.get(ADMIN_URL)
    assert response.status_code == 200
    assert response.content.decode().count("RW-") >= 3
    for _ in range(12):
        in_status(district, "assigned")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(ADMIN_URL)
    assert response.status_code == 200
    assert response.content.decode().count("RW-") >= 15


# --- filters, search, ordering -----------------------------------------------------------


def test_filter_by_status(client, district):
    new = submit(district)
    reviewing = in_status(district, "in_review")
    html = listing(client, district.operator, "?status=in_review")
    assert reviewing.reference in html
    assert new.reference not in html


def test_filter_by_service_provider_and_need(client, district):
    home_care = in_status(district, "assigned", provider=district.aurora)
    job = in_status(district, "assigned", district.job_help, provider=district.betulla)
    by_service = listing(client, district.operator, f"?service={district.job_help.pk}")
    assert job.reference in by_service and home_care.reference not in by_service
    by_provider = listing(client, district.operator, f"?provider={district.aurora.pk}")
    assert home_care.reference in by_provider and job.reference not in by_provider
    by_need = listing(client, district.operator, f"?need={district.work.pk}")
    assert job.reference in by_need and home_care.reference not in by_need


def test_filter_by_citizen_municipality_social_point_and_channel(client, district):
    from_tradate = submit(
        district,
        citizen=f.CitizenProfileFactory(municipality=district.tradate),
        social_point=district.desk,
    )
    from_venegono = submit(
        district,
        citizen=f.CitizenProfileFactory(municipality=district.venegono),
        actor=district.operator,
        channel=RequestChannel.PHONE,
    )
    html = listing(client, district.operator, f"?municipality={district.tradate.pk}")
    assert from_tradate.reference in html and from_venegono.reference not in html
    html = listing(client, district.operator, f"?social_point={district.desk.pk}")
    assert from_tradate.reference in html and from_venegono.reference not in html
    html = listing(client, district.operator, "?channel=phone")
    assert from_venegono.reference in html and from_tradate.reference not in html


def test_filter_by_submission_date_range(client, district):
    old = submit(district, days_ago=40)
    recent = submit(district, days_ago=2)
    since = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    html = listing(client, district.operator, f"?submitted_at_from={since}")
    assert recent.reference in html and old.reference not in html
    until = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    html = listing(client, district.operator, f"?submitted_at_to={until}")
    assert old.reference in html and recent.reference not in html


def test_search_by_reference_citizen_name_or_fiscal_code(client, district):
    maria = submit(district, citizen=f.CitizenProfileFactory(first_name="Maria", last_name="Verdi"))
    other = submit(district, citizen=f.CitizenProfileFactory(first_name="Luca", last_name="Neri"))
    for query in (maria.reference, "maria verdi", "Verdi", maria.citizen.fiscal_code.lower()):
        html = listing(client, district.operator, f"?q={query}")
        assert maria.reference in html, query
        assert other.reference not in html, query


def test_search_stays_within_the_providers_scope(client, district):
    outside = submit(district, citizen=f.CitizenProfileFactory(last_name="Cercato"))
    html = listing(client, district.aurora_staff, "?q=Cercato")
    assert outside.reference not in html


def test_order_by_age_both_ways(client, district):
    oldest = submit(district, days_ago=9)
    middle = submit(district, days_ago=5)
    newest = submit(district, days_ago=1)
    references = [oldest.reference, middle.reference, newest.reference]
    html = listing(client, district.operator, "?ordering=submitted_at")
    assert sorted(references, key=html.index) == references
    html = listing(client, district.operator, "?ordering=-submitted_at")
    assert sorted(references, key=html.index) == references[::-1]


# --- the provider's answer is late -------------------------------------------------------


def assigned_working_days_ago(service_request, days):
    """Move the assignment back by `days` working days (weekends skipped, no holidays)."""
    from intake.working_days import working_days_before

    moment = working_days_before(timezone.now(), days, country="")
    ServiceRequest.objects.filter(pk=service_request.pk).update(
        assigned_at=moment - datetime.timedelta(minutes=1)
    )


def test_requests_waiting_too_long_for_the_provider_are_flagged(client, district, settings):
    settings.INTAKE_HOLIDAYS_COUNTRY = ""
    settings.INTAKE_PROVIDER_RESPONSE_WORKING_DAYS = 3
    late = in_status(district, "assigned")
    assigned_working_days_ago(late, 3)
    on_time = in_status(district, "assigned")
    assigned_working_days_ago(on_time, 2)
    html = listing(client, district.operator, "?ordering=submitted_at")
    late_row = html[html.index(late.reference) : html.index(on_time.reference)]
    on_time_row = html[html.index(on_time.reference) :]
    assert "In ritardo" in late_row
    assert "In ritardo" not in on_time_row
    overdue_only = listing(client, district.operator, "?overdue=1")
    assert late.reference in overdue_only and on_time.reference not in overdue_only


def test_overdue_selector_follows_the_setting_and_ignores_answered_requests(district, settings):
    settings.INTAKE_HOLIDAYS_COUNTRY = ""
    waiting = in_status(district, "assigned")
    assigned_working_days_ago(waiting, 4)
    answered = in_status(district, "accepted")
    assigned_working_days_ago(answered, 4)
    settings.INTAKE_PROVIDER_RESPONSE_WORKING_DAYS = 3
    assert list(overdue_requests(ServiceRequest.objects.all())) == [waiting]
    settings.INTAKE_PROVIDER_RESPONSE_WORKING_DAYS = 5
    assert list(overdue_requests(ServiceRequest.objects.all())) == []
    settings.INTAKE_PROVIDER_RESPONSE_WORKING_DAYS = 3
    scoped = overdue_requests(requests_visible_to(district.betulla_staff))
    assert list(scoped) == []


def test_overdue_selector_takes_the_moment_to_judge_from(district, settings):
    settings.INTAKE_HOLIDAYS_COUNTRY = ""
    settings.INTAKE_PROVIDER_RESPONSE_WORKING_DAYS = 3
    waiting = in_status(district, "assigned")
    monday_9 = timezone.make_aware(datetime.datetime(2026, 3, 9, 9, 0))
    ServiceRequest.objects.filter(pk=waiting.pk).update(assigned_at=monday_9)
    requests = ServiceRequest.objects.all()
    thursday_9 = monday_9 + datetime.timedelta(days=3)
    assert list(overdue_requests(requests, now=thursday_9)) == []
    later = thursday_9 + datetime.timedelta(minutes=1)
    assert list(overdue_requests(requests, now=later)) == [waiting]
    # Assigned on a Friday: the weekend does not count.
    friday_9 = monday_9 + datetime.timedelta(days=4)
    ServiceRequest.objects.filter(pk=waiting.pk).update(assigned_at=friday_9)
    next_tuesday = friday_9 + datetime.timedelta(days=4, hours=1)
    assert list(overdue_requests(requests, now=next_tuesday)) == []
    next_wednesday = friday_9 + datetime.timedelta(days=5, hours=1)
    assert list(overdue_requests(requests, now=next_wednesday)) == [waiting]


# --- exports -------------------------------------------------------------------------------


def test_csv_export_has_one_row_per_visible_request_with_headings(client, district):
    citizen = f.CitizenProfileFactory(
        first_name="Carla", last_name="Rossi", municipality=district.tradate
    )
    to_aurora = in_status(district, "assigned", citizen=citizen)
    in_status(district, "assigned", district.job_help, provider=district.betulla)
    submit(district)
    rows = exported_rows(client, district.operator)
    assert len(rows) == 3
    rows = exported_rows(client, district.aurora_staff)
    assert [row["Riferimento"] for row in rows] == [to_aurora.reference]
    (row,) = rows
    assert row["Stato"] == "Assegnata a un ente"
    assert row["Cittadino"] == "Carla Rossi"
    assert row["Codice fiscale"] == citizen.fiscal_code
    assert row["Servizio (alla richiesta)"] == "Assistenza domiciliare"
    assert row["Ente assegnatario"] == "Cooperativa Aurora"
    to_aurora.refresh_from_db()
    local = timezone.localtime(to_aurora.submitted_at)
    assert row["Inviata il"] == local.strftime("%Y-%m-%d %H:%M")
    assert row["Comune di residenza"] == "Tradate"


def test_export_follows_the_listing_filters(client, district):
    new = submit(district)
    in_status(district, "in_review")
    rows = exported_rows(client, district.operator, "?status=submitted")
    assert [row["Riferimento"] for row in rows] == [new.reference]


def test_xlsx_export_of_a_providers_requests(client, district):
    to_betulla = in_status(district, "assigned", district.job_help, provider=district.betulla)
    in_status(district, "assigned", provider=district.aurora)
    client.force_login(district.betulla_staff)
    response = client.get(ADMIN_URL + "?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="richieste')
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:2] == ["Riferimento", "Stato"]
    assert [row[0] for row in values[1:]] == [to_betulla.reference]
    submitted_at = values[1][values[0].index("Inviata il")]
    to_betulla.refresh_from_db()
    local = timezone.make_naive(to_betulla.submitted_at)
    assert submitted_at.replace(microsecond=0) == local.replace(microsecond=0)
