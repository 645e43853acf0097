"""A request's page in the admin: what staff read, which actions each role has in each
status, the transitions through the lifecycle, 404 across providers, and two staff acting
on the same request at once."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils.html import escape
from wagtail.admin.admin_url_finder import AdminURLFinder

from intake.models import RequestEvent, RequestStatus, ServiceRequest
from intake.notifications import deliver_pending
from intake.services import TransitionNotAllowed, perform_transition
from tests import factories as f
from tests.intake.backoffice_world import ADMIN_URL, build_district, in_status, submit

STALE = (
    "La richiesta è stata modificata da qualcun altro nel frattempo: ricarica la pagina e riprova."
)

ALL_ACTIONS = ("take_in_review", "assign", "accept", "decline", "start", "complete", "reject")


@pytest.fixture
def district(home_page):
    return build_district(home_page)


def inspect_url(service_request):
    return f"{ADMIN_URL}{service_request.pk}/"


def page(client, user, service_request):
    client.force_login(user)
    response = client.get(inspect_url(service_request))
    assert response.status_code == 200
    return response.content.decode()


def act(client, user, service_request, action, *, version=None, follow=True, **fields):
    """POST one action's form as the inspect page renders it."""
    client.force_login(user)
    data = {"action": action, f"{action}-version": version or service_request.version}
    data.update({f"{action}-{name}": value for name, value in fields.items()})
    return client.post(inspect_url(service_request), data, follow=follow)


def offered_actions(html):
    return {action for action in ALL_ACTIONS if f'name="action" value="{action}"' in html}


# --- what the page shows -------------------------------------------------------------------


def test_inspect_shows_contacts_request_snapshot_and_timeline(client, district):
    citizen = f.CitizenProfileFactory(
        first_name="Rosa", last_name="Colombo", phone="0331 987654", municipality=district.tradate
    )
    service_request = in_status(
        district,
        "assigned",
        citizen=citizen,
        description="Mio padre ha bisogno di aiuto per lavarsi.",
        voucher_requested=False,
        social_point=district.desk,
    )
    district.home_care.title = "Assistenza domiciliare (nuovo nome)"
    district.home_care.save_revision().publish()
    html = page(client, district.operator, service_request)
    assert "Rosa Colombo" in html
    assert citizen.fiscal_code in html
    assert "0331 987654" in html
    assert citizen.email in html
    assert "Tradate" in html
    assert "Mio padre ha bisogno di aiuto per lavarsi." in html
    assert "Social Point Tradate" in html
    # The snapshot taken at submission, and the page as it is today.
    assert "Assistenza domiciliare<" in html or "Assistenza domiciliare</dd>" in html
    assert "Assistenza domiciliare (nuovo nome)" in html
    # The timeline: submitted, in review, assigned to Aurora.
    timeline = html[html.index("data-timeline") :]
    assert timeline.index("Inviata") < timeline.index("In valutazione")
    assert timeline.index("In valutazione") < timeline.index("Assegnata a un ente")
    assert "Cooperativa Aurora" in timeline


def test_inspect_keeps_the_snapshot_when_the_service_page_is_deleted(client, district):
    service_request = in_status(district, "in_review")
    district.home_care.delete()
    html = page(client, district.operator, service_request)
    assert "Assistenza domiciliare" in html
    assert "Cooperativa Aurora" in html
    assert "La pagina non esiste più." in html


def test_inspect_queries_do_not_grow_with_the_timeline(
    client, district, django_assert_max_num_queries
):
    short = in_status(district, "in_review")
    service_request = in_status(district, "completed")
    client.force_login(district.operator)
    client.get(inspect_url(short))  # warm caches (content types, site)
    # 25: the request and its timeline, the access record of this read, the voucher panel
    # (allocations, order, fund, prices) and the page's languages.
    with django_assert_max_num_queries(25) as few:
        response = client.get(inspect_url(short))
    assert response.status_code == 200
    assert response.content.decode().count('<li class="w-mb-3">') == 2
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(inspect_url(service_request))
    assert response.status_code == 200
    assert response.content.decode().count('<li class="w-mb-3">') == 6


def test_provider_staff_get_404_for_another_providers_request(client, district):
    to_betulla = in_status(district, "assigned", district.job_help, provider=district.betulla)
    unassigned = submit(district)
    client.force_login(district.aurora_staff)
    for service_request in (to_betulla, unassigned):
        assert client.get(inspect_url(service_request)).status_code == 404
        response = act(client, district.aurora_staff, service_request, "accept", follow=False)
        assert response.status_code == 404
    to_betulla.refresh_from_db()
    assert to_betulla.status == RequestStatus.ASSIGNED


def test_admin_url_of_a_request_is_its_page_for_those_who_may_see_it(district):
    service_request = in_status(district, "assigned", provider=district.aurora)
    assert AdminURLFinder(district.operator).get_edit_url(service_request) == (
        inspect_url(service_request)
    )
    assert AdminURLFinder(district.aurora_staff).get_edit_url(service_request) == (
        inspect_url(service_request)
    )
    assert AdminURLFinder(district.betulla_staff).get_edit_url(service_request) is None


def test_a_request_that_does_not_exist_answers_404(client, district):
    client.force_login(district.operator)
    assert client.get(f"{ADMIN_URL}999999/").status_code == 404


def test_content_editor_cannot_open_a_request(client, district):
    service_request = submit(district)
    client.force_login(district.editor)
    assert client.get(inspect_url(service_request)).status_code in (403, 404)


# --- who may do what in each status ------------------------------------------------------

TRIAGE = {
    "submitted": {"take_in_review", "reject"},
    "in_review": {"assign", "reject"},
    "assigned": set(),
    "accepted": set(),
    "in_progress": set(),
    "completed": set(),
    "rejected": set(),
}
ASSIGNED_STAFF = {
    "assigned": {"accept", "decline"},
    "accepted": {"start"},
    "in_progress": {"complete"},
    "completed": set(),
}


@pytest.mark.parametrize("status", list(TRIAGE))
@pytest.mark.parametrize("role", ["operator", "office"])
def test_operators_and_district_office_may_triage(client, district, role, status):
    service_request = in_status(district, status)
    assert offered_actions(page(client, getattr(district, role), service_request)) == TRIAGE[status]


@pytest.mark.parametrize("status", list(ASSIGNED_STAFF))
def test_staff_of_the_assigned_provider_answer_and_progress(client, district, status):
    service_request = in_status(district, status)
    html = page(client, district.aurora_staff, service_request)
    assert offered_actions(html) == ASSIGNED_STAFF[status]


def test_provider_staff_cannot_perform_an_operators_action(client, district):
    service_request = in_status(district, "assigned")
    ServiceRequest.objects.filter(pk=service_request.pk).update(status=RequestStatus.IN_REVIEW)
    service_request.refresh_from_db()
    response = act(
        client, district.aurora_staff, service_request, "assign", provider=district.aurora.pk
    )
    assert response.status_code == 400
    assert ServiceRequest.objects.get(pk=service_request.pk).status == RequestStatus.IN_REVIEW
    with pytest.raises(TransitionNotAllowed) as refusal:
        perform_transition(
            service_request=service_request,
            action="assign",
            actor=district.aurora_staff,
            provider=district.aurora,
        )
    assert escape(str(refusal.value.message)) in response.content.decode()


# --- the transitions ---------------------------------------------------------------------


def test_operator_takes_in_review_then_assigns_with_a_note_and_the_provider_is_emailed(
    client, district
):
    service_request = submit(district)
    response = act(client, district.operator, service_request, "take_in_review")
    assert "presa in carico" in response.content.decode()
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.IN_REVIEW
    deliver_pending()
    mail.outbox.clear()

    response = act(
        client,
        district.operator,
        service_request,
        "assign",
        provider=district.aurora.pk,
        note="La signora preferisce le mattine.",
    )
    assert "assegnata a Cooperativa Aurora" in response.content.decode()
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.ASSIGNED
    assert service_request.provider == district.aurora
    event = service_request.events.get(action="assign")
    assert event.actor == district.operator
    assert event.note == "La signora preferisce le mattine."

    deliver_pending()
    recipients = {address for message in mail.outbox for address in message.to}
    assert "aurora@example.org" in recipients
    assert "anna@aurora.example.org" in recipients
    provider_mail = next(m for m in mail.outbox if "aurora@example.org" in m.to)
    assert service_request.reference in provider_mail.subject
    assert f"/admin/richieste/{service_request.pk}/" in provider_mail.body


def test_assign_offers_the_services_providers_first(client, district):
    service_request = in_status(district, "in_review")
    html = page(client, district.operator, service_request)
    select = html[html.index('name="assign-provider"') :]
    select = select[: select.index("</select>")]
    own = select[: select.index("Altri enti")]
    others = select[select.index("Altri enti") :]
    assert "Cooperativa Aurora" in own and "Cooperativa Castagno" in own
    assert "Cooperativa Betulla" in others and "Associazione Zeta" in others


def test_assign_without_a_provider_keeps_the_note_and_changes_nothing(client, district):
    service_request = in_status(district, "in_review")
    response = act(
        client, district.operator, service_request, "assign", provider="", note="Nota scritta."
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Scegli l&#x27;ente a cui assegnare la richiesta." in html
    assert "Nota scritta." in html
    assert ServiceRequest.objects.get(pk=service_request.pk).status == RequestStatus.IN_REVIEW


def test_provider_accepts_starts_and_completes(client, district):
    service_request = in_status(district, "assigned")
    for action, status, message in (
        ("accept", RequestStatus.ACCEPTED, "accettata"),
        ("start", RequestStatus.IN_PROGRESS, "in corso"),
        ("complete", RequestStatus.COMPLETED, "conclusa"),
    ):
        response = act(client, district.aurora_staff, service_request, action)
        assert message in response.content.decode()
        service_request.refresh_from_db()
        assert service_request.status == status
    assert service_request.accepted_at is not None
    assert service_request.closed_at is not None


def test_provider_declines_with_a_reason_and_the_request_goes_back_to_triage(client, district):
    service_request = in_status(district, "assigned")
    response = act(client, district.aurora_staff, service_request, "decline", note="")
    assert response.status_code == 400
    assert "Scrivi il motivo" in response.content.decode()
    assert ServiceRequest.objects.get(pk=service_request.pk).status == RequestStatus.ASSIGNED

    response = act(
        client, district.aurora_staff, service_request, "decline", note="Nessun operatore libero."
    )
    assert response.redirect_chain[-1][0] == ADMIN_URL  # no longer theirs to see
    assert "restituita" in response.content.decode()
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.IN_REVIEW
    assert service_request.provider is None
    assert service_request.events.get(action="decline").note == "Nessun operatore libero."
    assert client.get(inspect_url(service_request)).status_code == 404


def test_operator_rejects_with_a_reason(client, district):
    service_request = submit(district)
    response = act(client, district.operator, service_request, "reject", note="   ")
    assert response.status_code == 400
    assert ServiceRequest.objects.get(pk=service_request.pk).status == RequestStatus.SUBMITTED
    response = act(
        client, district.operator, service_request, "reject", note="Fuori dal distretto."
    )
    assert "respinta" in response.content.decode()
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.REJECTED
    assert "Fuori dal distretto." in page(client, district.operator, service_request)


# --- two staff at once ---------------------------------------------------------------------


def test_the_second_of_two_concurrent_actions_is_told_to_reload_and_overwrites_nothing(
    client, district
):
    service_request = in_status(district, "in_review")
    seen_version = service_request.version
    first = act(client, district.operator, service_request, "assign", provider=district.aurora.pk)
    assert first.status_code == 200
    events = RequestEvent.objects.filter(request=service_request).count()

    second = act(
        client,
        district.office,
        service_request,
        "reject",
        version=seen_version,
        note="Respinta da chi non ha ricaricato.",
        follow=False,
    )
    assert second.status_code == 409
    html = second.content.decode()
    assert STALE.replace("'", "&#x27;") in html or STALE in html
    assert "Respinta da chi non ha ricaricato." in html  # what they typed is not lost
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.ASSIGNED
    assert service_request.provider == district.aurora
    assert RequestEvent.objects.filter(request=service_request).count() == events


def test_same_form_submitted_twice_acts_once(client, district):
    service_request = submit(district)
    act(client, district.operator, service_request, "take_in_review")
    again = act(
        client,
        district.operator,
        service_request,
        "take_in_review",
        version=service_request.version,
        follow=False,
    )
    assert again.status_code == 409
    assert service_request.events.filter(action="take_in_review").count() == 1


@pytest.fixture
def committed_district(transactional_db):
    """The district committed to the database, so that two threads (two connections) see it."""
    from wagtail.models import Page, Site

    f.restore_wagtail_roots()
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    home = f.HomePageFactory(parent=root)
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return build_district(home)


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: two connections on one row"
)
def test_two_staff_posting_at_the_same_instant_one_wins_the_other_is_told_to_reload(
    committed_district,
):
    district = committed_district
    service_request = in_status(district, "in_review")
    barrier = threading.Barrier(2)
    answers = {}

    def post(name, user, action, **fields):
        try:
            client = Client()
            client.force_login(user)
            data = {"action": action, f"{action}-version": service_request.version}
            data.update({f"{action}-{key}": value for key, value in fields.items()})
            barrier.wait(timeout=10)
            answers[name] = client.post(inspect_url(service_request), data)
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=post,
            args=("assign", district.operator, "assign"),
            kwargs={"provider": district.aurora.pk},
        ),
        threading.Thread(
            target=post, args=("reject", district.office, "reject"), kwargs={"note": "Doppione."}
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    codes = sorted(response.status_code for response in answers.values())
    assert codes == [302, 409]
    loser = next(response for response in answers.values() if response.status_code == 409)
    assert "ricarica la pagina e riprova" in loser.content.decode()
    service_request.refresh_from_db()
    winner = next(name for name, response in answers.items() if response.status_code == 302)
    expected = RequestStatus.ASSIGNED if winner == "assign" else RequestStatus.REJECTED
    assert service_request.status == expected
    assert service_request.events.filter(action__in=["assign", "reject"]).count() == 1
