"""Template tags for the languages around a page: switcher, hreflang links, notices."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Page

from catalogue.content_cache import until_next_publication
from home import translations

register = template.Library()


def _kept_per_page(name, page, request, compute):
    """`compute()` kept until the next publication, for this page, language and host.

    A page's translations change only when one is published, unpublished or moved (each
    bumps the generation). Not kept: previews (a draft's page) and addresses with a query
    string (a link may then repeat it, and each query string would be a key of its own).
    """
    if not isinstance(page, Page) or not page.pk or getattr(request, "is_preview", False):
        return compute()
    if request.GET:
        return compute()
    key = (
        f"{name}:{page.pk}:{translation.get_language()}:"
        f"{request.scheme}://{request.get_host()}{request.path}"
    )
    return until_next_publication(key, compute)


@register.inclusion_tag("components/language_switch.html", takes_context=True)
def language_switch(context):
    request = context.get("request")
    page = context.get("page")
    links = []
    if request is not None:
        links = _kept_per_page(
            "language-links", page, request, lambda: translations.language_links(page, request)
        )
    current = next((link for link in links if link["current"]), None)
    return {"languages": links, "current": current}


@register.inclusion_tag("components/hreflang_links.html", takes_context=True)
def hreflang_links(context):
    page, request = context.get("page"), context.get("request")
    if page is None or request is None:
        return {"alternates": []}
    alternates = _kept_per_page(
        "alternate-links", page, request, lambda: translations.alternate_links(page, request)
    )
    return {"alternates": alternates}


@register.inclusion_tag("components/translation_notice.html", takes_context=True)
def translation_notice(context):
    """What a visitor should know about the language of what they read.

    - the page has no translation in their language: the Italian page, said so;
    - the translation was produced by machine and nobody checked it: said so, with a link
      to the Italian original;
    - (no page) the interface itself is machine-translated and unreviewed.
    """
    page, request = context.get("page"), context.get("request")
    language = translation.get_language()
    notice = {"kind": None}
    if page is not None and request is not None:
        if translations.is_fallback(page, language):
            notice = {"kind": "fallback"}
        elif not translations.page_is_reviewed(page):
            source = translations.live_translations(page).get(settings.LANGUAGE_CODE)
            notice = {
                "kind": "machine",
                "original_url": source.get_url(request) if source else None,
            }
    if notice["kind"] is None and not translations.interface_is_reviewed(language):
        notice = {"kind": "interface"}
    return notice


@register.simple_tag(takes_context=True)
def content_language_attrs(context):
    """` lang=".." dir=".."` for the wrapper of the page's content: the page's own language,
    which is Italian where a page stands in for a missing translation."""
    page = context.get("page")
    code = translations.page_language(page) if page is not None else translation.get_language()
    return format_html(' lang="{}" dir="{}"', code, translations.language_direction(code))


@register.simple_tag
def row_language_attrs(row, field):
    """` lang="it" dir="ltr"` on a row's text (a service's step, document, cost option,
    contact; a Social Point's closure) that a translated page still carries in Italian
    because nobody translated it yet (`catalogue.localization.mark_untranslated`): it is
    never read out as another language. A translated row takes the page's language."""
    if field not in getattr(row, "untranslated", ()):
        return ""
    source = settings.LANGUAGE_CODE
    return format_html(' lang="{}" dir="{}"', source, translations.language_direction(source))


@register.simple_tag
def text_language_attrs(obj):
    """` lang=".." dir=".."` on the text of an object shown in a listing of another language
    (an Italian service, not translated, in the Arabic catalogue: `text_language` set by
    catalogue.discovery); nothing for an object in the page's language."""
    code = getattr(obj, "text_language", None)
    if not code:
        return ""
    return format_html(' lang="{}" dir="{}"', code, translations.language_direction(code))


@register.simple_tag
def row_text(row, field):
    """A row's text, inside `<span lang="it" dir="ltr">` when it is still the Italian one on
    a translated page (see row_language_attrs), as it is otherwise."""
    text = getattr(row, field)
    attrs = row_language_attrs(row, field)
    return format_html("<span{}>{}</span>", attrs, text) if attrs else text
