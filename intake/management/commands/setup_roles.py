"""Create or complete the staff roles of the intake as Wagtail groups (safe to run again)."""

from django.core.management.base import BaseCommand

from intake.staff import ensure_roles


class Command(BaseCommand):
    help = (
        "Create or complete the groups «Operatori Social Point», «Ufficio di Piano», "
        "«Personale degli enti» and «Referenti aziendali» with their permissions (safe to run "
        "again)."
    )

    def handle(self, *args, **options):
        for name, group in ensure_roles().items():
            self.stdout.write(f"{name}: {group.permissions.count()} permissions")
