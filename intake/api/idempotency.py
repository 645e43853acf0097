"""Idempotency-Key on POST, after draft-ietf-httpapi-idempotency-key-header.

A client that may retry a POST (a phone losing its connection after sending) puts a
unique key in the `Idempotency-Key` header. Then:

- same key, same body: the first request runs once; a retry after it finished gets the
  same status and body again (with `Idempotent-Replayed: true`);
- a retry while the first is still running: 409, with `Retry-After`;
- same key, different body (or another endpoint): 422;
- no key: the request runs as usual.

Only successful (2xx) answers are kept: a request refused for invalid input frees its
key, so that the client may correct the body and send it again with the same key. Keys
are kept for `INTAKE_IDEMPOTENCY_KEY_TTL` seconds, then may be used again. The row in
`IdempotencyRecord` (unique per caller and key) is the guarantee, not a cache.
"""

import datetime
import json
from contextlib import nullcontext

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from intake.models import IdempotencyRecord, owner_of_user

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
REPLAYED_HEADER = "Idempotent-Replayed"
KEPT_HEADERS = ("Location",)


class KeyInUse(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _(
        "Una richiesta con questa Idempotency-Key è ancora in elaborazione: "
        "riprova tra qualche secondo."
    )
    default_code = "idempotency_key_in_use"
    wait = 1  # seconds, sent as Retry-After


class KeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _(
        "Questa Idempotency-Key è già stata usata per una richiesta diversa: "
        "usa una chiave nuova per ogni nuova richiesta."
    )
    default_code = "idempotency_key_reused"


def ttl():
    return datetime.timedelta(seconds=getattr(settings, "INTAKE_IDEMPOTENCY_KEY_TTL", 86400))


def lease():
    return datetime.timedelta(seconds=getattr(settings, "INTAKE_IDEMPOTENCY_LEASE", 60))


def parse_key(request):
    """The key in the header (a structured-field string, quotes optional), or None."""
    raw = request.headers.get(HEADER)
    if raw is None:
        return None
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if not value or len(value) > MAX_KEY_LENGTH or not value.isprintable() or not value.isascii():
        raise ParseError(
            _(
                "L'intestazione Idempotency-Key deve essere una stringa di 1-%(max)d "
                "caratteri ASCII stampabili, per esempio un UUID."
            )
            % {"max": MAX_KEY_LENGTH}
        )
    return value


def owner_of(request):
    user = request.user
    return owner_of_user(user) if user.is_authenticated else "anonymous"


def fingerprint_of(request):
    """A keyed hash of method, path and body (parsed, so key order does not matter)."""
    data = request.data
    if hasattr(data, "lists"):
        data = {key: values for key, values in data.lists()}
    body = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    message = f"{request.method} {request.path}\n{body}"
    return salted_hmac("intake.api.idempotency", message, algorithm="sha256").hexdigest()


def claim(*, owner, key, operation, fingerprint):
    """Insert the key's row, or find the one already there. Returns (record, claimed).

    The insert commits at once (autocommit: one statement, one round trip), so that a
    concurrent request with the same key sees it (PostgreSQL makes a racing insert wait for
    it, then fail). Inside a caller's transaction it runs in a savepoint instead.
    An expired row, or one whose holder crashed (lease over), is taken over atomically.
    """
    for _attempt in range(3):
        now = timezone.now()
        try:
            with transaction.atomic() if connection.in_atomic_block else nullcontext():
                record = IdempotencyRecord.objects.create(
                    owner=owner,
                    key=key,
                    operation=operation,
                    fingerprint=fingerprint,
                    locked_until=now + lease(),
                    expires_at=now + ttl(),
                )
            return record, True
        except IntegrityError:
            pass
        record = IdempotencyRecord.objects.filter(owner=owner, key=key).first()
        if record is None:  # released in the meantime: try inserting again
            continue
        abandoned = (
            record.state == IdempotencyRecord.State.IN_PROGRESS and record.locked_until <= now
        )
        if record.expires_at > now and not abandoned:
            return record, False
        taken = IdempotencyRecord.objects.filter(
            pk=record.pk, state=record.state, locked_until=record.locked_until
        ).update(
            operation=operation,
            fingerprint=fingerprint,
            state=IdempotencyRecord.State.IN_PROGRESS,
            response_status=None,
            response_body="",
            response_headers={},
            locked_until=now + lease(),
            expires_at=now + ttl(),
        )
        if taken:
            record.refresh_from_db()
            return record, True
    raise KeyInUse()


def complete(record, response):
    """Keep the answer, so that a retry gets it again."""
    body = JSONRenderer().render(response.data).decode()
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    IdempotencyRecord.objects.filter(pk=record.pk).update(
        state=IdempotencyRecord.State.COMPLETED,
        response_status=response.status_code,
        response_body=body,
        response_headers=headers,
    )


def release(record):
    """Free the key: the request did not succeed, so a retry may run it afresh."""
    IdempotencyRecord.objects.filter(
        pk=record.pk, state=IdempotencyRecord.State.IN_PROGRESS
    ).delete()


def replay(record):
    headers = {**record.response_headers, REPLAYED_HEADER: "true"}
    data = json.loads(record.response_body) if record.response_body else None
    return Response(data, status=record.response_status, headers=headers)


def run_idempotently(request, handler):
    """Run `handler(key=..., fingerprint=...)` (returning a DRF Response) at most once per
    Idempotency-Key; both are "" when the client sent no key."""
    key = parse_key(request)
    if key is None:
        return handler(key="", fingerprint="")
    fingerprint = fingerprint_of(request)
    record, claimed = claim(
        owner=owner_of(request),
        key=key,
        operation=f"{request.method} {request.path}"[:255],
        fingerprint=fingerprint,
    )
    if not claimed:
        if record.fingerprint != fingerprint:
            raise KeyReused()
        if record.state == IdempotencyRecord.State.IN_PROGRESS:
            raise KeyInUse()
        return replay(record)
    try:
        response = handler(key=key, fingerprint=fingerprint)
    except BaseException:
        release(record)
        raise
    if status.is_success(response.status_code):
        complete(record, response)
    else:
        release(record)
    return response


def purge_expired(now=None):
    """Delete the records past their expiry (never one still in progress); returns how many."""
    now = now or timezone.now()
    deleted, _per_model = (
        IdempotencyRecord.objects.filter(expires_at__lte=now)
        .exclude(state=IdempotencyRecord.State.IN_PROGRESS, locked_until__gt=now)
        .delete()
    )
    return deleted
