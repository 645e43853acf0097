"""`manage.py check_ledger`: exits non-zero when the ledger does not add up."""

from django.core.management.base import BaseCommand, CommandError

from funding.checks import ledger_problems
from funding.models import Account, Transaction


class Command(BaseCommand):
    help = (
        "Checks that every ledger transaction sums to zero and every balance equals its "
        "postings; exits with an error on any mismatch."
    )

    def handle(self, *args, **options):
        problems = ledger_problems()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} mismatch(es) in the ledger")
        self.stdout.write(
            f"Ledger sound: {Transaction.objects.count()} transactions, "
            f"{Account.objects.count()} accounts, every balance equals its postings."
        )
