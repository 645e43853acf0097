"""Stable HSDS identifiers, derived from data the catalogue already keeps.

The rule (documented in README.md):

- a page or a translatable snippet (Need, Audience, Municipality) in the default language
  has its Wagtail `translation_key` as id; its translation into another language has
  `uuid5(translation_key, language_code)`. The key survives page moves, renames and edits
  and needs no extra column;
- a row that belongs to one of them (a cost option, a contact, an opening slot, an
  address...) has `uuid5(owner_id, "kind/key")`, where the key is the row's own id or, for
  rows without one (a language, a service area), what makes it unique in its owner;
- the two taxonomies have `uuid5(NAMESPACE, "taxonomy/<slug>")`, localised like pages.
"""

import uuid

from django.conf import settings

# Fixed once for this project: changing it would change every derived id.
NAMESPACE = uuid.UUID("6f1d2c7e-3b8a-5d4e-9c1f-2a7b8e9d0c13")


def localised(base, language_code):
    """`base` in the default language, `uuid5(base, language_code)` in any other."""
    base = uuid.UUID(str(base))
    if language_code == settings.LANGUAGE_CODE:
        return str(base)
    return str(uuid.uuid5(base, language_code))


def object_id(obj):
    """The HSDS id of a page or translatable snippet (its locale must be loaded)."""
    return localised(obj.translation_key, obj.locale.language_code)


def child_id(owner_id, kind, key=""):
    """The HSDS id of a row that belongs to the record `owner_id`."""
    return str(uuid.uuid5(uuid.UUID(owner_id), f"{kind}/{key}"))


def taxonomy_id(slug, language_code):
    return localised(uuid.uuid5(NAMESPACE, f"taxonomy/{slug}"), language_code)


def find(queryset, hsds_id):
    """The object of `queryset` (pages or snippets of any locale) whose HSDS id is `hsds_id`.

    The default language is one indexed lookup; translations are few, so their ids are
    computed from (translation_key, language) pairs read in one query.
    """
    try:
        wanted = str(uuid.UUID(str(hsds_id)))
    except ValueError:
        return None
    found = queryset.filter(
        translation_key=wanted, locale__language_code=settings.LANGUAGE_CODE
    ).first()
    if found is not None:
        return found
    others = queryset.exclude(locale__language_code=settings.LANGUAGE_CODE).values_list(
        "pk", "translation_key", "locale__language_code"
    )
    for pk, key, language_code in others:
        if localised(key, language_code) == wanted:
            return queryset.get(pk=pk)
    return None
