"""A citizen's app requests a service, lists and reads its requests, and withdraws one."""

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from intake.models import RequestEvent, RequestStatus, ServiceRequest
from intake.services import Action, perform_transition
from tests import factories as f
from tests.intake.api_helpers import REQUESTS, client_for, request_url


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


def request_body(service_page, **overrides):
    body = {
        "service": service_page.pk,
        "description": "Mia madre ha 84 anni e non riesce più a fare la spesa.",
        "preferred_contact": "phone",
        "contact_phone": "0331 999999",
    }
    body.update(overrides)
    return body


def stored():
    return ServiceRequest.objects.count(), RequestEvent.objects.count()


def test_citizen_requests_a_service_and_gets_its_reference(citizen, service):
    response = client_for(citizen.user).post(REQUESTS, request_body(service), format="json")

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["reference"].startswith("RW-")
    assert data["status"] == "submitted"
    assert data["status_label"] == "Inviata"
    assert data["service_title"] == service.title
    assert data["allowed_actions"] == ["withdraw"]
    assert [e["to_status"] for e in data["events"]] == ["submitted"]
    assert response["Location"].endswith(request_url(data["reference"]))
    stored_request = ServiceRequest.objects.get(reference=data["reference"])
    assert stored_request.citizen == citizen
    assert stored_request.channel == "web"


def test_submission_without_a_key_twice_makes_two_requests(citizen, service):
    app = client_for(citizen.user)

    first = app.post(REQUESTS, request_body(service), format="json")
    second = app.post(REQUESTS, request_body(service), format="json")

    assert first.json()["reference"] != second.json()["reference"]
    assert ServiceRequest.objects.count() == 2


def test_a_draft_service_cannot_be_requested(citizen, catalogue):
    draft = f.ServicePageFactory(parent=catalogue["provider"], live=False)
    before = stored()

    response = client_for(citizen.user).post(REQUESTS, request_body(draft), format="json")

    assert response.status_code == 400
    assert "Social Point" in response.json()["service"][0]
    assert stored() == before


def test_a_deleted_service_cannot_be_requested(citizen, catalogue):
    gone = f.ServicePageFactory(parent=catalogue["provider"])
    body = request_body(gone)
    gone.delete()
    before = stored()

    response = client_for(citizen.user).post(REQUESTS, body, format="json")

    assert response.status_code == 400
    assert "eliminato" in response.json()["service"][0]
    assert stored() == before


def test_a_suspended_service_says_why(citizen, service):
    service.is_active = False
    service.inactive_reason = "Riapre a settembre"
    service.save_revision().publish()

    response = client_for(citizen.user).post(REQUESTS, request_body(service), format="json")

    assert response.status_code == 400
    assert "Riapre a settembre" in response.json()["service"][0]


def test_what_an_editor_publishes_reaches_the_kept_offer_at_once(settings, citizen, catalogue):
    """With the service's checks kept until the next publication (as in production), the
    next request already sees a partner added, a provider unpublished, a page made private."""
    settings.CONTENT_CACHE_ENABLED = True
    service, provider = catalogue["service"], catalogue["provider"]
    partner = f.ProviderPageFactory(parent=catalogue["providers"])
    app = client_for(citizen.user)
    assert app.post(REQUESTS, request_body(service), format="json").status_code == 201
    refused = app.post(
        REQUESTS, request_body(service, preferred_provider=partner.pk), format="json"
    )
    assert refused.status_code == 400

    service.partner_providers.add(partner)
    service.save_revision().publish()
    chosen = app.post(REQUESTS, request_body(service, preferred_provider=partner.pk), format="json")
    assert chosen.status_code == 201, chosen.json()

    restriction = PageViewRestriction.objects.create(page=service, restriction_type="login")
    assert app.post(REQUESTS, request_body(service), format="json").status_code == 400
    restriction.delete()
    assert app.post(REQUESTS, request_body(service), format="json").status_code == 201

    provider.unpublish()
    before = stored()
    response = app.post(REQUESTS, request_body(service), format="json")
    assert response.status_code == 400
    assert "Social Point" in response.json()["service"][0]
    assert stored() == before


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"description": ""}, "description", "bisogno"),
        ({"description": "   "}, "description", "bisogno"),
        ({"description": "x" * 4001}, "description", "4000"),
        ({"contact_phone": "3" * 41}, "contact_phone", "40"),
        ({"contact_email": "non-email"}, "contact_email", "email"),
        ({"preferred_contact": "piccione"}, "preferred_contact", "piccione"),
        ({"service": None}, "service", "servizio"),
    ],
)
def test_invalid_request_says_what_to_fix_and_saves_nothing(
    citizen, service, overrides, field, words
):
    before = stored()

    response = client_for(citizen.user).post(
        REQUESTS, request_body(service, **overrides), format="json"
    )

    assert response.status_code == 400
    errors = response.json()[field]
    assert words in " ".join(errors).lower(), errors
    assert stored() == before


def test_a_provider_that_does_not_offer_the_service_is_refused(citizen, service, catalogue):
    other = f.ProviderPageFactory(parent=catalogue["providers"])

    response = client_for(citizen.user).post(
        REQUESTS, request_body(service, preferred_provider=other.pk), format="json"
    )

    assert response.status_code == 400
    assert "enti che offrono" in response.json()["preferred_provider"][0]


def test_staff_without_a_citizen_profile_cannot_submit_for_themselves(operator, service):
    response = client_for(operator).post(REQUESTS, request_body(service), format="json")

    assert response.status_code == 403
    assert "cittadino registrato" in response.json()["detail"]


def test_anonymous_cannot_submit(service, client):
    from rest_framework.test import APIClient

    response = APIClient().post(REQUESTS, request_body(service), format="json")

    assert response.status_code == 401
    assert ServiceRequest.objects.count() == 0


def test_citizen_lists_only_their_own_requests_newest_first(citizen, service):
    first = f.ServiceRequestFactory(citizen=citizen, service=service)
    second = f.ServiceRequestFactory(citizen=citizen, service=service)
    f.ServiceRequestFactory(service=service)  # someone else's

    data = client_for(citizen.user).get(REQUESTS).json()

    assert data["count"] == 2
    assert [item["reference"] for item in data["results"]] == [
        second.reference,
        first.reference,
    ]


def test_request_list_is_paginated(citizen, service):
    for _ in range(3):
        f.ServiceRequestFactory(citizen=citizen, service=service)
    app = client_for(citizen.user)

    page_one = app.get(REQUESTS, {"page_size": 2}).json()
    page_two = app.get(page_one["next"]).json()

    assert page_one["count"] == 3
    assert len(page_one["results"]) == 2
    assert len(page_two["results"]) == 1
    assert page_two["next"] is None


def test_request_list_queries_do_not_grow_with_the_page(
    citizen, service, django_assert_max_num_queries
):
    f.ServiceRequestFactory(citizen=citizen, service=service)
    app = client_for(citizen.user)
    with django_assert_max_num_queries(5) as one:
        response = app.get(REQUESTS)
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1

    for _ in range(4):
        f.ServiceRequestFactory(citizen=citizen, service=service)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = app.get(REQUESTS)
    assert response.status_code == 200
    assert len(response.json()["results"]) == 5


def test_citizen_reads_the_timeline_of_their_request(citizen, service, operator):
    service_request = f.ServiceRequestFactory(citizen=citizen, service=service)
    perform_transition(
        service_request=service_request, action=Action.TAKE_IN_REVIEW, actor=operator
    )

    data = client_for(citizen.user).get(request_url(service_request.reference)).json()

    assert [(e["from_status"], e["to_status"]) for e in data["events"]] == [
        ("", "submitted"),
        ("submitted", "in_review"),
    ]
    assert data["events"][1]["to_status_label"] == "In valutazione"
    assert data["version"] == 2
    assert "actor" not in data["events"][1]


def test_another_citizens_request_is_not_found(citizen, service):
    someone_else = f.ServiceRequestFactory(service=service)
    app = client_for(citizen.user)

    assert app.get(request_url(someone_else.reference)).status_code == 404
    assert app.post(request_url(someone_else.reference, "withdraw"), {}).status_code == 404
    someone_else.refresh_from_db()
    assert someone_else.status == RequestStatus.SUBMITTED


def test_an_unknown_reference_is_not_found(citizen):
    assert client_for(citizen.user).get(request_url("RW-2026-999999")).status_code == 404


def test_citizen_withdraws_their_request(citizen, service):
    service_request = f.ServiceRequestFactory(citizen=citizen, service=service)

    response = client_for(citizen.user).post(
        request_url(service_request.reference, "withdraw"),
        {"version": 1, "note": "Ho trovato un'altra soluzione."},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "withdrawn"
    assert response.json()["allowed_actions"] == []
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.WITHDRAWN
    assert service_request.events.last().note == "Ho trovato un'altra soluzione."


def test_a_request_accepted_by_the_provider_cannot_be_withdrawn(
    citizen, service, operator, provider_staff, catalogue
):
    service_request = f.ServiceRequestFactory(citizen=citizen, service=service)
    for action, actor, extra in [
        (Action.TAKE_IN_REVIEW, operator, {}),
        (Action.ASSIGN, operator, {"provider": catalogue["provider"]}),
        (Action.ACCEPT, provider_staff, {}),
    ]:
        service_request = perform_transition(
            service_request=service_request, action=action, actor=actor, **extra
        )

    response = client_for(citizen.user).post(
        request_url(service_request.reference, "withdraw"), {}, format="json"
    )

    assert response.status_code == 400
    assert "stato attuale" in response.json()["action"][0]
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.ACCEPTED


def test_withdrawing_with_a_stale_version_answers_409(citizen, service, operator):
    service_request = f.ServiceRequestFactory(citizen=citizen, service=service)
    perform_transition(
        service_request=service_request, action=Action.TAKE_IN_REVIEW, actor=operator
    )

    response = client_for(citizen.user).post(
        request_url(service_request.reference, "withdraw"), {"version": 1}, format="json"
    )

    assert response.status_code == 409
    assert "modificata da qualcun altro" in response.json()["detail"]
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.IN_REVIEW


def test_the_browser_session_needs_the_csrf_token(citizen, service):
    from rest_framework.test import APIClient

    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(citizen.user)

    refused = browser.post(REQUESTS, request_body(service), format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert ServiceRequest.objects.count() == 0

    secret = "a" * 32  # what the portal's pages set in the csrftoken cookie
    browser.cookies["csrftoken"] = secret
    accepted = browser.post(REQUESTS, request_body(service), format="json", HTTP_X_CSRFTOKEN=secret)
    assert accepted.status_code == 201, accepted.json()


def test_request_detail_queries_do_not_grow_with_the_timeline(
    citizen, service, operator, django_assert_max_num_queries
):
    service_request = f.ServiceRequestFactory(citizen=citizen, service=service)
    app = client_for(citizen.user)
    with django_assert_max_num_queries(5) as short:
        response = app.get(request_url(service_request.reference))
    assert response.status_code == 200
    assert len(response.json()["events"]) == 1

    for action in (Action.TAKE_IN_REVIEW, Action.REJECT):
        service_request = perform_transition(
            service_request=service_request, action=action, actor=operator, note="Fuori zona."
        )
    with django_assert_max_num_queries(len(short.captured_queries)):
        response = app.get(request_url(service_request.reference))
    assert response.status_code == 200
    assert len(response.json()["events"]) == 3


SUBMISSION_BUDGET = 15  # SQL statements of one submission with an Idempotency-Key (README);
# in a test transaction, which adds savepoints: 10 statements and a commit in production


def test_a_submission_keeps_its_query_budget_and_answers_as_a_read_back(
    settings, citizen, service, django_assert_max_num_queries
):
    settings.CONTENT_CACHE_ENABLED = True  # as in production: the service's checks are kept
    app = client_for(citizen.user)
    app.post(REQUESTS, request_body(service), format="json", HTTP_IDEMPOTENCY_KEY="warm-up")

    with django_assert_max_num_queries(SUBMISSION_BUDGET):
        created = app.post(
            REQUESTS, request_body(service), format="json", HTTP_IDEMPOTENCY_KEY="second"
        )

    assert created.status_code == 201, created.json()
    read_back = app.get(request_url(created.json()["reference"]))
    assert created.json() == read_back.json()
