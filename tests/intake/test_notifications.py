"""The outbox: a request survives a mail server that is down, and its email goes out later."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from intake.models import Notification, NotificationStatus, ServiceRequest
from intake.notifications import deliver_pending
from tests import factories as f

BROKEN_MAIL = "tests.intake.mail_backends.BrokenEmailBackend"


def test_mail_server_down_then_up(service, citizen, settings):
    settings.EMAIL_BACKEND = BROKEN_MAIL
    submitted = f.ServiceRequestFactory(citizen=citizen, service=service)

    assert deliver_pending() == 0
    assert ServiceRequest.objects.filter(pk=submitted.pk).exists()
    pending = Notification.objects.get(request=submitted)
    assert pending.status == NotificationStatus.PENDING
    assert pending.attempts == 1 and "ConnectionRefusedError" in pending.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliver_pending() == 0  # not due yet: the retry waits
    assert deliver_pending(now=timezone.now() + timedelta(minutes=2)) == 1
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    pending.refresh_from_db()
    assert pending.status == NotificationStatus.SENT


def test_the_worker_sends_queued_emails(service, citizen):
    submitted = f.ServiceRequestFactory(citizen=citizen, service=service)

    call_command("db_worker", "--backend", "outbox", "--batch", "--no-startup-delay")

    assert len(mail.outbox) == 1 and submitted.reference in mail.outbox[0].subject
    assert Notification.objects.get().status == NotificationStatus.SENT
