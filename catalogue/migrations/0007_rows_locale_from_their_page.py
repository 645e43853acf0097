"""Each existing row takes the locale of its page and a translation key of its own; a row of a
translated page takes the key of the row in the same place on its source page (same count of
rows), so that the next synchronisation updates it instead of replacing it."""

import uuid

from django.conf import settings
from django.db import migrations

ROWS = [
    ("catalogue", "ServiceAccessStep"),
    ("catalogue", "ServiceAttachment"),
    ("catalogue", "ServiceContact"),
    ("catalogue", "ServiceCostOption"),
    ("catalogue", "ServiceRequiredDocument"),
    ("catalogue", "SocialPointClosure"),
]


def rows_by_page(model):
    grouped = {}
    for row in model.objects.order_by("page_id", "sort_order", "pk"):
        grouped.setdefault(row.page_id, []).append(row)
    return grouped


def backfill(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    source_locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    for app_label, name in ROWS:
        model = apps.get_model(app_label, name)
        grouped = rows_by_page(model)
        pages = {
            page["id"]: page
            for page in Page.objects.filter(pk__in=grouped).values(
                "id", "locale_id", "translation_key"
            )
        }
        sources = {
            page["translation_key"]: page["id"]
            for page in Page.objects.filter(
                translation_key__in=[page["translation_key"] for page in pages.values()],
                locale=source_locale,
            ).values("id", "translation_key")
        }
        keys = {}
        for page_id, rows in grouped.items():
            for row in rows:
                row.locale_id = pages[page_id]["locale_id"]
                row.translation_key = uuid.uuid4()
                keys[row.pk] = row.translation_key
        for page_id, rows in grouped.items():
            source_id = sources.get(pages[page_id]["translation_key"])
            source_rows = grouped.get(source_id, [])
            if source_id in (None, page_id) or len(source_rows) != len(rows):
                continue
            for row, source_row in zip(rows, source_rows, strict=True):
                row.translation_key = keys[source_row.pk]
        everything = [row for rows in grouped.values() for row in rows]
        model.objects.bulk_update(everything, ["locale", "translation_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0006_rows_translatable_fields")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
