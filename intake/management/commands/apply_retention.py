"""Apply the retention rules (README «Conservazione dei dati»); run it daily."""

from django.core.management.base import BaseCommand

from intake.services.retention import apply_retention


class Command(BaseCommand):
    help = "Delete or anonymise personal data past its retention limit (idempotent)."

    def handle(self, *args, **options):
        for step, count in apply_retention().items():
            self.stdout.write(f"{step}: {count}")
