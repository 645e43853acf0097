"""The email outbox: notifications are rows written in the transaction that caused them.

`queue_email` inserts a Notification and enqueues its delivery on the "outbox" task
backend (django-tasks-db: the enqueue is one more insert in the same transaction), so a
request is never lost because mail failed, and an email is never sent for a request that
was rolled back. The worker (`manage.py db_worker --backend outbox`) runs `deliver`; when
the mail server fails, the task records the error and enqueues itself again later.
`queue_emails` writes many at once (an employer's invitations): the rows in bulk and one
`deliver_batch` task per `BATCH_SIZE` of them, so the writing does not grow with the count.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation

try:  # Django 6 ships the tasks framework; on 5.2 it is the django-tasks backport.
    from django.tasks import task
except ImportError:  # pragma: no cover - depends on the Django version
    from django_tasks import task

from intake.models import Notification, NotificationStatus

logger = logging.getLogger(__name__)

OUTBOX_BACKEND = "outbox"
# Minutes to wait before each new attempt; after the last one the email is marked failed.
RETRY_DELAYS_MINUTES = [1, 5, 15, 60, 240, 720]
# Emails one `deliver_batch` task sends: several workers share a large batch, and a worker
# killed in the middle leaves at most this many for `requeue_pending`.
BATCH_SIZE = 500


def render_email(template, context, language=None):
    """Subject and body of an email from `templates/intake/email/<template>.txt`.

    The first line of the rendered text is the subject, the rest the body. Plain text is
    not HTML-escaped: a note «dell'Ambito» reads so, not «dell&#x27;Ambito».
    """
    with translation.override(language or settings.LANGUAGE_CODE):
        compiled = get_template(f"intake/email/{template}.txt").template
        text = compiled.render(Context(context, autoescape=False))
    subject, _, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def _outbox_row(*, to, template, context, language=None, request=None):
    """The unsaved Notification of one email, rendered in its reader's language."""
    subject, body = render_email(
        template, {**context, "site_url": settings.WAGTAILADMIN_BASE_URL}, language
    )
    return Notification(to_email=to, subject=subject[:200], body=body, request=request)


def _enqueue_in_batches(ids):
    for start in range(0, len(ids), BATCH_SIZE):
        deliver_batch.enqueue(ids[start : start + BATCH_SIZE])


def queue_email(*, to, template, context, language=None, request=None):
    """Write an email to the outbox and enqueue its delivery, in the caller's transaction."""
    if not to:
        return None
    notification = _outbox_row(
        to=to, template=template, context=context, language=language, request=request
    )
    notification.save()
    deliver.enqueue(notification.pk)
    return notification


def queue_emails(emails):
    """Write many emails to the outbox in bulk and enqueue their delivery in batches, in the
    caller's transaction; `emails` are dicts of `queue_email`'s arguments (no request)."""
    notifications = Notification.objects.bulk_create(
        [_outbox_row(**email) for email in emails if email["to"]]
    )
    _enqueue_in_batches([notification.pk for notification in notifications])
    return notifications


def send_notification(notification, now=None):
    """Try to send one pending notification; True if it went out.

    On failure the attempt and the error are recorded and the next attempt is scheduled
    (or the notification is marked failed once the retries are used up).
    """
    now = now or timezone.now()
    try:
        EmailMessage(
            subject=notification.subject,
            body=notification.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notification.to_email],
        ).send()
    except Exception as error:  # any transport failure: keep the row, try again later
        notification.attempts += 1
        notification.last_error = f"{type(error).__name__}: {error}"[:500]
        if notification.attempts > len(RETRY_DELAYS_MINUTES):
            notification.status = NotificationStatus.FAILED
            notification.next_attempt_at = None
        else:
            delay = RETRY_DELAYS_MINUTES[notification.attempts - 1]
            notification.next_attempt_at = now + timedelta(minutes=delay)
        notification.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        logger.warning(
            "notification %s not sent (attempt %s): %s",
            notification.pk,
            notification.attempts,
            type(error).__name__,
        )
        return False
    notification.attempts += 1
    notification.status = NotificationStatus.SENT
    notification.sent_at = now
    notification.last_error = ""
    notification.next_attempt_at = None
    notification.save(
        update_fields=["attempts", "status", "sent_at", "last_error", "next_attempt_at"]
    )
    return True


def _attempt(notification_id):
    """Lock a pending notification and try to send it, in the caller's transaction: "sent",
    "retry" (still pending, with its next attempt's time) or "gone" (sent, failed or
    deleted already: an extra task never sends an email twice)."""
    notification = (
        Notification.objects.select_for_update()
        .filter(pk=notification_id, status=NotificationStatus.PENDING)
        .first()
    )
    if notification is None:
        return "gone", None
    if send_notification(notification):
        return "sent", notification
    if notification.status == NotificationStatus.PENDING:
        return "retry", notification
    return "gone", notification


@task(backend=OUTBOX_BACKEND)
def deliver(notification_id):
    """The worker's job: send one notification, and enqueue a retry if the mail failed."""
    with transaction.atomic():
        outcome, notification = _attempt(notification_id)
        if outcome == "retry":
            deliver.using(run_after=notification.next_attempt_at).enqueue(notification.pk)
    return outcome


@task(backend=OUTBOX_BACKEND)
def deliver_batch(notification_ids):
    """The worker's job for emails queued together: each is sent as `deliver` sends one,
    in its own transaction; those that failed are enqueued again together, one task per
    number of attempts made, when the last of them is due (a worker killed before that
    leaves them pending and due: `requeue_pending` finds them)."""
    outcomes = {"sent": 0, "retry": 0, "gone": 0}
    retries = {}
    for notification_id in notification_ids:
        with transaction.atomic():
            outcome, notification = _attempt(notification_id)
        outcomes[outcome] += 1
        if outcome == "retry":
            ids, due = retries.get(notification.attempts, ([], notification.next_attempt_at))
            ids.append(notification.pk)
            retries[notification.attempts] = (ids, max(due, notification.next_attempt_at))
    for ids, due in retries.values():
        deliver_batch.using(run_after=due).enqueue(ids)
    return outcomes


def requeue_pending(now=None):
    """Enqueue the delivery again, in batches, of every pending notification that is due;
    returns how many.

    For a worker killed while it held a delivery (its task stays "running" in the queue and
    nobody runs it again): run when a worker starts and from a timer. Always safe to repeat:
    a delivery locks the row and skips a notification already sent, so an extra task never
    sends an email twice.
    """
    now = now or timezone.now()
    due = Notification.objects.filter(status=NotificationStatus.PENDING).exclude(
        next_attempt_at__gt=now
    )
    ids = list(due.values_list("pk", flat=True))
    _enqueue_in_batches(ids)
    return len(ids)


def deliver_pending(now=None):
    """Send every notification that is due now, as the worker would; returns how many went.

    For tests, `manage.py` sessions and a cron fallback: the rows, not the task queue, are
    the source of truth.
    """
    now = now or timezone.now()
    sent = 0
    due = Notification.objects.filter(status=NotificationStatus.PENDING).exclude(
        next_attempt_at__gt=now
    )
    for notification in due.order_by("created_at", "pk"):
        sent += send_notification(notification, now=now)
    return sent
