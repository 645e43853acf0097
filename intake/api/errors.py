"""How the core's errors reach an API client: field errors as {field: [messages]}, a stale
version as 409, a step the caller may not take as 403, one the request's status forbids as
400, a reused Idempotency-Key as 422. Messages are the core's, in the client's language."""

import math

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import translation
from django.utils.translation import ngettext
from rest_framework import exceptions, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.settings import api_settings

from intake import services
from intake.api.authentication import ExpiringTokenAuthentication
from intake.api.idempotency import KeyReused


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def field_errors(error):
    """A Django ValidationError as DRF's {field: [messages]} (non-field under the usual key)."""
    if hasattr(error, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
            for field, messages in error.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}


def as_api_exception(exc):
    """The DRF exception to answer for `exc`, or `exc` itself when DRF already knows it."""
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(field_errors(exc))
    if isinstance(exc, services.StaleRequest):
        return Conflict(exc.message, code="stale_request")
    if isinstance(exc, services.IdempotencyConflict):
        return KeyReused(exc.message)
    if isinstance(exc, services.ServiceUnavailable):
        return exceptions.ValidationError({"service": [exc.message]})
    if isinstance(exc, services.TransitionNotAllowed):
        if transition_forbidden_to_role(exc):
            return exceptions.PermissionDenied(exc.message)
        return exceptions.ValidationError({"action": [exc.message]})
    if isinstance(exc, services.IntakeError):
        return exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [exc.message]})
    return exc


def transition_forbidden_to_role(exc):
    """True when the caller's role may never take this step (403), False when only the
    request's current status or missing data prevents it (400)."""
    return exc.code == "forbidden"


class IntakeAPIMixin:
    """What every intake API view shares.

    - Authentication: a token (apps) or the session (the portal's own pages); the token
      comes first so that a missing or wrong one answers 401 with `WWW-Authenticate`.
    - Language: from the client's language cookie or `Accept-Language` (Italian when
      neither says otherwise); the site's unprefixed URLs are otherwise always Italian.
    - Errors: the core's errors become the answers described in this module.
    """

    authentication_classes = [ExpiringTokenAuthentication, SessionAuthentication]

    def initial(self, request, *args, **kwargs):
        language = translation.get_language_from_request(request._request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        exc = as_api_exception(exc)
        response = super().handle_exception(exc)
        # {"detail": ..., "code": ...}: an app tells a stale version (stale_request) from a
        # key still in use (idempotency_key_in_use) without reading the Italian text.
        if isinstance(exc, exceptions.APIException) and isinstance(response.data, dict):
            codes = exc.get_codes()
            if "detail" in response.data and isinstance(codes, str):
                response.data["code"] = codes
        return response

    def throttled(self, request, wait):
        """429 with Retry-After, said plainly (DRF's own Italian text is half English)."""
        seconds = max(1, math.ceil(wait or 1))
        exc = exceptions.Throttled(wait=seconds)
        exc.detail = exceptions.ErrorDetail(
            ngettext(
                "Troppi tentativi in poco tempo: riprova tra %(seconds)d secondo.",
                "Troppi tentativi in poco tempo: riprova tra %(seconds)d secondi.",
                seconds,
            )
            % {"seconds": seconds},
            code="throttled",
        )
        raise exc
