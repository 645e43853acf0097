"""The demo loader creates staff for each role and requests in every status, once."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from intake.demo import create_demo_staff, load_intake
from intake.models import CitizenProfile, RequestEvent, RequestStatus, ServiceRequest
from intake.validators import validate_fiscal_code, validate_fiscal_code_matches_birth_date


@pytest.fixture(scope="module")
def demo_content(demo_content, django_db_blocker):
    """The demo catalogue with the intake's demo staff and requests on top, for this
    module only (rolled back to the session's demo at its end)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_intake()
        transaction.set_rollback(True)


def counts():
    return (
        get_user_model().objects.count(),
        CitizenProfile.objects.count(),
        ServiceRequest.objects.count(),
        RequestEvent.objects.count(),
    )


def test_demo_requests_cover_every_status_and_a_second_run_adds_nothing(demo):
    first = counts()
    load_intake()
    assert counts() == first

    statuses = set(ServiceRequest.objects.values_list("status", flat=True))
    assert statuses == set(RequestStatus.values)
    assert ServiceRequest.objects.count() >= 30
    months = {r.submitted_at.strftime("%Y-%m") for r in ServiceRequest.objects.all()}
    assert len(months) >= 4
    declined = RequestEvent.objects.filter(action="decline").values("request").distinct()
    assert declined.count() >= 1
    for profile in CitizenProfile.objects.all():
        validate_fiscal_code(profile.fiscal_code)
        validate_fiscal_code_matches_birth_date(profile.fiscal_code, profile.birth_date)
    for request in ServiceRequest.objects.prefetch_related("events"):
        times = [event.created_at for event in request.events.all()]
        assert times == sorted(times)
        assert times[0] == request.submitted_at


def test_each_demo_role_logs_in_and_sees_its_scope(client, demo):
    printed = dict(create_demo_staff("una-password-demo-1"))
    assert {"operatore", "ufficiodipiano", "aurora", "girasole"} <= set(printed)

    for username in ("operatore", "ufficiodipiano"):
        assert client.login(username=username, password="una-password-demo-1")
        report = client.get(reverse("intake_dashboard:report"))
        assert report.context["figures"].total == ServiceRequest.objects.count()

    assert client.login(username="aurora", password="una-password-demo-1")
    aurora = get_user_model().objects.get(username="aurora")
    assert aurora.groups.filter(name="Personale degli enti").exists()
    assert aurora.groups.filter(name__startswith="Ente: Cooperativa Aurora").exists()
    report = client.get(reverse("intake_dashboard:report"))
    own = ServiceRequest.objects.filter(provider__slug="cooperativa-aurora").count()
    assert 0 < report.context["figures"].total == own < ServiceRequest.objects.count()
    assert client.get(reverse("intake_citizens:search")).status_code == 302


def test_load_demo_prints_the_staff_credentials_only_with_debug(settings, demo):
    from io import StringIO

    settings.DEBUG = False
    quiet = StringIO()
    call_command("load_demo", stdout=quiet)
    assert "operatore" not in quiet.getvalue()
    assert not get_user_model().objects.get(username="operatore").has_usable_password()

    settings.DEBUG = True
    loud = StringIO()
    call_command("load_demo", stdout=loud)
    assert "operatore / " in loud.getvalue()
    assert "ufficiodipiano / " in loud.getvalue()
