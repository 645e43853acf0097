"""Enqueue the delivery of every pending, due email again (after a worker was killed)."""

from django.core.management.base import BaseCommand

from intake.notifications import requeue_pending


class Command(BaseCommand):
    help = "Enqueue delivery again for pending emails that are due (safe to repeat)."

    def handle(self, *args, **options):
        self.stdout.write(f"{requeue_pending()} pending emails enqueued again.")
