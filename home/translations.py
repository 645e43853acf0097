"""The languages around a page: what language its content is in, its translations, the way
to each language, and who wrote each translation.

A language without a translation of a page still has an address for it (`/ar/servizi/...`):
HomePage.route serves the Italian page there, with the interface in the visitor's language,
and the templates mark the content as Italian (`lang="it" dir="ltr"`).
"""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from catalogue.content_cache import until_next_publication
from catalogue.localization import address_in
from home.models import TranslationOrigin, TranslationReview


def language_direction(language_code):
    return "rtl" if language_code in settings.RTL_LANGUAGES else "ltr"


def page_language(page):
    """The language code of `page`'s locale, without a query per page once known (a locale
    saved bumps the generation of kept reads, so the kept code never outlives a change)."""
    if "locale" in page._state.fields_cache:
        return page.locale.language_code
    return until_next_publication(
        f"locale-code:{page.locale_id}", lambda: page.locale.language_code
    )


def content_language(page):
    """The language `page`'s text is written in (its locale), with its direction."""
    code = page_language(page)
    return {"code": code, "dir": language_direction(code)}


def is_fallback(page, language_code=None):
    """The page shown is not in the visitor's language: the Italian page stands in for it."""
    return page_language(page) != (language_code or translation.get_language())


def live_translations(page):
    """Every live version of `page` (its own locale included), by language code.

    Read once per page object (the language menu and the hreflang links both ask)."""
    kept = page.__dict__.get("_live_translations")
    if kept is None:
        pages = Page.objects.filter(translation_key=page.translation_key, live=True)
        kept = {p.locale.language_code: p for p in pages.select_related("locale")}
        page.__dict__["_live_translations"] = kept
    return kept


def language_links(page, request):
    """One link per language of the portal: to `page` in that language, or to the address
    where that language's visitor sees the Italian page (with the interface translated).

    Without a page (a form, the login), each link is the same address in that language.
    """
    current = translation.get_language()
    translations = live_translations(page) if page is not None else {}
    source = translations.get(settings.LANGUAGE_CODE)
    links = []
    for code, _name in settings.LANGUAGES:
        name = (
            settings.LANGUAGE_NAMES_LOCAL.get(code)
            or translation.get_language_info(code)["name_local"]
        )
        if code in translations:
            url, translated = translations[code].get_url(request), True
        elif source is not None:
            url, translated = address_in(source.get_url(request), code), False
        else:
            url, translated = translate_url(request.get_full_path(), code), page is None
        links.append(
            {
                "code": code,
                "name": name[:1].upper() + name[1:],
                "url": url,
                "translated": translated,
                "current": code == current,
                "dir": language_direction(code),
            }
        )
    return links


def alternate_links(page, request):
    """`<link rel="alternate" hreflang>` targets: each live translation, and x-default
    (the Italian page). A stand-in Italian page at a foreign address is not a translation."""
    translations = live_translations(page)
    links = [
        {"hreflang": code, "url": translations[code].get_full_url(request)}
        for code, _name in settings.LANGUAGES
        if code in translations
    ]
    source = translations.get(settings.LANGUAGE_CODE)
    if source is not None and len(links) > 1:
        links.append({"hreflang": "x-default", "url": source.get_full_url(request)})
    return links if len(links) > 1 else []


def review_of(page):
    """The recorded origin of a translated page (None for the source page or if unknown)."""
    if page_language(page) == settings.LANGUAGE_CODE:
        return None
    return TranslationReview.objects.filter(page=page).first()


def page_is_reviewed(page):
    """A translated page counts as reviewed only when an editor said a person wrote or
    checked it; the source page is the original."""
    if page_language(page) == settings.LANGUAGE_CODE:
        return True
    review = review_of(page)
    return review is not None and review.is_reviewed


def interface_is_reviewed(language_code):
    """The UI catalogue of `language_code` was written or checked by a person."""
    if language_code == settings.LANGUAGE_CODE:
        return True
    return TranslationReview.objects.filter(
        locale__language_code=language_code, page=None, origin=TranslationOrigin.HUMAN
    ).exists()


def record_origin(page, origin):
    """Record who wrote `page`'s translation (the demo loader and editors' tools call it)."""
    review, _ = TranslationReview.objects.get_or_create(
        page=page, defaults={"locale": page.locale, "origin": origin}
    )
    return review


def source_locale():
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)
