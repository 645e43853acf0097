"""Which staff notes a citizen reads, on every channel alike: the request's page, the API,
the status emails and the «I miei dati» download. The reasons of a decline and of a
rejection are theirs; a note an operator writes for the cooperative never is."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from intake.notifications import deliver_pending
from tests.intake.api_helpers import REQUESTS, client_for
from tests.intake.backoffice_world import ADMIN_URL, build_district, submit

FOR_THE_COOPERATIVE = "Nota per la cooperativa: la signora preferisce le mattine, citofono rotto."
DECLINE_REASON = "Motivo del rifiuto: non abbiamo operatori liberi a Tradate questo mese."
REJECT_REASON = "Motivo: il servizio è riservato ai residenti dell'Ambito."
CITIZEN_NOTES = [DECLINE_REASON, REJECT_REASON]


def act(client, user, service_request, action, **fields):
    """POST one action's form on the admin's request page, as staff do."""
    service_request.refresh_from_db()
    client.force_login(user)
    data = {"action": action, f"{action}-version": service_request.version}
    data.update({f"{action}-{name}": value for name, value in fields.items()})
    response = client.post(f"{ADMIN_URL}{service_request.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:500]


def notes_in(text):
    """The notes of this test found in a text, in the order of the history."""
    return [note for note in (FOR_THE_COOPERATIVE, *CITIZEN_NOTES) if note in text]


@pytest.fixture
def handled_request(client, home_page):
    """A request taken in review, assigned with a note for the cooperative, declined by it
    with a reason, and rejected by the operator with a reason."""
    district = build_district(home_page)
    service_request = submit(district)
    act(client, district.operator, service_request, "take_in_review")
    act(
        client,
        district.operator,
        service_request,
        "assign",
        provider=district.aurora.pk,
        note=FOR_THE_COOPERATIVE,
    )
    act(client, district.aurora_staff, service_request, "decline", note=DECLINE_REASON)
    act(client, district.operator, service_request, "reject", note=REJECT_REASON)
    client.logout()
    service_request.refresh_from_db()
    assert service_request.status == "rejected"
    return district, service_request


def test_the_citizen_reads_the_same_notes_everywhere_and_never_the_staff_ones(
    client, handled_request
):
    district, service_request = handled_request
    citizen = service_request.citizen
    client.force_login(citizen.user)

    page = client.get(f"/richieste/{service_request.reference}/")
    assert page.status_code == 200
    timeline = BeautifulSoup(page.content, "html.parser").select_one(".rw-timeline")
    on_the_web = notes_in(timeline.get_text(" "))

    answer = client_for(citizen.user).get(f"{REQUESTS}{service_request.reference}/")
    assert answer.status_code == 200
    in_the_api = [event["note"] for event in answer.json()["events"] if event["note"]]

    deliver_pending()
    to_citizen = [m for m in mail.outbox if citizen.email in m.to]
    assert len(to_citizen) == 5  # submitted, then one email a step
    in_the_emails = notes_in("\n".join(m.body for m in to_citizen))

    download = client.get("/account/dati/scarica/")
    assert download.status_code == 200
    (exported,) = json.loads(download.content)["requests"]
    in_the_export = [event["note"] for event in exported["events"] if event["note"]]

    assert [on_the_web, in_the_api, in_the_emails, in_the_export] == [CITIZEN_NOTES] * 4
    for text in (page.content, answer.content, download.content):
        assert FOR_THE_COOPERATIVE not in text.decode()


def test_staff_read_every_note_on_the_request_page_and_in_the_api(client, handled_request):
    district, service_request = handled_request
    client.force_login(district.operator)
    page = client.get(f"{ADMIN_URL}{service_request.pk}/")
    assert page.status_code == 200
    text = BeautifulSoup(page.content, "html.parser").get_text(" ")
    assert notes_in(text) == [FOR_THE_COOPERATIVE, *CITIZEN_NOTES]

    answer = client_for(district.operator).get(f"{REQUESTS}{service_request.reference}/")
    assert answer.status_code == 200
    notes = [event["note"] for event in answer.json()["events"] if event["note"]]
    assert notes == [FOR_THE_COOPERATIVE, *CITIZEN_NOTES]


def test_each_note_field_says_whether_the_citizen_reads_it(client, home_page):
    district = build_district(home_page)
    service_request = submit(district)
    act(client, district.operator, service_request, "take_in_review")
    client.force_login(district.operator)
    page = BeautifulSoup(client.get(f"{ADMIN_URL}{service_request.pk}/").content, "html.parser")

    def help_of(action):
        field = page.find("textarea", attrs={"name": f"{action}-note"})
        described = field.get("aria-describedby", "").split()
        return " ".join(
            page.find(id=i).get_text(" ", strip=True) for i in described if page.find(id=i)
        )

    assert "il cittadino non lo legge" in help_of("assign")
    assert "Il cittadino leggerà" in help_of("reject")
