"""What every API of the portal shares: errors as JSON with a `code`, and a JSON parser that
answers 400 to what would otherwise crash (nesting deeper than Python's recursion limit,
integers beyond 64 bits that no database column holds)."""

import codecs

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import APIException, ParseError
from rest_framework.utils import json
from rest_framework.views import exception_handler as drf_exception_handler

BIGINT_MAX = 2**63 - 1


def exception_handler(exc, context):
    """DRF's handler, plus a `code` next to every `detail` ({"detail": ..., "code": ...})."""
    response = drf_exception_handler(exc, context)
    data = getattr(response, "data", None)
    if isinstance(data, dict) and "detail" in data and "code" not in data:
        codes = exc.get_codes() if isinstance(exc, APIException) else None
        data["code"] = codes if isinstance(codes, str) else getattr(exc, "default_code", "error")
    return response


def bounded_int(text):
    value = int(text)
    if abs(value) > BIGINT_MAX:
        raise ValueError(_("numero intero troppo grande (oltre 64 bit)"))
    return value


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing too deep nesting and integers beyond 64 bits with 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            decoded = codecs.getreader(encoding)(stream)
            return json.load(decoded, parse_int=bounded_int, parse_constant=json.strict_constant)
        except RecursionError as exc:
            raise ParseError(_("JSON non valido: troppi livelli annidati.")) from exc
        except ValueError as exc:
            raise ParseError(_("JSON non valido: %(error)s") % {"error": exc}) from exc
