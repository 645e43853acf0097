"""`manage.py apply_retention` with moved clocks: what is past its limit goes, what is
younger stays, and a second run changes nothing."""

import datetime
import io
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from intake.models import AccessRecord, CitizenProfile, Notification, ServiceRequest
from tests import factories as f
from tests.intake.backoffice_world import build_district, in_status

DAY = datetime.timedelta(days=1)


@pytest.fixture
def district(home_page):
    return build_district(home_page)


def run():
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    return dict(line.split(": ") for line in out.getvalue().splitlines())


def aged(model, pk, **fields):
    model.objects.filter(pk=pk).update(**fields)


def unactivated(days):
    profile = f.CitizenProfileFactory()
    get_user_model().objects.filter(pk=profile.user_id).update(is_active=False, last_login=None)
    aged(CitizenProfile, profile.pk, created_at=timezone.now() - days * DAY)
    return profile


def test_unactivated_registrations_go_after_30_days_and_nothing_younger(district):
    old, young = unactivated(31), unactivated(29)
    active = f.CitizenProfileFactory()
    aged(CitizenProfile, active.pk, created_at=timezone.now() - 400 * DAY)

    assert run()["unactivated_registrations"] == "1"

    assert not CitizenProfile.objects.filter(pk=old.pk).exists()
    assert not get_user_model().objects.filter(pk=old.user_id).exists()
    assert CitizenProfile.objects.filter(pk__in=[young.pk, active.pk]).count() == 2
    assert set(run().values()) == {"0"}


def test_email_bodies_go_after_90_days_login_attempts_too(district):
    Notification.objects.all().delete()
    old = Notification.objects.create(
        to_email="a@example.org", subject="s", body="testo", status="sent"
    )
    young = Notification.objects.create(
        to_email="b@example.org", subject="s", body="testo", status="sent"
    )
    aged(Notification, old.pk, created_at=timezone.now() - 91 * DAY)
    aged(Notification, young.pk, created_at=timezone.now() - 89 * DAY)
    for days, name in ((91, "vecchio"), (89, "recente")):
        attempt = AccessAttempt.objects.create(
            username=name, ip_address="10.0.0.1", failures_since_start=1, get_data="", post_data=""
        )
        aged(AccessAttempt, attempt.pk, attempt_time=timezone.now() - days * DAY)

    first = run()

    assert first["email_bodies"] == "1" and first["login_attempts"] == "1"
    old.refresh_from_db(), young.refresh_from_db()
    assert (old.body, old.subject, young.body) == ("", "s", "testo")
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["recente"]
    assert set(run().values()) == {"0"}


def test_requests_closed_more_than_ten_years_ago_are_anonymised(district):
    old = in_status(district, "completed")
    young = in_status(district, "completed")
    open_one = in_status(district, "in_review")
    now = timezone.now()
    aged(ServiceRequest, old.pk, closed_at=now - 3660 * DAY)
    aged(ServiceRequest, young.pk, closed_at=now - 3640 * DAY)
    aged(ServiceRequest, open_one.pk, submitted_at=now - 4000 * DAY)

    assert run()["closed_requests"] == "1"

    old.refresh_from_db(), young.refresh_from_db(), open_one.refresh_from_db()
    assert old.description == "" and old.status == "completed" and old.service_id
    assert young.description and open_one.description
    assert set(run().values()) == {"0"}


def written_days_ago(days, **fields):
    """An access record written `days` ago: the table is append-only (on PostgreSQL even to
    raw SQL), so the clock moves at the insert."""
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() - days * DAY):
        return AccessRecord.objects.create(action="export", **fields)


def test_a_deleted_registration_leaves_its_access_records_without_the_citizen(district):
    old = unactivated(31)
    letter = AccessRecord.objects.create(
        actor=district.operator, actor_name="operatore", action="activation_letter", citizen=old
    )

    assert run()["unactivated_registrations"] == "1"

    letter.refresh_from_db()
    assert letter.citizen_id is None
    assert (letter.actor_id, letter.action) == (district.operator.pk, "activation_letter")


def test_access_records_are_kept_for_the_configured_years(district, settings):
    settings.RETENTION_ACCESS_RECORD_YEARS = 2
    written_days_ago(732, actor_name="a")
    young = written_days_ago(700, actor_name="b")

    assert run()["access_records"] == "1"

    assert list(AccessRecord.objects.values_list("pk", flat=True)) == [young.pk]
    assert set(run().values()) == {"0"}
