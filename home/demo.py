"""Demo content for the site root: the HomePage as root of the default Site."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Locale, Page, Site

from home.models import DistrictSettings, HomePage

DISTRICT = {
    "district_name": "Ambito di Tradate",
    "lead_body": "Ufficio di Piano – Comune di Tradate (ente capofila)",
    "address": "Piazza Mazzini 6, 21049 Tradate (VA)",
    "phone": "0331 826811",
    "email": "ufficiodipiano@example.org",
}


def load_home():
    """Create (or update) the Italian HomePage and make it the default site's root."""
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    # Wagtail's initial "Welcome" page (and the Site pointing at it) make way for the HomePage.
    Page.objects.filter(depth=2).not_type(HomePage).delete()
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        # A flushed database (as after a transactional test) has lost the tree's root.
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locale)
        )
        home = root.add_child(
            instance=HomePage(title="Rete Welfare", slug="home", locale=locale, live=True)
        )
    home.title = "Rete Welfare"
    home.intro = (
        "<p>Trova i servizi sociali degli 8 comuni dell'Ambito di Tradate, scopri il "
        "Social Point più vicino e invia una richiesta online.</p>"
    )
    home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    # Canonical links, the sitemap and JSON-LD carry the portal's public address.
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site.hostname = base.hostname or "localhost"
    site.port = base.port or (443 if base.scheme == "https" else 80)
    site.site_name = DISTRICT["district_name"]
    site.root_page = home
    site.save()

    district = DistrictSettings.load()
    for field, value in DISTRICT.items():
        setattr(district, field, value)
    district.save()
    return home
