"""Reads behind the public catalogue pages, each done once with its related rows.

A page's template only walks the lists built here, so the number of queries a page costs
does not grow with the size of the catalogue or with the rows it shows.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from catalogue.localization import in_language, mark_untranslated
from catalogue.models import ProviderPage, ServicePage, SocialPointPage
from catalogue.rules import is_free

# The service card's sections in the order the national conformance check for municipal
# service cards (criterion C.SI.1.3) expects: (anchor, heading, always shown).
SERVICE_SECTIONS = [
    ("a-chi-e-rivolto", _("A chi è rivolto"), True),
    ("descrizione", _("Descrizione"), True),
    ("come-fare", _("Come fare"), True),
    ("cosa-serve", _("Cosa serve"), True),
    ("cosa-si-ottiene", _("Cosa si ottiene"), True),
    ("tempi-e-scadenze", _("Tempi e scadenze"), True),
    ("quanto-costa", _("Quanto costa"), True),
    ("accedi-al-servizio", _("Accedi al servizio"), True),
    ("condizioni-di-servizio", _("Condizioni di servizio"), True),
    ("contatti", _("Contatti"), True),
    ("documenti", _("Documenti"), False),
    ("argomenti", _("Argomenti"), False),
]


def _live(pages: Iterable[Page]) -> list[Page]:
    return [page for page in pages if page.live]


def service_page_details(service: ServicePage) -> dict[str, Any]:
    """Everything the service card shows, as lists, and which of its sections it shows
    (`service_sections` gives their headings)."""
    provider = (
        ProviderPage.objects.parent_of(service).select_related("municipality", "logo").first()
        if service.pk
        else None
    )
    social_points = _live(
        service.social_points.all().select_related("municipality").order_by("title")
    )
    partners = _live(
        service.partner_providers.all().select_related("municipality", "logo").order_by("title")
    )
    cost_options = mark_untranslated(service.cost_options.all(), service.locale)
    details = {
        "provider": provider,
        "partner_providers": in_language(partners, service.locale),
        "social_points": in_language(social_points, service.locale),
        "needs": in_language(service.needs.all(), service.locale),
        "audiences": in_language(service.audiences.all(), service.locale),
        "municipalities": in_language(
            service.municipalities.all().order_by("name"), service.locale
        ),
        "access_steps": mark_untranslated(service.access_steps.all(), service.locale),
        "required_documents": mark_untranslated(service.required_documents.all(), service.locale),
        "cost_options": cost_options,
        "is_free": is_free((option.kind for option in cost_options), service.funding),
        "languages": list(service.languages.all()),
        "contacts": mark_untranslated(service.contacts.all(), service.locale),
        "attachments": mark_untranslated(
            service.attachments.all().select_related("document"), service.locale
        ),
    }
    filled = {"documenti": details["attachments"], "argomenti": details["needs"]}
    details["section_anchors"] = [
        anchor for anchor, _title, always in SERVICE_SECTIONS if always or filled.get(anchor)
    ]
    return details


def service_sections(anchors: list[str]) -> list[dict[str, Any]]:
    """The card's sections (of `service_page_details`) with their headings, made for each
    request: a heading is a lazy translation, slow to keep and to read back."""
    titles = {anchor: title for anchor, title, _always in SERVICE_SECTIONS}
    return [
        {
            "anchor": anchor,
            "title": titles[anchor],
            "template": f"catalogue/service_sections/{anchor}.html",
        }
        for anchor in anchors
    ]


def social_point_details(
    social_point: SocialPointPage, moment: datetime | None = None
) -> dict[str, Any]:
    """Hours, closures, open-now and the services a Social Point helps with."""

    moment = moment or timezone.now()
    hours = sorted(social_point.opening_hours.all(), key=lambda s: (s.weekday, s.opens))
    closures = sorted(
        mark_untranslated(social_point.closures.all(), social_point.locale), key=lambda c: c.date
    )
    today = timezone.localdate(moment)
    services = (
        ServicePage.objects.live()
        .public()
        .filter(social_points=social_point)
        .order_by("title")
        .distinct()
        if social_point.pk
        else ServicePage.objects.none()
    )
    return {
        "opening_hours": hours,
        "upcoming_closures": [c for c in closures if c.date >= today],
        "is_open_now": social_point.is_open_at(moment),
        "languages": list(social_point.languages.all()),
        "services": list(services),
    }


def social_point_contacts() -> list[Any]:
    """The live Social Points in the visitor's language, with the contacts an error page
    shows (one query)."""
    from wagtail.models import Locale

    from catalogue.models import SocialPointPage

    return list(
        SocialPointPage.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .select_related("municipality")
        .order_by("title")
    )
