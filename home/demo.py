"""Demo content for the site root: the HomePage as root of the default Site."""

from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Locale, Page, Site

from home.models import AccessibilityStatementPage, DistrictSettings, HomePage, LegalPage

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


LEGAL_PAGES = [
    {
        "kind": "privacy",
        "slug": "privacy",
        "title": "Informativa sulla privacy",
        "body": (
            "<p>Questa informativa spiega come il Comune di Tradate, ente capofila dell'Ambito "
            "di Tradate, tratta i dati personali di chi usa il portale Rete Welfare, ai sensi "
            "degli articoli 13 e 14 del Regolamento (UE) 2016/679 (GDPR).</p>"
            "<h2>Titolare del trattamento</h2><p>Comune di Tradate, Piazza Mazzini 6, 21049 "
            "Tradate (VA), per conto degli 8 comuni dell'Ambito. Responsabile della protezione "
            "dei dati: dpo@example.org.</p>"
            "<h2>Quali dati e perché</h2><p>Nome, cognome, codice fiscale, data di nascita, "
            "comune di residenza, recapiti e la descrizione del bisogno che scrivi nella "
            "richiesta: servono a valutare la richiesta e ad affidarla all'ente che eroga il "
            "servizio (base giuridica: esecuzione di un compito di interesse pubblico, art. 6, "
            "par. 1, lett. e; per i dati sulla salute, art. 9, par. 2, lett. g).</p>"
            "<h2>A chi li comunichiamo</h2><p>All'Ufficio di Piano, al Social Point che ti "
            "aiuta e alla sola cooperativa a cui è affidata la richiesta.</p>"
            "<h2>Welfare aziendale</h2><p>Se il tuo datore di lavoro ti assegna un credito "
            "welfare sul portale, riceviamo da lui nome, cognome, codice fiscale, email e "
            "importo del credito, e colleghiamo il credito al tuo account con il codice "
            "fiscale. I referenti dell'azienda vedono solo il credito di ciascun dipendente, "
            "quanto ne resta e i totali per categoria dell'art. 51 del TUIR: non vedono mai "
            "quali servizi hai scelto, per quale bisogno, né quale ente ti segue, perché un "
            "servizio sociale o sanitario dice della tua famiglia cose che il datore di lavoro "
            "non deve sapere. Vedono solo i rimborsi che decidi tu di presentare loro, con la "
            "ricevuta. Il rendiconto dell'azienda riporta quanto il piano deve a ciascun ente "
            "ogni mese, sommato su tutti i dipendenti.</p>"
            "<h2>Per quanto tempo</h2><p>Per la durata del servizio e per i 10 anni successivi, "
            "come previsto per gli atti dei servizi sociali; l'account senza richieste si "
            "cancella quando vuoi da «I miei dati».</p>"
            "<h2>I tuoi diritti</h2><p>Accesso, rettifica, cancellazione, limitazione, "
            "opposizione e portabilità (da «I miei dati» puoi scaricarli); reclamo al Garante "
            "per la protezione dei dati personali (www.garanteprivacy.it).</p>"
        ),
    },
    {
        "kind": "legal_notes",
        "slug": "note-legali",
        "title": "Note legali",
        "body": (
            "<p>I contenuti di questo sito sono pubblicati dall'Ufficio di Piano dell'Ambito "
            "di Tradate e dagli enti accreditati, ciascuno per i propri servizi.</p>"
            "<h2>Licenza dei contenuti</h2><p>Testi e dati sono pubblicati con licenza Creative "
            "Commons Attribuzione 4.0 (CC BY 4.0), salvo dove indicato; i dati aperti del "
            "catalogo sono disponibili in formato Open Referral HSDS.</p>"
            "<h2>Responsabilità</h2><p>Le informazioni sui servizi sono aggiornate dagli enti "
            "e approvate dall'Ufficio di Piano; per conferme rivolgiti al Social Point. I link "
            "a siti esterni sono offerti per comodità: l'Ambito non ne risponde.</p>"
        ),
    },
    {
        "kind": "cookies",
        "slug": "cookie",
        "title": "Informativa sui cookie",
        "body": (
            "<p>Questo sito usa solo cookie tecnici, necessari al suo funzionamento: non usa "
            "cookie di profilazione né di terze parti, e per questo non chiede il consenso "
            "(provvedimento del Garante del 10 giugno 2021).</p>"
            "<table><thead><tr><th>Cookie</th><th>A cosa serve</th><th>Durata</th></tr></thead>"
            "<tbody>"
            "<tr><td>sessionid</td><td>Ti tiene dentro il tuo account dopo l'accesso</td>"
            "<td>2 settimane, o fino all'uscita</td></tr>"
            "<tr><td>csrftoken</td><td>Protegge i moduli da invii fatti da altri siti</td>"
            "<td>1 anno</td></tr>"
            "<tr><td>django_language</td><td>Ricorda la lingua che hai scelto</td>"
            "<td>fino alla chiusura del browser</td></tr>"
            "</tbody></table>"
        ),
    },
]


def load_legal_pages(home):
    """Privacy notice, legal notes, cookie notice and the accessibility statement under the
    home page: created once, then brought back to this text (idempotent)."""
    pages = []
    for data in LEGAL_PAGES:
        page = LegalPage.objects.filter(kind=data["kind"]).first()
        if page is None:
            page = home.add_child(
                instance=LegalPage(
                    title=data["title"], slug=data["slug"], kind=data["kind"], body=data["body"]
                )
            )
        page.title = data["title"]
        page.body = data["body"]
        page.updated_on = date(2026, 1, 8)
        page.version = settings.PRIVACY_NOTICE_VERSION if data["kind"] == "privacy" else ""
        page.save_revision().publish()
        pages.append(page)

    fields = {
        "title": "Dichiarazione di accessibilità",
        "administration": "Comune di Tradate – Ufficio di Piano dell'Ambito di Tradate",
        "website_url": settings.WAGTAILADMIN_BASE_URL,
        "compliance": "partial",
        "non_accessible_content": (
            "<p>Alcuni allegati PDF caricati dagli enti prima del 2026 non sono documenti "
            "accessibili; su richiesta il Social Point li fornisce in formato accessibile.</p>"
            "<p>Le mappe dei Social Point non hanno un'alternativa testuale completa: "
            "l'indirizzo e gli orari sono comunque scritti nella pagina.</p>"
        ),
        "statement_date": date(2026, 9, 8),
        "review_date": date(2026, 11, 1),
        "assessment_method": "autovalutazione, con verifiche automatiche (axe) e manuali",
        "feedback_url": "mailto:accessibilita@example.org",
        "feedback_email": "accessibilita@example.org",
        "enforcement_url": "https://form.agid.gov.it/",
        "accessibility_officer": "Responsabile per la transizione digitale, Comune di Tradate",
    }
    statement = AccessibilityStatementPage.objects.first()
    if statement is None:
        statement = home.add_child(
            instance=AccessibilityStatementPage(slug="accessibilita", **fields)
        )
    for field, value in fields.items():
        setattr(statement, field, value)
    statement.save_revision().publish()
    pages.append(statement)
    return pages
