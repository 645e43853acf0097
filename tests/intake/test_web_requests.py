"""«Richiedi il servizio» and «Le mie richieste» as a citizen uses them, with the test client."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intake.models import RequestStatus, ServiceRequest
from intake.notifications import deliver_pending
from intake.services import Action, perform_transition
from tests import factories as f


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def form_url(service):
    return f"/richieste/nuova/{service.pk}/"


def field_error(response, name):
    page = soup(response)
    field = page.select_one("main").find(attrs={"name": name})
    holder = field if field.get("aria-describedby") else field.find_parent("fieldset")
    ids = (holder.get("aria-describedby") or "").split()
    return " ".join(page.find(id=i).get_text(" ", strip=True) for i in ids if i.endswith("_error"))


def answers(response, **overrides):
    """The form as the page delivers it (token and prefilled fields), plus the citizen's
    answers."""
    page = soup(response)
    form = page.select_one("main form")
    data = {}
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or element.get("type") == "submit":
            continue
        if element.get("type") in ("radio", "checkbox"):
            if element.has_attr("checked"):
                data[name] = element.get("value", "on")
        elif element.name == "textarea":
            # As a browser does, the newline right after <textarea> is not part of the value.
            data[name] = element.get_text().removeprefix("\n")
        elif element.name == "select":
            chosen = element.find("option", selected=True)
            data[name] = chosen["value"] if chosen else ""
        else:
            data[name] = element.get("value", "")
    data["description"] = "Mio padre vive solo e non riesce più a lavarsi da solo."
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def logged_in(client, citizen):
    client.force_login(citizen.user)
    return client


@pytest.fixture
def choices(service, catalogue):
    """The service offered by two providers and helped by a Social Point."""
    partner = f.ProviderPageFactory(parent=catalogue["providers"], title="Cooperativa Aurora")
    point = f.SocialPointPageFactory(
        parent=catalogue["social_points"], title="Social Point Tradate"
    )
    service.partner_providers.set([partner])
    service.social_points.set([point])
    service.save_revision().publish()
    return {"partner": partner, "point": point}


def test_service_page_button_leads_through_login_back_to_the_form(client, service, citizen):
    page = soup(client.get(service.url))
    button = page.find("a", string=re.compile("Richiedi il servizio"))
    assert button["href"] == form_url(service)

    response = client.get(button["href"])
    assert response.status_code == 302
    login_url = response["Location"]
    assert login_url.startswith("/account/accedi/?next=")
    login_page = soup(client.get(login_url))
    assert login_page.find("input", attrs={"name": "next"})["value"] == form_url(service)
    response = client.post(
        "/account/accedi/",
        {
            "username": citizen.fiscal_code,
            "password": "password-di-prova-1",
            "next": form_url(service),
        },
    )
    assert response["Location"] == form_url(service)


def test_form_is_prefilled_from_the_profile_and_asks_only_what_the_service_offers(
    logged_in, service, citizen, choices
):
    page = soup(logged_in.get(form_url(service)))
    assert page.find("input", attrs={"name": "contact_phone"})["value"] == citizen.phone
    assert page.find("input", attrs={"name": "contact_email"})["value"] == citizen.email
    providers = [
        label.get_text(strip=True) for label in page.select("#id_preferred_provider label")
    ]
    assert service.provider.title in providers and "Cooperativa Aurora" in providers
    points = [o.get_text(strip=True) for o in page.select("select[name=social_point] option")]
    assert "Social Point Tradate" in points
    assert page.find("input", attrs={"name": "voucher_requested"})


def test_a_single_provider_service_without_voucher_asks_neither(logged_in, catalogue):
    page = soup(logged_in.get(form_url(catalogue["service"])))
    assert page.find(attrs={"name": "preferred_provider"}) is None
    assert page.find(attrs={"name": "voucher_requested"}) is None
    assert page.find(attrs={"name": "social_point"}) is None
    assert page.find("textarea", attrs={"name": "description"})


def test_citizen_requests_the_service_and_gets_the_reference_by_page_and_email(
    logged_in, service, citizen, choices
):
    form = logged_in.get(form_url(service))
    response = logged_in.post(
        form_url(service),
        answers(
            form,
            preferred_provider=str(choices["partner"].pk),
            social_point=str(choices["point"].pk),
            voucher_requested="on",
        ),
    )
    assert response.status_code == 302
    stored = ServiceRequest.objects.get()
    assert response["Location"] == f"/richieste/{stored.reference}/inviata/"
    confirmation = logged_in.get(response["Location"]).content.decode()
    assert stored.reference in confirmation
    assert stored.citizen == citizen
    assert stored.preferred_provider.specific == choices["partner"]
    assert stored.social_point.specific == choices["point"]
    assert stored.voucher_requested
    assert stored.description.startswith("Mio padre vive solo")

    deliver_pending()
    assert any(stored.reference in message.body for message in mail.outbox)


def test_double_submit_and_reload_of_the_confirmation_create_one_request(logged_in, service):
    data = answers(logged_in.get(form_url(service)))
    first = logged_in.post(form_url(service), data)
    second = logged_in.post(form_url(service), data)
    assert first["Location"] == second["Location"]
    logged_in.get(first["Location"])
    logged_in.get(first["Location"])
    assert ServiceRequest.objects.count() == 1

    # A new visit to the form is a new request.
    logged_in.post(form_url(service), answers(logged_in.get(form_url(service))))
    assert ServiceRequest.objects.count() == 2


def test_the_same_form_sent_back_with_other_answers_keeps_the_first_request(logged_in, service):
    data = answers(logged_in.get(form_url(service)))
    first = logged_in.post(form_url(service), data)
    response = logged_in.post(
        form_url(service), {**data, "description": "Un'altra cosa."}, follow=True
    )
    assert "era già stata inviata" in response.content.decode()
    assert ServiceRequest.objects.get().reference in first["Location"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"description": ""}, "description", "di che cosa hai bisogno"),
        ({"description": "x" * 4001}, "description", "al massimo 4000"),
        ({"preferred_contact": "phone", "contact_phone": ""}, "contact_phone", "numero"),
        ({"contact_phone": "3" * 41}, "contact_phone", "al massimo 40"),
        ({"contact_email": "non-una-email"}, "contact_email", "non sembra corretta"),
        ({"preferred_provider": "999999"}, "preferred_provider", "Scegli uno degli enti"),
    ],
)
def test_invalid_request_shows_the_error_at_the_field_and_saves_nothing(
    logged_in, service, choices, overrides, field, message
):
    data = answers(logged_in.get(form_url(service)), **overrides)
    response = logged_in.post(form_url(service), data)
    assert response.status_code == 200
    assert message.lower() in field_error(response, field).lower()
    assert soup(response).select_one("#riepilogo-errori")
    if field != "description":
        assert soup(response).find("textarea").get_text().strip() == data["description"]
    assert not ServiceRequest.objects.exists()


def test_a_draft_service_answers_a_clear_page(logged_in, service):
    service.unpublish()
    response = logged_in.get(form_url(service))
    assert response.status_code == 404
    assert "non si può richiedere" in response.content.decode()


def test_a_deleted_service_answers_a_clear_page(logged_in, service):
    url = form_url(service)
    service.delete()
    response = logged_in.post(url, {"description": "Aiuto"})
    assert response.status_code == 404
    assert "non esiste o non è più pubblicato" in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_an_inactive_service_says_why(logged_in, service):
    service.is_active = False
    service.inactive_reason = "Riapre a settembre."
    service.save_revision().publish()
    response = logged_in.get(form_url(service))
    assert response.status_code == 409
    assert "Riapre a settembre." in response.content.decode()


def test_a_service_suspended_while_the_form_was_open_keeps_nothing(logged_in, service):
    data = answers(logged_in.get(form_url(service)))
    service.is_active = False
    service.inactive_reason = "Sospeso fino a settembre."
    service.save_revision().publish()
    response = logged_in.post(form_url(service), data)
    assert "Sospeso fino a settembre." in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_staff_without_a_profile_get_a_clear_message(client, service):
    client.force_login(f.OperatorFactory(is_staff=True))
    for url in (form_url(service), "/richieste/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Questa pagina è per i cittadini" in response.content.decode()


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_my_requests_lists_the_citizens_own_requests_with_their_status(logged_in, service, citizen):
    mine = [f.ServiceRequestFactory(citizen=citizen, service=service)]
    logged_in.get("/richieste/")  # the first visit stores the district's settings
    one, _ = queries_for(logged_in, "/richieste/")
    mine += [f.ServiceRequestFactory(citizen=citizen, service=service) for _ in range(2)]
    perform_transition(
        service_request=mine[0], action=Action.TAKE_IN_REVIEW, actor=f.OperatorFactory()
    )
    other = f.ServiceRequestFactory(service=service)
    three, response = queries_for(logged_in, "/richieste/")
    assert three == one  # the list costs the same queries whatever its length
    page = soup(response)
    items = page.select(".rw-my-requests > li")
    assert len(items) == 3
    text = page.select_one(".rw-my-requests").get_text(" ", strip=True)
    assert all(r.reference in text for r in mine)
    assert other.reference not in text
    assert "In valutazione" in text and "Inviata" in text


def test_detail_shows_the_timeline_in_italian_with_rome_times(
    logged_in, service, citizen, catalogue
):
    submitted = f.ServiceRequestFactory(citizen=citizen, service=service)
    url = f"/richieste/{submitted.reference}/"
    logged_in.get(url)  # the first visit stores the district's settings
    one, _ = queries_for(logged_in, url)
    operator = f.OperatorFactory()
    perform_transition(service_request=submitted, action=Action.TAKE_IN_REVIEW, actor=operator)
    perform_transition(
        service_request=submitted,
        action=Action.ASSIGN,
        actor=operator,
        provider=catalogue["provider"],
    )
    three, response = queries_for(logged_in, url)
    assert three == one  # the timeline costs the same queries whatever its length
    steps = [li.get_text(" ", strip=True) for li in soup(response).select(".rw-timeline > li")]
    assert len(steps) == 3
    assert steps[0].startswith("Richiesta inviata")
    assert "in valutazione" in steps[1]
    assert steps[2].startswith(f"Assegnata a un ente: {catalogue['provider'].title}")
    event = submitted.events.order_by("created_at").first()
    rome = timezone.localtime(event.created_at, ZoneInfo("Europe/Rome"))
    assert rome.strftime("%H:%M") in steps[0]


def test_citizen_withdraws_a_request_after_confirming(logged_in, service, citizen):
    submitted = f.ServiceRequestFactory(citizen=citizen, service=service)
    detail = f"/richieste/{submitted.reference}/"
    page = soup(logged_in.get(detail))
    link = page.find("a", string=re.compile("Ritira la richiesta"))
    confirm = soup(logged_in.get(link["href"]))
    assert "Vuoi davvero ritirare" in confirm.get_text()
    assert submitted.reference in confirm.get_text()
    ServiceRequest.objects.get(pk=submitted.pk)  # still there after the GET
    assert ServiceRequest.objects.get(pk=submitted.pk).status == RequestStatus.SUBMITTED

    response = logged_in.post(
        link["href"], {"version": submitted.version, "note": "Ho trovato un aiuto."}, follow=True
    )
    page = soup(response)
    assert "Hai ritirato la richiesta" in page.get_text()
    assert "Ritirata" in page.select_one(".rw-timeline").get_text()
    assert "Ho trovato un aiuto." in page.select_one(".rw-timeline").get_text()
    assert page.find("a", string=re.compile("Ritira la richiesta")) is None
    assert ServiceRequest.objects.get(pk=submitted.pk).status == RequestStatus.WITHDRAWN

    # A second click on «Sì, ritira» changes nothing and says so.
    response = logged_in.post(link["href"], {"version": submitted.version}, follow=True)
    assert "Hai già ritirato questa richiesta" in response.content.decode()
    assert ServiceRequest.objects.get(pk=submitted.pk).events.count() == 2


def test_withdraw_with_a_stale_version_shows_the_core_message(logged_in, service, citizen):
    submitted = f.ServiceRequestFactory(citizen=citizen, service=service)
    seen = submitted.version
    perform_transition(
        service_request=submitted, action=Action.TAKE_IN_REVIEW, actor=f.OperatorFactory()
    )
    response = logged_in.post(
        f"/richieste/{submitted.reference}/ritira/", {"version": seen}, follow=True
    )
    assert "modificata da qualcun altro nel frattempo" in response.content.decode()
    assert ServiceRequest.objects.get(pk=submitted.pk).status == RequestStatus.IN_REVIEW


def test_an_accepted_request_can_no_longer_be_withdrawn(logged_in, service, citizen, catalogue):
    submitted = f.ServiceRequestFactory(citizen=citizen, service=service)
    operator = f.OperatorFactory()
    staff = f.ProviderStaffFactory(provider=catalogue["provider"])
    perform_transition(service_request=submitted, action=Action.TAKE_IN_REVIEW, actor=operator)
    perform_transition(
        service_request=submitted,
        action=Action.ASSIGN,
        actor=operator,
        provider=catalogue["provider"],
    )
    perform_transition(service_request=submitted, action=Action.ACCEPT, actor=staff)
    page = soup(logged_in.get(f"/richieste/{submitted.reference}/"))
    assert page.find("a", string=re.compile("Ritira la richiesta")) is None
    response = logged_in.post(
        f"/richieste/{submitted.reference}/ritira/", {"version": 4}, follow=True
    )
    assert "non si può più ritirare" in response.content.decode()
    assert ServiceRequest.objects.get(pk=submitted.pk).status == RequestStatus.ACCEPTED


def test_another_citizens_request_answers_404(logged_in, service):
    others = f.ServiceRequestFactory(service=service)
    for suffix in ("", "inviata/", "ritira/"):
        assert logged_in.get(f"/richieste/{others.reference}/{suffix}").status_code == 404
    response = logged_in.post(f"/richieste/{others.reference}/ritira/", {"version": 1})
    assert response.status_code == 404
    assert ServiceRequest.objects.get(pk=others.pk).status == RequestStatus.SUBMITTED


def test_pages_of_requests_need_login(client, service):
    submitted = f.ServiceRequestFactory(service=service)
    for url in ("/richieste/", f"/richieste/{submitted.reference}/"):
        assert client.get(url)["Location"].startswith("/account/accedi/?next=")


def test_dates_are_shown_in_rome_time(logged_in, service, citizen):
    submitted = f.ServiceRequestFactory(citizen=citizen, service=service)
    # 23:30 UTC on 31 December is already the new year in Rome.
    ServiceRequest.objects.filter(pk=submitted.pk).update(
        submitted_at=datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    )
    text = soup(logged_in.get("/richieste/")).select_one(".rw-my-requests").get_text(" ")
    assert "1 gennaio 2027" in text


def test_request_pages_write_month_names_in_lower_case(logged_in, service, citizen):
    submitted = f.ServiceRequestFactory(citizen=citizen, service=service)
    ServiceRequest.objects.filter(pk=submitted.pk).update(
        submitted_at=datetime.datetime(2026, 3, 5, 9, 7, tzinfo=datetime.UTC)
    )
    listing = soup(logged_in.get("/richieste/")).select_one("main").get_text(" ")
    detail = soup(logged_in.get(f"/richieste/{submitted.reference}/")).select_one("main")
    assert "5 marzo 2026" in listing
    assert "5 marzo 2026, 10:07" in detail.get_text(" ")


def test_with_the_mail_server_down_the_request_is_stored_and_its_email_goes_later(
    logged_in, service, settings
):
    settings.EMAIL_BACKEND = "tests.intake.mail_backends.BrokenEmailBackend"
    response = logged_in.post(form_url(service), answers(logged_in.get(form_url(service))))
    assert response.status_code == 302
    stored = ServiceRequest.objects.get()
    assert stored.reference in logged_in.get(response["Location"]).content.decode()
    deliver_pending()
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    deliver_pending(now=timezone.now() + datetime.timedelta(hours=1))
    assert any(stored.reference in message.body for message in mail.outbox)
