"""Related objects in the language of the page that shows them.

A translated page keeps the relations of its Italian source (wagtail-localize synchronises
many-to-many fields and links to the Italian needs, Social Points, services). Where a page
shows them, each is swapped for its translation in the page's own language, if there is one,
so an English page lists English needs; an Italian page standing in for a missing
translation keeps Italian ones (its content is marked lang="it").
"""

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
