"""Retention: what the portal deletes or anonymises, and when (the table in README.md).

`apply_retention()` is run daily by `manage.py apply_retention` (cron or a scheduler). Each
step selects only what is past its limit and not yet done, so a second run changes nothing.
"""

from datetime import datetime, timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from intake.models import (
    AccessRecord,
    CitizenProfile,
    Notification,
    NotificationStatus,
    RequestStatus,
    ServiceRequest,
)
from intake.services.privacy import anonymise_requests

CLOSED_STATUSES = [RequestStatus.COMPLETED, RequestStatus.REJECTED, RequestStatus.WITHDRAWN]


def _years_ago(now: datetime, years: int) -> datetime:
    return now - timedelta(days=365 * years + years // 4)


def delete_unactivated_registrations(now: datetime) -> int:
    """Accounts never activated (no login, inactive) after RETENTION_UNACTIVATED_DAYS, unless
    a request was filed for them at a Social Point (then they stay with the request)."""
    limit = now - timedelta(days=settings.RETENTION_UNACTIVATED_DAYS)
    profiles = CitizenProfile.objects.filter(
        created_at__lt=limit,
        erased_at__isnull=True,
        user__is_active=False,
        user__last_login__isnull=True,
        requests__isnull=True,
    )
    user_ids = list(profiles.values_list("user_id", flat=True))
    get_user_model().objects.filter(pk__in=user_ids).delete()
    return len(user_ids)


def clear_email_bodies(now: datetime) -> int:
    """Bodies of emails sent (or given up) more than RETENTION_EMAIL_BODY_DAYS ago."""
    limit = now - timedelta(days=settings.RETENTION_EMAIL_BODY_DAYS)
    return (
        Notification.objects.filter(created_at__lt=limit)
        .exclude(status=NotificationStatus.PENDING)
        .exclude(body="")
        .update(body="")
    )


def delete_login_attempts(now: datetime) -> int:
    """django-axes' records of logins older than RETENTION_LOGIN_ATTEMPT_DAYS."""
    limit = now - timedelta(days=settings.RETENTION_LOGIN_ATTEMPT_DAYS)
    count = 0
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        deleted, _ = model.objects.filter(attempt_time__lt=limit).delete()
        count += deleted
    return count


def anonymise_closed_requests(now: datetime) -> int:
    """Requests closed more than RETENTION_CLOSED_REQUEST_YEARS ago, anonymised as an
    erasure anonymises them."""
    limit = _years_ago(now, settings.RETENTION_CLOSED_REQUEST_YEARS)
    return anonymise_requests(
        ServiceRequest.objects.filter(status__in=CLOSED_STATUSES, closed_at__lt=limit)
    )


def delete_old_access_records(now: datetime) -> int:
    """Access records older than RETENTION_ACCESS_RECORD_YEARS, through `purge`: the one
    delete the append-only table (and its PostgreSQL trigger) lets through."""
    limit = _years_ago(now, settings.RETENTION_ACCESS_RECORD_YEARS)
    return AccessRecord.objects.filter(at__lt=limit).purge()


STEPS = {
    "unactivated_registrations": delete_unactivated_registrations,
    "email_bodies": clear_email_bodies,
    "login_attempts": delete_login_attempts,
    "closed_requests": anonymise_closed_requests,
    "access_records": delete_old_access_records,
}


def apply_retention(now: datetime | None = None) -> dict[str, int]:
    """Run every step; returns {step: how many rows it changed}."""
    now = now or timezone.now()
    results = {}
    for name, step in STEPS.items():
        with transaction.atomic():
            results[name] = step(now)
    return results
