"""Translations of the demo content, one module per language, keyed by the Italian string.

Produced by machine and not reviewed: the demo records them as such. English covers every
demo page and taxonomy; the other languages the home page, the indexes, the guides, the
Social Points and the services most often requested in the demo (with their providers).
"""

from importlib import import_module

LANGUAGES = ["en", "ar", "ro", "sq", "uk"]

# How the demo names a service's contact: «Segreteria – <provider>» (catalogue/demo.py).
CONTACT_OFFICE = "Segreteria"

# Languages the whole demo is translated into; the others get the selection below.
EVERYTHING = {"en"}

SELECTED_PAGE_TYPES = [
    "homepage",
    "serviceindexpage",
    "providerindexpage",
    "socialpointindexpage",
    "guideindexpage",
    "guidepage",
    "socialpointpage",
]

# The 15 services most often requested in the demo (counted after a fresh `make demo`;
# ties broken by slug).
TOP_SERVICES = [
    "spazio-neutro",
    "assistenza-domiciliare-accreditata-anziani",
    "pasti-a-domicilio",
    "bagno-assistito-a-domicilio",
    "compagnia-e-commissioni",
    "educativa-domiciliare-minori",
    "servizio-inserimento-lavorativo",
    "assistenza-domiciliare-anziani-sad",
    "assistenza-domiciliare-minori-adm",
    "gioco-d-azzardo",
    "laboratori-tempo-libero",
    "laboratorio-occupazionale",
    "mediazione-linguistico-culturale",
    "orientamento-al-lavoro",
    "ricoveri-di-sollievo",
]


def by_language():
    """{language code: {Italian string: translation}} for every language with texts: the
    pages' and taxonomies' strings, the rows of the service cards, the legal pages, and each provider's
    contact («Segreteria – <provider>») made from the provider's translated name."""
    found = {}
    titles = provider_titles()
    for code in LANGUAGES:
        module = import_module(f"{__name__}.{code}")
        strings = {
            **getattr(module, "STRINGS", {}),
            **getattr(module, "ROWS", {}),
            **getattr(module, "LEGAL", {}),
        }
        office = getattr(module, "CONTACT_OFFICE", "")
        if office:
            strings.update(
                {
                    f"{CONTACT_OFFICE} – {italian}": f"{office} – {translated}"
                    for italian, translated in list(strings.items())
                    if italian in titles
                }
            )
        if strings:
            found[code] = strings
    return found


def provider_titles():
    """The Italian names of the demo's providers (their contacts are named after them)."""
    from catalogue.data.demo_content import PROVIDERS

    return {provider["title"] for provider in PROVIDERS}
