"""The network's figures in the Wagtail admin: a panel on the home page, and the full report
«Andamento della rete». The figures come from `intake.reports`, the charts from
`intake.admin.charts`; every chart is followed by a table with the same numbers.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from intake.admin import charts
from intake.reports import network_figures
from intake.roles import is_district_office, is_operator, works_on_requests

REQUESTS = _("Richieste")


def days(duration):
    """A duration as days with one decimal (None stays None)."""
    if duration is None:
        return None
    return round(duration.total_seconds() / 86400, 1)


def format_days(duration):
    value = days(duration)
    if value is None:
        return "—"
    return _("%(days)s giorni") % {"days": number_format(value, 1)}


def format_share(share):
    if share is None:
        return "—"
    return f"{number_format(round(share * 100), 0)}%"


def breakdown(key, title, rows, *, vertical=False, row_heading):
    """One section of the report: a chart and its table, from the same rows."""
    draw = charts.vertical_bars if vertical else charts.horizontal_bars
    return {
        "id": key,
        "title": title,
        "row_heading": row_heading,
        "rows": rows,
        "total": sum(row.value for row in rows),
        "chart": draw(rows, label=title, series_label=REQUESTS) if rows else "",
    }


def report_context(figures, *, full=True):
    """What the templates show, in the order they show it."""
    providers = figures.providers
    context = {
        "figures": figures,
        "declined_share": format_share(figures.declined_share),
        "median_to_assignment": format_days(figures.overall.median_to_assignment),
        "median_to_acceptance": format_days(figures.overall.median_to_acceptance),
        "status": breakdown(
            "per-stato", _("Richieste per stato"), figures.by_status, row_heading=_("Stato")
        ),
    }
    if not full:
        return context
    context["sections"] = [
        context["status"],
        breakdown(
            "per-mese",
            _("Richieste inviate per mese"),
            figures.per_month,
            vertical=True,
            row_heading=_("Mese"),
        ),
        breakdown(
            "per-bisogno", _("Richieste per bisogno"), figures.by_need, row_heading=_("Bisogno")
        ),
        breakdown(
            "per-comune",
            _("Richieste per comune di residenza"),
            figures.by_municipality,
            row_heading=_("Comune"),
        ),
        breakdown(
            "per-ente",
            _("Richieste per ente assegnatario"),
            figures.by_provider,
            row_heading=_("Ente"),
        ),
    ]
    context["providers"] = [
        {
            "label": p.label,
            "assigned": p.assigned,
            "declined": p.declined,
            "declined_share": format_share(p.declined_share),
            "median_to_assignment": format_days(p.median_to_assignment),
            "median_to_acceptance": format_days(p.median_to_acceptance),
        }
        for p in providers
    ]
    timed = [p for p in providers if p.to_assignment]
    context["times_chart"] = (
        charts.grouped_horizontal_bars(
            [p.label for p in timed],
            [
                (
                    str(_("Giorni all'assegnazione (mediana)")),
                    [days(p.median_to_assignment) for p in timed],
                ),
                (
                    str(_("Giorni all'accettazione (mediana)")),
                    [days(p.median_to_acceptance) for p in timed],
                ),
            ],
            label=_("Tempi mediani per ente, in giorni dall'invio"),
        )
        if timed
        else ""
    )
    return context


class NetworkPanel(Component):
    """The admin home's panel: the key numbers and the requests by status."""

    name = "network_figures"
    order = 50
    template_name = "intake/admin/dashboard/home_panel.html"

    class Media:
        css = {"all": ["intake/dashboard.css"]}

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = report_context(network_figures(self.user), full=False)
        context["report_url"] = reverse("intake_dashboard:report")
        context["district_wide"] = is_operator(self.user) or is_district_office(self.user)
        return context


class NetworkReportView(WagtailAdminTemplateMixin, TemplateView):
    """«Andamento della rete»: every breakdown, the times per provider, the declines."""

    page_title = _("Andamento della rete")
    header_icon = "table"
    template_name = "intake/admin/dashboard/report.html"

    def dispatch(self, request, *args, **kwargs):
        if not works_on_requests(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(report_context(network_figures(user)))
        context["district_wide"] = is_operator(user) or is_district_office(user)
        return context
