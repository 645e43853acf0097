"""A Wagtail Locale for every language of the portal, and the origin of each UI language.

The interface catalogues of the second languages were produced by machine and nobody has
reviewed them yet, so each starts as «traduzione automatica non ancora rivista».
"""

from django.db import migrations

LANGUAGES = ["it", "en", "ar", "ro", "sq", "uk"]
SOURCE = "it"


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    TranslationReview = apps.get_model("home", "TranslationReview")
    for code in LANGUAGES:
        locale, _ = Locale.objects.get_or_create(language_code=code)
        if code != SOURCE:
            TranslationReview.objects.get_or_create(
                locale=locale, page=None, defaults={"origin": "machine"}
            )


def remove_ui_reviews(apps, schema_editor):
    apps.get_model("home", "TranslationReview").objects.filter(page=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_translation_review"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_locales, remove_ui_reviews)]
