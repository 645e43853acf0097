"""Parts of every page rendered once until the next publication (the footer, a page's
language links, the site root, a locale's code): a published change shows at once, and
nothing of one visitor or one page reaches another."""

from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, PageViewRestriction, Site

from home.models import DistrictSettings
from tests import factories as f


@pytest.fixture(autouse=True)
def kept_reads(settings, db):
    """Reads kept as in production, pages rendered every time (no page cache)."""
    settings.PAGE_CACHE_ENABLED = False
    settings.CONTENT_CACHE_ENABLED = True
    DistrictSettings.load()


def html_of(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_a_saved_footer_setting_shows_on_the_next_page_at_once(client, catalogue):
    assert "0331 555 0101" not in html_of(client, "/")
    district = DistrictSettings.load()
    district.phone = "0331 555 0101"
    district.save()

    assert "0331 555 0101" in html_of(client, "/")
    assert "0331 555 0101" in html_of(client, catalogue["service"].url)


def test_a_new_menu_item_and_a_renamed_one_show_at_once(client, catalogue):
    services = catalogue["services"]
    services.show_in_menus = True
    services.save_revision().publish()
    assert "<span>Catalogo dei servizi</span>" not in html_of(client, "/")

    services.title = "Catalogo dei servizi"
    services.save_revision().publish()

    html = html_of(client, catalogue["service"].url)
    assert "<span>Catalogo dei servizi</span>" in html
    assert 'class="nav-link active"' in html  # the service's page marks its own section


def test_the_active_menu_item_is_each_page_s_own(client, catalogue):
    services, guides = catalogue["services"], catalogue["guides"]
    for page in (services, guides):
        page.show_in_menus = True
        page.save_revision().publish()

    on_guides = html_of(client, guides.url)
    on_services = html_of(client, services.url)
    assert f'href="{guides.url}" aria-current="page"' in on_guides
    assert f'href="{services.url}" aria-current="page"' in on_services
    assert f'href="{guides.url}" aria-current="page"' not in on_services


def test_a_published_translation_reaches_the_language_links_at_once(client, catalogue):
    service = catalogue["service"]
    before = html_of(client, service.url)
    assert 'rel="alternate" hreflang="en"' not in before

    english = Locale.objects.get_or_create(language_code="en")[0]
    for page in (catalogue["home"], catalogue["providers"], catalogue["provider"], service):
        translated = page.copy_for_translation(english)
        translated.save_revision().publish()

    after = html_of(client, service.url)
    assert 'rel="alternate" hreflang="en"' in after
    assert 'hreflang="x-default"' in after


def test_a_logged_in_citizen_still_gets_their_own_header(client, catalogue):
    url = catalogue["service"].url
    anonymous = html_of(Client(), url)
    assert ">Accedi</a>" in anonymous
    citizen = f.CitizenProfileFactory().user
    client.force_login(citizen)

    html = html_of(client, url)
    assert "Le mie richieste" in html
    assert "Esci" in html
    assert ">Accedi</a>" not in html
    assert "Le mie richieste" not in html_of(Client(), url)


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_a_page_s_old_address_is_forgotten_at_its_new_slug_and_on_unpublishing(client, catalogue):
    """The page type kept for an address is dropped at the next publication. Routing falls
    back on a stale type (the page is looked up again), so the answer alone would not show
    it: a stale type costs the extra lookup, which an address never seen does not."""
    service, provider = catalogue["service"], catalogue["provider"]
    old_url = service.url
    html_of(client, old_url)  # its page type is now kept for the address
    service.slug = "pasti-a-domicilio-nuovo"
    service.save_revision().publish()
    service.refresh_from_db()

    assert client.get(old_url).status_code == 404
    never_seen = f"{provider.url}nessuna-pagina/"
    assert queries_of(client, old_url) == queries_of(client, never_seen)
    assert "pasti-a-domicilio-nuovo" in service.url
    html_of(client, service.url)

    service.unpublish()
    assert client.get(service.url).status_code == 404
    assert queries_of(client, service.url) == queries_of(client, never_seen)


def test_a_new_view_restriction_applies_at_once_and_its_removal_too(client, catalogue):
    service, provider = catalogue["service"], catalogue["provider"]
    html_of(client, service.url)  # no restriction, kept as such
    restriction = PageViewRestriction.objects.create(
        page=provider, restriction_type=PageViewRestriction.LOGIN
    )

    assert client.get(service.url).status_code == 302  # to the login page
    citizen = f.CitizenProfileFactory().user
    logged_in = Client()
    logged_in.force_login(citizen)
    assert logged_in.get(service.url).status_code == 200

    restriction.delete()
    html_of(client, service.url)


def test_a_new_site_for_another_host_answers_at_once(client, catalogue):
    provider = catalogue["provider"]
    other_host = {"HTTP_HOST": "altro.example.org"}
    assert provider.legal_name not in html_of(client, "/", **other_host)  # the default site
    Site.objects.create(hostname="altro.example.org", port=80, root_page=provider)

    after = client.get("/", **other_host).content.decode()
    assert provider.legal_name in after
    assert provider.legal_name not in html_of(client, "/")


def test_the_service_card_shows_a_publication_of_the_service_its_provider_or_a_need_at_once(
    client, catalogue
):
    service, provider = catalogue["service"], catalogue["provider"]
    need = f.NeedFactory(name="Spesa a domicilio")
    service.needs.add(need)
    service.save_revision().publish()
    html = html_of(client, service.url)  # the card is now kept
    assert "Spesa a domicilio" in html and "Pasti caldi ogni giorno" not in html

    service.summary = "Pasti caldi ogni giorno."
    service.save_revision().publish()
    assert "Pasti caldi ogni giorno." in html_of(client, service.url)

    provider.title = "Cooperativa del Seprio"
    provider.save_revision().publish()
    assert "Cooperativa del Seprio" in html_of(client, service.url)

    need.name = "Spesa e commissioni"
    need.save()
    html = html_of(client, service.url)
    assert "Spesa e commissioni" in html and "Spesa a domicilio" not in html


def test_the_card_is_kept_per_language_of_the_interface(client, catalogue):
    service = catalogue["service"]
    assert "A chi è rivolto" in html_of(client, service.url)
    english = html_of(client, f"/en{service.url}")  # the Italian page, the English interface
    assert "A chi è rivolto" not in english
    assert "A chi è rivolto" in html_of(client, service.url)


def test_a_preview_neither_reads_nor_fills_the_kept_card(client, catalogue):
    service = catalogue["service"]
    published = service.summary
    html_of(client, service.url)  # kept with the published summary
    service.summary = "Una bozza non ancora pubblicata."
    draft = service.save_revision().as_object()

    assert (
        "Una bozza non ancora pubblicata." in draft.make_preview_request().render().content.decode()
    )
    public = html_of(client, service.url)
    assert published in public and "Una bozza" not in public

    cache.clear()  # nothing kept: a preview first must not fill the card either
    draft.make_preview_request()
    assert "Una bozza" not in html_of(client, service.url)


def test_the_feedback_form_is_kept_empty_and_each_visitor_s_answer_is_their_own(client, catalogue):
    service = catalogue["service"]
    html_of(client, service.url)  # the empty form, kept
    thanks = html_of(client, f"{service.url}?valutazione=grazie")
    assert "Grazie per il tuo contributo!" in thanks
    assert "Grazie per il tuo contributo!" not in html_of(Client(), service.url)

    refused = client.post(reverse("page-feedback", args=[service.pk]), {"rating": ""})
    assert "La valutazione non è stata inviata" in refused.content.decode()
    assert "La valutazione non è stata inviata" not in html_of(Client(), service.url)


def test_the_home_page_shows_a_published_service_and_its_own_new_intro_at_once(client, catalogue):
    home, service = catalogue["home"], catalogue["service"]
    home.featured_services.create(service=service)
    home.save_revision().publish()
    assert service.title in html_of(client, "/")  # the home page's body is now kept

    service.title = "Pasti caldi a domicilio"
    service.save_revision().publish()
    home.intro = "<p>Benvenuti nella rete dei servizi.</p>"
    home.save_revision().publish()

    html = html_of(client, "/")
    assert "Pasti caldi a domicilio" in html and "Benvenuti nella rete dei servizi." in html


LOCAL_LAYERS = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
    "server-a": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "a"},
    "server-b": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "b"},
}


def test_two_app_servers_memories_never_show_a_page_older_than_the_last_publication(
    settings, client, catalogue
):
    """Two app servers share the cache (Redis, here a shared local memory) and each keeps
    what it read in its own memory too: a publication through one shows on both at once."""
    settings.CACHES = LOCAL_LAYERS
    service = catalogue["service"]
    service.title = "Pasti a domicilio"
    service.save_revision().publish()
    for server in ("server-a", "server-b"):
        settings.CONTENT_CACHE_LOCAL_ALIAS = server
        assert "Pasti a domicilio" in html_of(client, service.url)
        assert "Pasti a domicilio" in html_of(client, service.url)  # from its own memory

    settings.CONTENT_CACHE_LOCAL_ALIAS = "server-a"
    service.title = "Pasti caldi a domicilio"
    service.save_revision().publish()

    settings.CONTENT_CACHE_LOCAL_ALIAS = "server-b"
    assert "Pasti caldi a domicilio" in html_of(client, service.url)
    settings.CONTENT_CACHE_LOCAL_ALIAS = "server-a"
    assert "Pasti caldi a domicilio" in html_of(client, service.url)


def test_a_page_reads_the_generation_once_and_the_kept_parts_from_memory(
    settings, client, catalogue
):
    settings.CACHES = LOCAL_LAYERS
    settings.CONTENT_CACHE_LOCAL_ALIAS = "server-a"
    url = catalogue["service"].url
    html_of(client, url)
    shared = caches["default"]
    reads = []
    real_get = type(shared).get

    def counted_get(self, key, *args, **kwargs):
        if self is shared:
            reads.append(key)
        return real_get(self, key, *args, **kwargs)

    with mock.patch.object(type(shared), "get", counted_get):
        again = html_of(client, url)
    assert again.count(catalogue["service"].title) >= 1
    assert [key for key in reads if key.startswith("content:")] == ["content:generation"]
