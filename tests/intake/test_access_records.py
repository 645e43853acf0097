"""Every read of personal data leaves an access record: staff in the admin and the API,
exports, the citizen's own download and erasure; the Ufficio di Piano reads them, the
citizen sees which organisation looked and when; nobody edits them."""

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from rest_framework.test import APIClient

from catalogue.immutable import ImmutableError
from intake.models import AccessRecord
from tests import factories as f
from tests.intake.backoffice_world import ADMIN_URL, build_district, in_status, submit

PASSWORD = "password-di-prova-1"


@pytest.fixture
def district(home_page):
    return build_district(home_page)


def actions():
    return list(AccessRecord.objects.order_by("pk").values_list("action", flat=True))


def test_opening_a_request_in_the_admin_is_recorded_with_role_and_organisation(client, district):
    service_request = in_status(district, "assigned", provider=district.aurora)
    client.force_login(district.aurora_staff)

    assert client.get(f"{ADMIN_URL}{service_request.pk}/").status_code == 200

    record = AccessRecord.objects.get()
    assert record.action == "view_request"
    assert record.request_reference == service_request.reference
    assert record.citizen == service_request.citizen
    assert record.actor_name == district.aurora_staff.username
    assert record.organisation == "Cooperativa Aurora"


def test_citizen_page_and_activation_letter_are_recorded(client, district):
    citizen = f.CitizenProfileFactory()
    client.force_login(district.operator)

    client.get(reverse("intake_citizens:detail", args=[citizen.pk]))
    client.get(reverse("intake_citizens:letter", args=[citizen.pk]))

    assert actions() == ["view_citizen", "activation_letter"]
    assert {r.organisation for r in AccessRecord.objects.all()} == {"Social Point"}


def test_an_export_is_recorded_with_its_filters_and_row_count(client, district):
    submit(district)
    submit(district)
    in_status(district, "in_review")
    client.force_login(district.operator)

    response = client.get(ADMIN_URL + "?status=submitted&export=csv")
    b"".join(response.streaming_content)

    record = AccessRecord.objects.get(action="export")
    assert record.details == {"format": "csv", "filters": {"status": ["submitted"]}, "rows": 2}


def test_staff_api_read_of_someone_elses_request_is_recorded_not_the_citizens_own(district):
    service_request = submit(district)
    api = APIClient()
    api.force_authenticate(service_request.citizen.user)
    assert api.get(f"/api/intake/requests/{service_request.reference}/").status_code == 200
    assert actions() == []

    api.force_authenticate(district.office)
    assert api.get(f"/api/intake/requests/{service_request.reference}/").status_code == 200

    assert actions() == ["api_view_request"]
    assert AccessRecord.objects.get().organisation == "Ufficio di Piano"


def test_data_export_and_erasure_are_recorded(client, district):
    citizen = f.CitizenProfileFactory()
    client.force_login(citizen.user)

    client.get(reverse("intake:my-data-download"))
    client.post(reverse("intake:my-data-erase"), {"password": PASSWORD})

    assert actions() == ["data_export", "erasure"]


def test_the_citizen_sees_the_organisation_and_when_not_the_person(client, district):
    service_request = in_status(district, "assigned", provider=district.aurora)
    client.force_login(district.aurora_staff)
    client.get(f"{ADMIN_URL}{service_request.pk}/")
    client.force_login(service_request.citizen.user)
    client.get(reverse("intake:my-data-download"))  # their own: not listed

    page = client.get(reverse("intake:my-data")).content.decode()

    assert "Cooperativa Aurora" in page
    assert district.aurora_staff.username not in page
    assert page.count("<tr><td>") == 1


def test_the_district_office_lists_and_filters_the_records_others_cannot(client, district):
    first, second = submit(district), submit(district)
    client.force_login(district.operator)
    client.get(f"{ADMIN_URL}{first.pk}/")

    client.force_login(district.office)
    listing = client.get(reverse("intake_access:list"), {"reference": first.reference})
    assert listing.status_code == 200
    assert first.reference in listing.content.decode()
    assert second.reference not in listing.content.decode()

    client.force_login(district.operator)
    assert client.get(reverse("intake_access:list")).status_code == 302  # Wagtail's 403


def test_access_records_cannot_be_changed_or_deleted(district):
    record = AccessRecord.objects.create(actor_name="x", action="export")

    record.action = "erasure"
    with pytest.raises(ImmutableError):
        record.save()
    with pytest.raises(ImmutableError):
        record.delete()
    with pytest.raises(ImmutableError):
        AccessRecord.objects.update(action="erasure")
    assert AccessRecord.objects.get().action == "export"


def raw_sql(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.postgres
def test_postgres_refuses_raw_updates_and_deletes_of_access_records(db):
    actor = f.UserFactory()
    record = AccessRecord.objects.create(actor=actor, actor_name="x", action="export")
    table = AccessRecord._meta.db_table
    refused = [
        f"UPDATE {table} SET action = 'erasure' WHERE id = %s",
        f"UPDATE {table} SET at = at - interval '1 day' WHERE id = %s",
        f"UPDATE {table} SET actor_id = NULL, actor_name = '' WHERE id = %s",
        f"UPDATE {table} SET actor_id = {f.UserFactory().pk} WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
        # Another table named in the purge setting does not open this one.
        f"SELECT set_config('rete.purge', 'funding_posting', true); DELETE FROM {table} "
        "WHERE id = %s",
    ]
    for sql in refused:
        with pytest.raises(DatabaseError, match="access records"):
            raw_sql(sql, [record.pk])

    assert AccessRecord.objects.get().action == "export"


@pytest.mark.postgres
def test_postgres_lets_a_deleted_account_leave_its_records_and_retention_purge_them(db):
    actor = f.UserFactory()
    record = AccessRecord.objects.create(actor=actor, actor_name=actor.username, action="export")

    get_user_model().objects.filter(pk=actor.pk).delete()  # Django's SET NULL: an UPDATE

    record.refresh_from_db()
    assert record.actor_id is None and record.actor_name == actor.username
    assert AccessRecord.objects.all().purge() == 1
    assert not AccessRecord.objects.exists()
