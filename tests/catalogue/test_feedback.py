"""«Quanto sono utili le informazioni in questa pagina?»: stored per page, read by editors."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse

from catalogue.models import PageFeedback
from tests import factories as f


@pytest.fixture(autouse=True)
def clear_rate_limit():
    cache.clear()
    yield
    cache.clear()


def feedback_url(page):
    return reverse("page-feedback", args=[page.pk])


def test_every_content_page_carries_the_feedback_form(client, catalogue, social_point, guide):
    for page in (catalogue["service"], catalogue["provider"], social_point, guide):
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        form = soup.select_one("#valutazione form")
        assert form["method"] == "post"
        assert form["action"] == feedback_url(page) + "#valutazione"
        # No per-visitor token: the page is the same for every anonymous visitor (cacheable).
        assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is None
        assert "Quanto sono utili le informazioni in questa pagina?" in form.get_text()
        ratings = [i["value"] for i in form.find_all("input", attrs={"name": "rating"})]
        assert ratings == ["1", "2", "3", "4", "5"]


def test_rating_is_stored_for_the_page_and_the_citizen_is_thanked(client, catalogue):
    service = catalogue["service"]
    response = client.post(
        feedback_url(service), {"rating": "4", "reason": "clear", "comment": " Chiara. "}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{service.url}?valutazione=grazie#valutazione"
    feedback = PageFeedback.objects.get()
    assert (feedback.page_id, feedback.rating, feedback.reason, feedback.comment) == (
        service.pk,
        4,
        "clear",
        "Chiara.",
    )
    thanks = client.get(response["Location"])
    assert "Grazie per il tuo contributo!" in thanks.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rating": "0"}, "Il voto deve essere un numero da 1 a 5."),
        ({"rating": "9"}, "Il voto deve essere un numero da 1 a 5."),
        ({"rating": "tre"}, "Il voto deve essere un numero da 1 a 5."),
        ({}, "Scegli un voto da 1 a 5."),
        ({"rating": "3", "reason": "boh"}, "Scegli uno dei motivi dell&#x27;elenco."),
        ({"rating": "3", "comment": "x" * 201}, "al massimo 200 caratteri"),
    ],
)
def test_bad_answer_shows_an_italian_error_and_stores_nothing(client, catalogue, data, message):
    service = catalogue["service"]
    response = client.post(feedback_url(service), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "La valutazione non è stata inviata" in html
    assert "<h1" in html and service.title in html  # the page itself, with the error
    assert PageFeedback.objects.count() == 0


def test_feedback_from_the_page_needs_no_token_but_another_site_is_refused(catalogue):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    url = feedback_url(catalogue["service"])
    forged = client.post(url, {"rating": "1"}, headers={"Origin": "https://evil.example"})
    assert forged.status_code == 403
    cross = client.post(url, {"rating": "1"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    assert PageFeedback.objects.count() == 0
    own = client.post(url, {"rating": "5"}, headers={"Origin": "http://testserver"})
    assert own.status_code == 302
    assert PageFeedback.objects.get().rating == 5


def test_feedback_only_for_live_content_pages(client, catalogue):
    assert client.post(feedback_url(catalogue["home"]), {"rating": "5"}).status_code == 404
    draft = catalogue["service"]
    draft.unpublish()
    assert client.post(feedback_url(draft), {"rating": "5"}).status_code == 404
    assert client.get(feedback_url(catalogue["provider"])).status_code == 405
    assert PageFeedback.objects.count() == 0


def test_one_client_cannot_flood_a_page(client, catalogue):
    service = catalogue["service"]
    for _ in range(5):
        client.post(feedback_url(service), {"rating": "5"})
    response = client.post(feedback_url(service), {"rating": "1"})
    assert response["Location"].endswith("?valutazione=limite#valutazione")
    assert PageFeedback.objects.count() == 5


# --- the editors' report ----------------------------------------------------------------


REPORT_URL = "/admin/reports/valutazioni/"


@pytest.fixture
def answered(catalogue, social_point):
    service = catalogue["service"]
    f.PageFeedbackFactory(page=service, rating=2, reason="unclear", comment="Mancano gli orari")
    f.PageFeedbackFactory(page=service, rating=5)
    f.PageFeedbackFactory(page=social_point, rating=4)
    return service


@pytest.fixture
def editor(db):
    return f.UserFactory(username="redazione", is_staff=True, is_superuser=True)


def test_report_shows_count_and_average_per_page_to_an_editor(client, answered, editor):
    client.force_login(editor)
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {
        row.find("a").get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
        for row in soup.select("table tbody tr")
    }
    assert rows[answered.title][1:3] == ["2", "3,5"]
    assert rows["Social Point Tradate"][1:3] == ["1", "4,0"]


def test_report_lists_the_answers_of_a_page(client, answered, editor):
    client.force_login(editor)
    response = client.get(f"{REPORT_URL}{answered.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mancano gli orari" in html
    assert "A volte le indicazioni non erano chiare" in html


def test_report_is_in_the_reports_menu(client, answered, editor):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Valutazioni delle pagine" in html
    assert REPORT_URL in html


def test_report_is_refused_to_anonymous_users(client, answered):
    response = client.get(REPORT_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert client.get(f"{REPORT_URL}{answered.pk}/").status_code == 302


def test_report_is_refused_to_staff_without_page_rights(client, answered):
    from django.contrib.auth.models import Permission

    user = f.UserFactory(username="operatore", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(REPORT_URL).status_code in (302, 403)
    assert client.get(f"{REPORT_URL}{answered.pk}/").status_code in (302, 403)


def test_a_provider_editor_reads_only_the_feedback_of_their_own_pages(client, answered, catalogue):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group = Group.objects.create(name="Cooperativa Esempio: redazione")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=catalogue["provider"],
        permission=Permission.objects.get(codename="change_page"),
    )
    user = f.UserFactory(username="coop", is_staff=True)
    user.groups.add(group)
    client.force_login(user)
    html = client.get(REPORT_URL).content.decode()
    assert answered.title in html
    assert "Social Point Tradate" not in html
    social_point = catalogue["social_points"].get_children().get()
    assert client.get(f"{REPORT_URL}{social_point.pk}/").status_code == 404
