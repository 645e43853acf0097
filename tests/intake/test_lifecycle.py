"""The request lifecycle: who may move a request, from which status, and what it records."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from intake.models import RequestEvent, RequestStatus, ServiceRequest
from intake.notifications import deliver_pending
from intake.services import (
    Action,
    IdempotencyConflict,
    ServiceUnavailable,
    StaleRequest,
    TransitionNotAllowed,
    allowed_actions,
    perform_transition,
    submit_request,
)
from tests import factories as f


def test_submission_gets_a_reference_a_snapshot_and_an_event(service, citizen):
    first = f.ServiceRequestFactory(citizen=citizen, service=service)
    second = f.ServiceRequestFactory(citizen=citizen, service=service)

    year = first.submitted_at.year
    assert first.reference == f"RW-{year}-000001"
    assert second.reference == f"RW-{year}-000002"
    assert first.service_title == service.title
    assert first.provider_title == service.provider.title
    assert first.status == RequestStatus.SUBMITTED
    assert [e.to_status for e in first.events.all()] == [RequestStatus.SUBMITTED]


def test_snapshot_survives_the_service_page_being_deleted(service, citizen):
    submitted = f.ServiceRequestFactory(citizen=citizen, service=service)
    title = service.title

    service.delete()

    submitted.refresh_from_db()
    assert submitted.service is None
    assert submitted.service_title == title


def test_draft_service_cannot_be_requested(service, citizen):
    service.unpublish()

    with pytest.raises(ServiceUnavailable):
        f.ServiceRequestFactory(citizen=citizen, service=service)
    assert ServiceRequest.objects.count() == 0


def test_empty_description_and_unoffered_voucher_are_field_errors(catalogue, citizen):
    service = catalogue["service"]
    with pytest.raises(ValidationError) as caught:
        f.ServiceRequestFactory(
            citizen=citizen, service=service, description="  ", voucher_requested=True
        )
    assert set(caught.value.message_dict) == {"description", "voucher_requested"}
    assert ServiceRequest.objects.count() == 0


def test_same_idempotency_key_returns_the_same_request(service, citizen):
    first = f.ServiceRequestFactory(
        citizen=citizen, service=service, idempotency_key="k1", fingerprint="a"
    )
    again = f.ServiceRequestFactory(
        citizen=citizen, service=service, idempotency_key="k1", fingerprint="a"
    )

    assert again.pk == first.pk and again.replayed
    with pytest.raises(IdempotencyConflict):
        f.ServiceRequestFactory(
            citizen=citizen, service=service, idempotency_key="k1", fingerprint="b"
        )
    assert ServiceRequest.objects.count() == 1


def test_only_the_citizen_or_an_operator_may_submit(service, citizen, operator):
    stranger = f.CitizenProfileFactory()
    with pytest.raises(TransitionNotAllowed):
        f.ServiceRequestFactory(citizen=citizen, service=service, actor=stranger.user)

    on_behalf = f.ServiceRequestFactory(
        citizen=citizen, service=service, actor=operator, channel="phone"
    )
    assert on_behalf.submitted_by == operator and on_behalf.channel == "phone"


def test_full_hand_off_from_operator_to_provider(
    catalogue, service, citizen, operator, provider_staff
):
    submitted = f.ServiceRequestFactory(citizen=citizen, service=service)
    assert allowed_actions(service_request=submitted, user=provider_staff) == []
    assert set(allowed_actions(service_request=submitted, user=operator)) == {
        Action.TAKE_IN_REVIEW,
        Action.REJECT,
    }

    r = perform_transition(service_request=submitted, action="take_in_review", actor=operator)
    r = perform_transition(
        service_request=r, action="assign", actor=operator, provider=catalogue["provider"]
    )
    assert allowed_actions(service_request=r, user=provider_staff) == [
        Action.ACCEPT,
        Action.DECLINE,
    ]
    r = perform_transition(service_request=r, action="accept", actor=provider_staff)
    r = perform_transition(service_request=r, action="start", actor=provider_staff)
    r = perform_transition(service_request=r, action="complete", actor=provider_staff)

    assert r.status == RequestStatus.COMPLETED
    assert r.assigned_at and r.accepted_at and r.closed_at
    assert r.version == 6
    history = list(r.events.values_list("from_status", "to_status"))
    assert history == [
        ("", "submitted"),
        ("submitted", "in_review"),
        ("in_review", "assigned"),
        ("assigned", "accepted"),
        ("accepted", "in_progress"),
        ("in_progress", "completed"),
    ]


def test_provider_staff_cannot_act_on_another_providers_request(
    catalogue, service, citizen, operator
):
    other = f.ProviderStaffFactory(provider=f.ProviderPageFactory(parent=catalogue["providers"]))
    r = f.ServiceRequestFactory(citizen=citizen, service=service)
    r = perform_transition(service_request=r, action="take_in_review", actor=operator)
    r = perform_transition(
        service_request=r, action="assign", actor=operator, provider=catalogue["provider"]
    )

    with pytest.raises(TransitionNotAllowed):
        perform_transition(service_request=r, action="accept", actor=other)
    r.refresh_from_db()
    assert r.status == RequestStatus.ASSIGNED


def test_decline_needs_a_reason_and_returns_the_request_to_triage(
    catalogue, service, citizen, operator, provider_staff
):
    r = f.ServiceRequestFactory(citizen=citizen, service=service)
    r = perform_transition(service_request=r, action="take_in_review", actor=operator)
    r = perform_transition(
        service_request=r, action="assign", actor=operator, provider=catalogue["provider"]
    )
    with pytest.raises(ValidationError):
        perform_transition(service_request=r, action="decline", actor=provider_staff)

    r = perform_transition(
        service_request=r, action="decline", actor=provider_staff, note="Nessun posto libero"
    )
    assert r.status == RequestStatus.IN_REVIEW and r.provider is None
    assert r.events.last().note == "Nessun posto libero"


def test_citizen_may_withdraw_until_the_provider_accepts(
    catalogue, service, citizen, operator, provider_staff
):
    early = f.ServiceRequestFactory(citizen=citizen, service=service)
    early = perform_transition(service_request=early, action="withdraw", actor=citizen.user)
    assert early.status == RequestStatus.WITHDRAWN and early.closed_at

    late = f.ServiceRequestFactory(citizen=citizen, service=service)
    late = perform_transition(service_request=late, action="take_in_review", actor=operator)
    late = perform_transition(
        service_request=late, action="assign", actor=operator, provider=catalogue["provider"]
    )
    late = perform_transition(service_request=late, action="accept", actor=provider_staff)
    with pytest.raises(TransitionNotAllowed):
        perform_transition(service_request=late, action="withdraw", actor=citizen.user)


def test_second_of_two_concurrent_edits_is_refused(service, citizen, operator):
    r = f.ServiceRequestFactory(citizen=citizen, service=service)
    seen_by_first = ServiceRequest.objects.get(pk=r.pk)
    seen_by_second = ServiceRequest.objects.get(pk=r.pk)

    perform_transition(service_request=seen_by_first, action="take_in_review", actor=operator)
    with pytest.raises(StaleRequest) as caught:
        perform_transition(
            service_request=seen_by_second, action="reject", actor=operator, note="Doppia"
        )

    assert "ricarica la pagina" in str(caught.value.message)
    r.refresh_from_db()
    assert r.status == RequestStatus.IN_REVIEW
    assert RequestEvent.objects.filter(request=r).count() == 2


def test_a_version_from_an_old_form_is_refused(service, citizen, operator):
    r = f.ServiceRequestFactory(citizen=citizen, service=service)
    with pytest.raises(StaleRequest):
        perform_transition(
            service_request=r, action="take_in_review", actor=operator, version=r.version - 1
        )


def test_citizen_is_emailed_on_submission_and_each_change_and_provider_on_assignment(
    catalogue, service, citizen, operator
):
    provider = catalogue["provider"]
    provider.request_email = "richieste@coop.example.org"
    provider.save_revision().publish()
    r = f.ServiceRequestFactory(citizen=citizen, service=service)
    r = perform_transition(service_request=r, action="take_in_review", actor=operator)
    perform_transition(service_request=r, action="assign", actor=operator, provider=provider)

    assert deliver_pending() == 4
    to_citizen = [m for m in mail.outbox if m.to == [citizen.email]]
    assert len(to_citizen) == 3
    assert r.reference in to_citizen[0].subject
    assert "Abbiamo ricevuto" in to_citizen[0].subject
    assert f"http://testserver/richieste/{r.reference}/" in to_citizen[0].body
    to_provider = [m for m in mail.outbox if m.to == ["richieste@coop.example.org"]]
    assert len(to_provider) == 1 and r.reference in to_provider[0].subject


def test_submit_request_rolls_back_everything_on_failure(service, citizen, monkeypatch):
    import intake.services.lifecycle as lifecycle

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(lifecycle, "_notify_citizen", broken)
    with pytest.raises(RuntimeError):
        submit_request(citizen=citizen, service=service, description="x", actor=citizen.user)
    assert ServiceRequest.objects.count() == 0
    assert RequestEvent.objects.count() == 0


def test_a_citizen_who_prefers_english_gets_english_emails_with_english_links(service):
    citizen = f.CitizenProfileFactory(preferred_language="en")
    submitted = f.ServiceRequestFactory(citizen=citizen, service=service)

    deliver_pending()

    (email,) = mail.outbox
    assert email.subject.startswith("We have received your request")
    assert f"/en/richieste/{submitted.reference}/" in email.body
