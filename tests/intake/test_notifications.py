"""The outbox: a request survives a mail server that is down, and its email goes out later."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from intake.models import Notification, NotificationStatus, ServiceRequest
from intake.notifications import deliver_pending
from tests import factories as f
from tests.outbox import run_ready_tasks

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


def test_the_worker_sends_queued_emails_and_requeues_a_failure(service, citizen, settings):
    from django_tasks_db.models import DBTaskResult

    settings.EMAIL_BACKEND = BROKEN_MAIL
    submitted = f.ServiceRequestFactory(citizen=citizen, service=service)
    assert DBTaskResult.objects.ready().count() == 1  # enqueued with the request

    run_ready_tasks()
    retry = DBTaskResult.objects.exclude(status="SUCCESSFUL").get()
    assert retry.run_after > timezone.now()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_ready_tasks()
    assert len(mail.outbox) == 1 and submitted.reference in mail.outbox[0].subject
    assert Notification.objects.get().status == NotificationStatus.SENT


def test_a_delivery_lost_with_a_killed_worker_is_enqueued_again_and_sent_once(
    service, citizen, settings
):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    submitted = f.ServiceRequestFactory(citizen=citizen, service=service)
    # A worker claimed the delivery and was killed: the task stays "running" for ever.
    DBTaskResult.objects.update(status="RUNNING", started_at=timezone.now())

    call_command("requeue_notifications")
    call_command("requeue_notifications")  # twice: still one email
    run_ready_tasks()
    assert len(mail.outbox) == 1 and submitted.reference in mail.outbox[0].subject
    assert Notification.objects.get().status == NotificationStatus.SENT
