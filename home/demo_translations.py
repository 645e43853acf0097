"""Demo loader of the translations: the demo pages and taxonomies in the other languages.

Each translation goes through wagtail-localize (a TranslationSource of the Italian object, a
Translation per language, and one StringTranslation per translated string), so it is the
same kind of translation an editor makes in the admin and «Sincronizza» keeps it up to date.
The texts are in `catalogue/data/demo_translations/`, keyed by the Italian string; a string
without a translation stays in Italian (slugs, codes, addresses and phone numbers do).

They were produced by machine, so each translated page is recorded as not reviewed.
Idempotent: a translation that already exists is left alone.
"""

from django.conf import settings
from wagtail.models import Locale, Page
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from catalogue.data import demo_translations
from catalogue.models import Audience, Municipality, Need, ServicePage
from home.models import TranslationOrigin
from home.translations import record_origin

TOOL_NAME = "demo (traduzione automatica)"


def demo_objects(language_code):
    """What the demo translates into `language_code`, parents before children."""
    italian = {"locale__language_code": settings.LANGUAGE_CODE}
    snippets = [
        *Need.objects.filter(**italian).order_by("pk"),
        *Audience.objects.filter(**italian).order_by("pk"),
        *Municipality.objects.filter(**italian).order_by("pk"),
    ]
    pages = Page.objects.filter(depth__gt=1, **italian).order_by("path")
    if language_code not in demo_translations.EVERYTHING:
        wanted = set(demo_translations.SELECTED_PAGE_TYPES)
        top = ServicePage.objects.filter(slug__in=demo_translations.TOP_SERVICES, **italian)
        top_paths = list(top.values_list("path", flat=True))
        pages = [
            page
            for page in pages.select_related("content_type")
            if page.content_type.model in wanted
            or any(path.startswith(page.path) for path in top_paths)
        ]
        # Above a selected service sits its provider: translated too, or its text would
        # be Italian marked as another language.
    return snippets, [page.specific for page in pages]


def translate(obj, locale, strings, needed):
    """Create the translation of `obj` into `locale` from `strings`, or complete one made
    before the object had more to translate (its rows, once they became translatable);
    False if there was nothing to do, or if a string in `needed` (one with words to
    translate) has no text in `strings`: rather the Italian page with its notice than
    Italian text marked as another language."""
    source, created = TranslationSource.get_or_create_from_instance(obj)
    if not created and _source_lacks_rows(source, obj):
        source.update_from_db()
    translation = Translation.objects.filter(source=source, target_locale=locale).first()
    segments = list(StringSegment.objects.filter(source=source).select_related("string", "context"))
    if translation is not None:
        done = set(
            StringTranslation.objects.filter(
                translation_of__in=[s.string for s in segments], locale=locale
            ).values_list("translation_of_id", "context_id")
        )
        segments = [
            s
            for s in segments
            if (s.string_id, s.context_id) not in done and strings.get(s.string.data)
        ]
        if not segments:
            return False
    elif any(s.string.data in needed and s.string.data not in strings for s in segments):
        return False
    else:
        translation = Translation.objects.create(source=source, target_locale=locale)
    for segment in segments:
        text = strings.get(segment.string.data)
        if text:
            StringTranslation.objects.get_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                    "tool_name": TOOL_NAME,
                },
            )
    if isinstance(obj, Page):
        # Published here rather than on commit: a revision published later would carry the
        # page's tree bookkeeping as it was before its translated children were added.
        translation.save_target(publish=False)
        obj.get_translation(locale).get_latest_revision().publish()
    else:
        translation.save_target(publish=True)
    return True


def _source_lacks_rows(source, obj):
    """The stored source predates some of `obj`'s translatable rows (a service's steps,
    documents, costs, contacts became translatable after the demo was first loaded)."""
    paths = set(StringSegment.objects.filter(source=source).values_list("context__path", flat=True))
    for field in get_translatable_fields(type(obj)):
        relation = field.get_field(type(obj))
        if not (field.is_translated(obj) and relation.one_to_many):
            continue
        for row in getattr(obj, field.field_name).all():
            if not any(getattr(row, name) for name in _translated_fields(row)):
                continue  # nothing in it to translate (a free cost option without a note)
            prefix = f"{field.field_name}.{row.translation_key}."
            if not any(path.startswith(prefix) for path in paths):
                return True
    return False


def load_translations(stdout=None):
    """Translate the demo into every language that has texts in the data module."""
    texts = demo_translations.by_language()
    # What English translates is what has words in it; the rest (slugs, codes, addresses,
    # phone numbers, place names) stays as it is in every language.
    needed = set(texts.get("en", {}))
    for language_code, strings in texts.items():
        locale, _ = Locale.objects.get_or_create(language_code=language_code)
        snippets, pages = demo_objects(language_code)
        created = sum(translate(obj, locale, strings, needed) for obj in snippets)
        for page in pages:
            if translate(page, locale, strings, needed):
                created += 1
                record_origin(page.get_translation(locale), TranslationOrigin.MACHINE)
        if stdout is not None:
            stdout.write(f"Translations ({language_code}): {created} new")


def _translated_fields(row):
    return [
        field.field_name
        for field in get_translatable_fields(type(row))
        if field.is_translated(row) and not field.get_field(type(row)).is_relation
    ]
