"""`manage.py export_hsds PATH`: the live catalogue as an HSDS 3.0 tabular data package."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from catalogue.hsds.tabular import write_package


class Command(BaseCommand):
    help = (
        "Scrive il catalogo pubblicato come pacchetto di dati tabellare Open Referral HSDS 3.0 "
        "(datapackage.json e un CSV per tabella) nella cartella PATH."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Cartella in cui scrivere il pacchetto (viene creata).")
        parser.add_argument(
            "--locale",
            default=settings.LANGUAGE_CODE,
            help="Lingua dei contenuti da esportare (predefinita: %(default)s).",
        )

    def handle(self, *args, path, locale, **options):
        found = Locale.objects.filter(language_code=locale).first()
        if found is None:
            codes = ", ".join(Locale.objects.values_list("language_code", flat=True))
            raise CommandError(f"Lingua «{locale}» non presente. Lingue disponibili: {codes}.")
        try:
            counts = write_package(path, found)
        except OSError as exc:
            raise CommandError(f"Non riesco a scrivere in «{path}»: {exc.strerror}.") from exc
        self.stdout.write(
            f"Pacchetto HSDS scritto in {path}: {len(counts)} tabelle, "
            f"{counts['service']} servizi, {counts['organization']} enti, "
            f"{counts['location']} luoghi, {sum(counts.values())} righe in tutto."
        )
