"""The interface in the visitor's language: Italian at /, English at /en/, nothing untranslated."""

import ast
import re
from gettext import GNUTranslations
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Locale

from tests import factories as f

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
SECOND_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@pytest.fixture
def bilingual_site(home_page):
    """An Italian home page with a menu entry, and its English translation, both live."""
    services = f.ServiceIndexPageFactory(parent=home_page, show_in_menus=True)
    english = Locale.objects.get_or_create(language_code="en")[0]
    home_en = home_page.copy_for_translation(english)
    home_en.title = "Welfare Network"
    home_en.save_revision().publish()
    services_en = services.copy_for_translation(english)
    services_en.title = "Services"
    services_en.save_revision().publish()
    return home_page


def follow_language_link(client, html, language_code):
    """Open the page the language switch in the header points to for `language_code`."""
    match = re.search(rf'<a [^>]*href="([^"]+)"[^>]*hreflang="{language_code}"', html)
    assert match, f"no link to the {language_code} page in the language switch"
    return client.get(match.group(1))


def test_italian_home_page_shows_menu_and_footer_in_italian(client, bilingual_site):
    html = client.get("/").content.decode()

    assert '<html lang="it" dir="ltr">' in html
    assert 'aria-label="Menu principale"' in html
    assert "<span>Servizi</span>" in html
    assert "Vai al contenuto principale" in html
    assert "API e dati aperti" in html
    assert "Mappa del sito" in html
    assert "Site map" not in html


def test_english_home_page_shows_menu_and_footer_in_english(client, bilingual_site):
    italian = client.get("/").content.decode()
    response = follow_language_link(client, italian, "en")

    assert response.status_code == 200
    assert response.wsgi_request.path == "/en/"
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert 'aria-label="Main menu"' in html
    assert "<span>Services</span>" in html
    assert "Skip to main content" in html
    assert "API and open data" in html
    assert "Site map" in html
    assert "Mappa del sito" not in html
    assert "Menu principale" not in html


def test_english_page_links_back_to_italian(client, bilingual_site):
    english = client.get("/en/").content.decode()
    response = follow_language_link(client, english, "it")

    assert response.status_code == 200
    assert "Mappa del sito" in response.content.decode()


def language_link(html, language_code):
    """The language switch's link to `language_code`: its lang attribute and its text."""
    match = re.search(
        rf'<a [^>]*lang="([^"]+)"[^>]*hreflang="{language_code}"[^>]*>([^<]+)</a>', html
    )
    assert match, f"no link to the {language_code} page in the language switch"
    return match.group(1), match.group(2).strip()


def test_language_switch_names_each_language_in_that_language(client, bilingual_site):
    """WCAG 3.1.2: each language named in itself, with its lang, in the other's switch."""
    italian = client.get("/").content.decode()
    english = client.get("/en/").content.decode()

    assert language_link(italian, "en") == ("en", "English")
    assert language_link(english, "it") == ("it", "Italiano")
    assert ">Inglese</a>" not in italian


def test_browser_preferring_english_gets_italian_at_the_unprefixed_address(client, bilingual_site):
    """The language is in the address: / stays Italian whatever the browser asks for."""
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()

    assert '<html lang="it" dir="ltr">' in html
    assert "Mappa del sito" in html


# --- the catalogues themselves -----------------------------------------------------------


def read_po(path):
    """The entries of a .po file written by gettext, header and obsolete (#~) entries left out.

    A small reader of gettext's format (entries separated by blank lines), so that the check
    needs only the standard library: each entry is a dict with its flags, msgctxt, msgid,
    msgid_plural and msgstr (a dict from plural index to text).
    """
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry = {"flags": set(), "msgctxt": None, "msgid": None, "msgid_plural": None}
        entry["msgstr"] = {}
        field = None
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                text = ast.literal_eval(line)
                if isinstance(field, int):
                    entry["msgstr"][field] += text
                else:
                    entry[field] += text
            else:
                keyword, _, text = line.partition(" ")
                field = int(keyword[7:-1]) if keyword.startswith("msgstr[") else keyword
                field = 0 if field == "msgstr" else field
                target = entry["msgstr"] if isinstance(field, int) else entry
                target[field] = ast.literal_eval(text)
        if entry["msgid"]:
            entries.append(entry)
    return entries


def po_files():
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


def test_every_second_language_has_a_catalogue():
    found = {path.parts[-3] for path in po_files()}
    assert set(SECOND_LANGUAGES) <= found


@pytest.mark.parametrize("po_path", po_files(), ids=lambda p: "/".join(p.parts[-3:]))
def test_every_message_is_translated_and_not_fuzzy(po_path):
    entries = read_po(po_path)
    assert entries, f"{po_path} has no messages"
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    empty = [e["msgid"] for e in entries if not e["msgstr"] or not all(e["msgstr"].values())]
    assert not fuzzy, f"fuzzy in {po_path.name}: {fuzzy}"
    assert not empty, f"untranslated in {po_path.name}: {empty}"


@pytest.mark.parametrize("po_path", po_files(), ids=lambda p: "/".join(p.parts[-3:]))
def test_compiled_catalogue_matches_the_po_file(po_path):
    """The committed .mo holds every message of the .po: `make messages` was run after editing."""
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} missing: run `make messages`"
    with mo_path.open("rb") as handle:
        catalog = GNUTranslations(handle)._catalog
    for entry in read_po(po_path):
        key = entry["msgid"]
        if entry["msgctxt"] is not None:
            key = f"{entry['msgctxt']}\x04{key}"
        if entry["msgid_plural"] is not None:
            for index, text in entry["msgstr"].items():
                assert catalog.get((key, index)) == text, f"{key!r}[{index}] out of date in .mo"
        else:
            assert catalog.get(key) == entry["msgstr"][0], f"{key!r} out of date in .mo"


PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w+\}")


@pytest.mark.parametrize("po_path", po_files(), ids=lambda p: "/".join(p.parts[-3:]))
def test_translations_keep_the_placeholders_of_the_italian_text(po_path):
    """A lost or renamed %(name)s would break the page at render time, not at compile time.

    A message keeps exactly its placeholders. A plural form may only use the placeholders of
    the Italian singular or plural: languages with more forms (Arabic, Ukrainian) put the
    number in forms that Italian does not have, and may leave it out of a dual or a one.
    """
    for entry in read_po(po_path):
        if not entry["flags"] & {"python-format", "python-brace-format"}:
            continue
        if not entry["msgid_plural"]:
            expected = sorted(PLACEHOLDER.findall(entry["msgid"]))
            assert sorted(PLACEHOLDER.findall(entry["msgstr"][0])) == expected, entry["msgid"]
            continue
        known = set(PLACEHOLDER.findall(entry["msgid"] + entry["msgid_plural"]))
        for text in entry["msgstr"].values():
            assert set(PLACEHOLDER.findall(text)) <= known, entry["msgid"]
        plural_text = entry["msgstr"].get(len(entry["msgstr"]) - 1, "")
        assert set(PLACEHOLDER.findall(plural_text)) == set(
            PLACEHOLDER.findall(entry["msgid_plural"])
        ), entry["msgid"]
