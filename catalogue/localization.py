"""Related objects in the language of the page that shows them.

A translated page keeps the relations of its Italian source (wagtail-localize synchronises
many-to-many fields and links to the Italian needs, Social Points, services). Where a page
shows them, each is swapped for its translation in the page's own language, if there is one,
so an English page lists English needs; an Italian page standing in for a missing
translation keeps Italian ones (its content is marked lang="it").
"""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page


def in_language(objects, locale):
    """`objects` (translatable, one model) with each replaced by its translation into
    `locale` where one exists (and, for pages, is live): one query per call."""
    objects = list(objects)
    foreign = [obj for obj in objects if obj.locale_id != locale.pk]
    if not foreign:
        return objects
    model = type(foreign[0])
    translations = model.objects.filter(
        translation_key__in=[obj.translation_key for obj in foreign], locale=locale
    )
    if issubclass(model, Page):
        translations = translations.live()
    by_key = {obj.translation_key: obj for obj in translations}
    swapped = []
    for obj in objects:
        translated = by_key.get(obj.translation_key, obj) if obj.locale_id != locale.pk else obj
        for name in getattr(obj, "carried_attributes", ()):
            setattr(translated, name, getattr(obj, name))
        swapped.append(translated)
    return swapped


def mark_untranslated(rows, locale):
    """Note on each row of a translated page which of its translatable fields are still the
    source's (`row.untranslated`, a set of names): wagtail-localize copies a row's text the
    translator has not translated yet as it is, and that text must stay marked as Italian.
    One query per call; none for rows in the source language."""
    rows = list(rows)
    for row in rows:
        row.untranslated = set()
    if not rows or locale.language_code == settings.LANGUAGE_CODE:
        return rows
    model = type(rows[0])
    fields = [
        field.field_name for field in model.translatable_fields if field.is_translated(rows[0])
    ]
    originals = {
        original.translation_key: original
        for original in model.objects.filter(
            translation_key__in=[row.translation_key for row in rows],
            locale__language_code=settings.LANGUAGE_CODE,
        )
    }
    for row in rows:
        original = originals.get(row.translation_key)
        if original is not None:
            row.untranslated = {
                name
                for name in fields
                if getattr(row, name) and getattr(row, name) == getattr(original, name)
            }
    return rows


def address_in(url, language_code):
    """The address of the page at `url` (an Italian page's) for a visitor reading
    `language_code`: `/ar/servizi/...` serves the Italian page with the interface in Arabic
    and a notice (home.HomePage.route). Resolved as an Italian address whatever language is
    active, since only Italian addresses have no prefix."""
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(url, language_code)
