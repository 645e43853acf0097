"""Delete the Idempotency-Key records whose time is up (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from intake.api.idempotency import purge_expired


class Command(BaseCommand):
    help = "Delete expired Idempotency-Key records of the intake API."

    def handle(self, *args, **options):
        deleted = purge_expired()
        self.stdout.write(f"{deleted} expired idempotency keys deleted.")
