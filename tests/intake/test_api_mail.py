"""With the mail server down, an app's submission still succeeds; the email goes out later."""

from datetime import timedelta

from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from intake.models import Notification, NotificationStatus, ServiceRequest
from intake.notifications import deliver_pending
from tests.intake.api_helpers import REQUESTS, client_for, request_url
from tests.outbox import run_ready_tasks

BROKEN_MAIL = "tests.intake.mail_backends.BrokenEmailBackend"
WORKING_MAIL = "django.core.mail.backends.locmem.EmailBackend"


def test_mail_server_down_then_up(citizen, service, settings):
    cache.clear()
    settings.EMAIL_BACKEND = BROKEN_MAIL
    app = client_for(citizen.user)

    response = app.post(
        REQUESTS, {"service": service.pk, "description": "Aiuto a casa."}, format="json"
    )

    assert response.status_code == 201, response.json()
    reference = response.json()["reference"]
    assert ServiceRequest.objects.filter(reference=reference).exists()
    # The worker tries while the server is down: nothing is lost, the email waits.
    run_ready_tasks()
    notification = Notification.objects.get(request__reference=reference)
    assert notification.status == NotificationStatus.PENDING
    assert "mail server down" in notification.last_error
    assert mail.outbox == []
    assert app.get(request_url(reference)).json()["status"] == "submitted"

    settings.EMAIL_BACKEND = WORKING_MAIL
    assert deliver_pending(now=timezone.now() + timedelta(minutes=2)) == 1

    (email,) = mail.outbox
    assert email.to == [citizen.email]
    assert reference in email.subject
    assert reference in email.body
    assert "http://testserver/" in email.body
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
