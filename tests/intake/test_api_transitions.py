"""Staff move requests along the lifecycle through the API, within their role and scope."""

import pytest

from intake.models import RequestEvent, RequestStatus
from tests import factories as f
from tests.intake.api_helpers import client_for, request_url


@pytest.fixture
def submitted(citizen, service):
    return f.ServiceRequestFactory(citizen=citizen, service=service)


def transition(user, service_request, **body):
    return client_for(user).post(
        request_url(service_request.reference, "transitions"), body, format="json"
    )


def test_operator_takes_a_request_in_review_and_assigns_it(operator, submitted, catalogue):
    provider = catalogue["provider"]

    in_review = transition(operator, submitted, action="take_in_review", version=1)
    assigned = transition(operator, submitted, action="assign", version=2, provider=provider.pk)

    assert in_review.status_code == 200, in_review.json()
    assert assigned.status_code == 200, assigned.json()
    data = assigned.json()
    assert data["status"] == "assigned"
    assert data["provider"] == provider.pk
    assert data["assigned_provider_title"] == provider.title
    assert data["version"] == 3
    assert "reject" not in data["allowed_actions"]
    assert [e["action"] for e in data["events"]] == ["submit", "take_in_review", "assign"]


def test_assigned_provider_staff_accept_start_and_complete(
    operator, provider_staff, submitted, catalogue
):
    transition(operator, submitted, action="take_in_review", version=1)
    transition(operator, submitted, action="assign", version=2, provider=catalogue["provider"].pk)
    detail = client_for(provider_staff).get(request_url(submitted.reference)).json()
    assert detail["allowed_actions"] == ["accept", "decline"]

    for version, action in enumerate(["accept", "start", "complete"], start=3):
        response = transition(provider_staff, submitted, action=action, version=version)
        assert response.status_code == 200, (action, response.json())

    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.COMPLETED
    assert submitted.closed_at is not None


def test_provider_staff_decline_with_a_reason(operator, provider_staff, submitted, catalogue):
    transition(operator, submitted, action="take_in_review", version=1)
    transition(operator, submitted, action="assign", version=2, provider=catalogue["provider"].pk)

    without_reason = transition(provider_staff, submitted, action="decline", version=3)
    declined = transition(
        provider_staff, submitted, action="decline", version=3, note="Nessun operatore libero."
    )

    assert without_reason.status_code == 400
    assert "motivo" in without_reason.json()["note"][0]
    assert declined.status_code == 200
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.IN_REVIEW
    assert submitted.provider is None


def test_staff_of_another_provider_do_not_see_the_request(operator, submitted, catalogue):
    other = f.ProviderPageFactory(parent=catalogue["providers"])
    other_staff = f.ProviderStaffFactory(provider=other)
    transition(operator, submitted, action="take_in_review", version=1)
    transition(operator, submitted, action="assign", version=2, provider=catalogue["provider"].pk)

    response = transition(other_staff, submitted, action="accept", version=3)

    assert response.status_code == 404
    assert client_for(other_staff).get(request_url(submitted.reference)).status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.ASSIGNED


def test_provider_staff_may_not_triage(operator, provider_staff, submitted, catalogue):
    """Visible to them once assigned, but triage steps are the operators'."""
    transition(operator, submitted, action="take_in_review", version=1)
    transition(operator, submitted, action="assign", version=2, provider=catalogue["provider"].pk)

    response = transition(
        provider_staff, submitted, action="reject", version=3, note="Non è per noi."
    )

    assert response.status_code == 403
    assert "ruolo" in response.json()["detail"]


def test_citizen_may_not_take_staff_steps(citizen, submitted):
    response = transition(citizen.user, submitted, action="take_in_review", version=1)

    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.SUBMITTED
    assert RequestEvent.objects.filter(request=submitted).count() == 1


def test_a_step_the_status_does_not_allow_answers_400(operator, submitted, catalogue):
    response = transition(
        operator, submitted, action="assign", version=1, provider=catalogue["provider"].pk
    )

    assert response.status_code == 400
    assert "stato attuale" in response.json()["action"][0]


def test_a_stale_version_answers_409_and_changes_nothing(operator, submitted):
    other_operator = f.OperatorFactory()
    assert (
        transition(other_operator, submitted, action="take_in_review", version=1).status_code == 200
    )

    response = transition(operator, submitted, action="reject", version=1, note="Doppione.")

    assert response.status_code == 409
    assert response.json()["detail"] == (
        "La richiesta è stata modificata da qualcun altro nel frattempo: "
        "ricarica la pagina e riprova."
    )
    assert response.json()["code"] == "stale_request"
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.IN_REVIEW
    assert submitted.version == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"action": "fly", "version": 1}, "action"),
        ({"action": "take_in_review"}, "version"),
        ({"action": "take_in_review", "version": 0}, "version"),
        ({"action": "assign", "version": 1, "provider": 999999}, "provider"),
    ],
)
def test_malformed_transitions_name_the_field(operator, submitted, body, field):
    response = transition(operator, submitted, **body)

    assert response.status_code == 400
    assert field in response.json()


def test_district_office_rejects_with_a_reason(submitted):
    office = f.DistrictOfficeFactory()

    response = transition(
        office, submitted, action="reject", version=1, note="Fuori dal distretto."
    )

    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert response.json()["events"][-1]["note"] == "Fuori dal distretto."


def test_a_citizen_cannot_touch_another_citizens_request(submitted):
    stranger = f.CitizenProfileFactory()

    response = transition(stranger.user, submitted, action="withdraw", version=1)

    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.SUBMITTED
