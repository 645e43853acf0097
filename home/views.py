"""Liveness and readiness probes for load balancers and orchestrators."""

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """200 while the process answers: nothing else is checked."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_GET
def readyz(request):
    """200 when the database answers a query, 503 with the reason when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return JsonResponse(
            {"status": "unavailable", "reason": f"database: {exc.__class__.__name__}"},
            status=503,
        )
    return JsonResponse({"status": "ok"})


def error_probe(request):
    """Fail on purpose (wired only when settings.ERROR_PROBE is on, see config/urls.py)."""
    raise RuntimeError("error probe: a server error on demand")
