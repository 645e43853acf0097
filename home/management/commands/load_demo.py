"""Build the demo district: idempotent, so running it twice leaves the same content."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from catalogue.demo import create_demo_editors, load_catalogue
from funding.demo import load_funding
from funding.demo_welfare import demo_hr_contacts, load_welfare
from home.demo import load_home, load_legal_pages
from home.demo_translations import load_translations
from intake.demo import create_demo_staff, load_intake

DEMO_ADMIN = ("admin", "admin@example.org", "rete-welfare-demo")


class Command(BaseCommand):
    help = "Load the demo content of the Ambito di Tradate (safe to run again)."

    def handle(self, *args, **options):
        with transaction.atomic():
            home = load_home()
            self.stdout.write(f"Home page: {home.title}")
            legal = load_legal_pages(home)
            self.stdout.write(f"Legal pages: {len(legal)}")
            for loader in demo_loaders():
                loader(stdout=self.stdout)
        if settings.DEBUG:
            self.create_demo_admin()

    def create_demo_admin(self):
        username, email, password = DEMO_ADMIN
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": email}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(f"Demo administrator: {username} / {password} (DEBUG only)")
        )

        for editor, group in create_demo_editors(password):
            self.stdout.write(
                self.style.SUCCESS(f"Demo editor ({group}): {editor} / {password} (DEBUG only)")
            )

        for username, role in [*create_demo_staff(password), *demo_hr_contacts(password)]:
            self.stdout.write(
                self.style.SUCCESS(f"Demo user ({role}): {username} / {password} (DEBUG only)")
            )
        if settings.STAFF_2FA_REQUIRED:
            self.stdout.write(
                "Staff log in with a password and a code of an authenticator app: the first "
                "login at /admin/ shows the QR code to scan (STAFF_2FA_REQUIRED is on)."
            )
        else:
            self.stdout.write(
                "The second factor for staff is off here (STAFF_2FA_REQUIRED=false, the "
                "development default): staff log in with the password alone; production asks "
                "for a code of an authenticator app."
            )


def demo_loaders():
    """Loaders of the other apps, in the order their content depends on each other."""
    return [load_catalogue, load_translations, load_intake, load_funding, load_welfare]
