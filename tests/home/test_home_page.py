"""The site root as a citizen opens it."""

from home.demo import load_home


def test_home_page_renders_in_italian_with_the_district_name(client, db):
    load_home()
    response = client.get("/", HTTP_HOST="localhost")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="it" dir="ltr">' in html
    assert "Ambito di Tradate" in html
    assert 'href="#main-content"' in html  # skip link


def test_demo_home_loader_is_idempotent(db):
    from home.models import HomePage

    first = load_home()
    second = load_home()
    assert first.pk == second.pk
    assert HomePage.objects.count() == 1


def test_demo_home_canonical_link_uses_the_public_address(client, db, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://welfare.example.org"
    load_home()

    response = client.get("/", HTTP_HOST="welfare.example.org")
    assert '<link rel="canonical" href="https://welfare.example.org/">' in response.content.decode()
