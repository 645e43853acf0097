"""`manage.py expire_allocations`: close the allocations past their date and give what is
left on them back to their fund. Run it daily (cron or a systemd timer; `make cluster`'s
worker supervisors run it at start and at every change of date). Running it twice changes
nothing; and nothing depends on it having run: an allocation past its date is refused and
shown as expired from the next day on."""

from django.core.management.base import BaseCommand

from funding.services import expire_allocations


class Command(BaseCommand):
    help = "Expire the allocations past their date; what is left on them goes back to the fund."

    def handle(self, *args, **options):
        closed = expire_allocations()
        self.stdout.write(f"{closed} allocation(s) expired.")
