"""The portal's own error pages (400, 403, 404, CSRF failure, 500) and, under /api/, the
same errors as JSON ({"detail": ..., "code": ...}, the shape of intake/api/errors.py).

The 500 page is a static template: no query, no lookup that can fail, so it renders with
the database down. The others show the portal's layout, a search box and the Social
Points' contacts.
"""

import logging

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

from catalogue.selectors import social_point_contacts

logger = logging.getLogger(__name__)


def is_api(request):
    return request.path_info.startswith("/api/")


def api_error(status, detail, code):
    return JsonResponse({"detail": detail, "code": code}, status=status)


def error_page(request, status, title, message, code):
    if is_api(request):
        return api_error(status, message, code)
    try:
        social_points = social_point_contacts()
    except Exception:  # the page must still answer when the catalogue cannot be read
        logger.exception("error page: Social Points unavailable")
        social_points = []
    context = {"title": title, "message": message, "status": status, "social_points": social_points}
    return render(request, "errors/error_page.html", context, status=status)


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig) and is_api(request):
        return api_error(400, _("Il corpo della richiesta è troppo grande."), "request_too_large")
    return error_page(
        request,
        400,
        _("Richiesta non valida"),
        _("Il sito non ha potuto capire la richiesta. Controlla l'indirizzo e riprova."),
        "bad_request",
    )


def permission_denied(request, exception=None):
    return error_page(
        request,
        403,
        _("Accesso non consentito"),
        _("Non hai il permesso di vedere questa pagina."),
        "permission_denied",
    )


def page_not_found(request, exception=None):
    return error_page(
        request,
        404,
        _("Pagina non trovata"),
        _("La pagina che cerchi non esiste o è stata spostata."),
        "not_found",
    )


def csrf_failure(request, reason=""):
    return error_page(
        request,
        403,
        _("Modulo scaduto"),
        _(
            "Il modulo è rimasto aperto troppo a lungo o i cookie del browser sono "
            "disattivati. Torna indietro, ricarica la pagina e riprova."
        ),
        "csrf_failed",
    )


def server_error(request):
    if is_api(request):
        return api_error(500, _("Errore interno del server."), "server_error")
    return HttpResponseServerError(loader.get_template("500.html").render())
