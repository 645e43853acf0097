"""Translations of the demo content, one module per language, keyed by the Italian string.

Produced by machine and not reviewed: the demo records them as such. English covers every
demo page and taxonomy; the other languages the home page, the indexes, the guides, the
Social Points and the services most often requested in the demo (with their providers).
"""

from importlib import import_module

LANGUAGES = ["en", "ar", "ro", "sq", "uk"]

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
    """{language code: {Italian string: translation}} for every language with texts."""
    found = {}
    for code in LANGUAGES:
        strings = getattr(import_module(f"{__name__}.{code}"), "STRINGS", {})
        if strings:
            found[code] = strings
    return found
