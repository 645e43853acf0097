"""The funding's admin views: funds with their budget figures, statements (list, detail,
approve, CSV and XLSX export), the «Budget» panel of the dashboard, and the panel on a
request's page (allocations, orders, deliveries). Objects come through funding.selectors
(404 outside scope); every write calls funding.services."""

import csv
import datetime
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from openpyxl import Workbook
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from catalogue.models import ServiceCostOption
from funding import selectors, services
from funding.forms import FundForm
from funding.models import StatementStatus
from intake.admin.charts import grouped_horizontal_bars
from intake.roles import is_district_office, is_operator, provider_ids
from intake.selectors import requests_visible_to
from intake.services import IntakeError


def sees_funding(user):
    """The Ufficio di Piano, operators and provider staff reach the funding's admin."""
    return is_district_office(user) or is_operator(user) or bool(provider_ids(user))


def budget_context(user):
    funds = list(selectors.funds_visible_to(user).order_by("-valid_from", "name"))
    figures = selectors.fund_figures(funds)
    rows = [{"fund": fund, **figures[fund.pk]} for fund in funds]
    chart = ""
    if rows:
        chart = grouped_horizontal_bars(
            [row["fund"].name for row in rows],
            [
                (_("Speso"), [float(row["used"]) for row in rows]),
                (_("Impegnato"), [float(row["committed"]) for row in rows]),
                (_("Disponibile"), [float(row["left"]) for row in rows]),
            ],
            label=_("Budget per fondo, in euro: speso, impegnato, disponibile"),
        )
    return {"rows": rows, "chart": chart}


class BudgetPanel(Component):
    """«Budget» on the admin home: used, committed, left per fund (SVG chart and table)."""

    name = "funding_budget"
    order = 60
    template_name = "funding/admin/budget_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {**budget_context(self.user), "funds_url": reverse("funding_admin:funds")}


class FundingAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "table"

    def allows(self, user):
        """Who reaches the view at all (anyone else: 404)."""
        return sees_funding(user)

    def dispatch(self, request, *args, **kwargs):
        if not self.allows(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class FundIndexView(FundingAdminMixin, TemplateView):
    page_title = gettext_lazy("Fondi")
    template_name = "funding/admin/funds.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(budget_context(self.request.user))
        return context


class FundCreateView(FundingAdminMixin, TemplateView):
    """The Ufficio di Piano creates a fund: its budget goes on the ledger at once."""

    page_title = gettext_lazy("Nuovo fondo")
    template_name = "funding/admin/fund_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not is_district_office(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form or FundForm()
        return context

    def post(self, request):
        form = FundForm(request.POST)
        if form.is_valid():
            try:
                services.create_fund(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Fondo creato."))
                return redirect("funding_admin:funds")
        return self.render_to_response(self.get_context_data(form=form))


class StatementIndexView(FundingAdminMixin, TemplateView):
    page_title = gettext_lazy("Rendiconti")
    template_name = "funding/admin/statements.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statements = selectors.statements_visible_to(self.request.user).select_related(
            "fund", "provider"
        )
        status = self.request.GET.get("stato")
        if status in StatementStatus.values:
            statements = statements.filter(status=status)
        context["statements"] = statements.order_by("-month", "provider__title")
        context["status"] = status
        context["statuses"] = StatementStatus.choices
        context["can_open"] = is_district_office(self.request.user)
        last_month = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
        context["last_month"] = last_month.strftime("%Y-%m")
        return context

    def post(self, request):
        if not is_district_office(request.user):
            raise Http404
        month = parse_date(f"{request.POST.get('month', '')}-01")
        if month is None:
            messages.error(request, _("Scegli un mese."))
        else:
            opened = services.open_statements_for_month(month=month, actor=request.user)
            messages.success(request, _("Rendiconti pronti: %(count)d.") % {"count": len(opened)})
        return redirect("funding_admin:statements")


def _statement_or_404(user, pk):
    return get_object_or_404(
        selectors.statements_visible_to(user).select_related("fund", "provider"), pk=pk
    )


class StatementDetailView(FundingAdminMixin, TemplateView):
    page_title = gettext_lazy("Rendiconto")
    template_name = "funding/admin/statement.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statement = _statement_or_404(self.request.user, kwargs["pk"])
        context["statement"] = statement
        context["lines"] = selectors.statement_lines(statement)
        context["totals"] = selectors.statement_totals(statement)
        context["can_approve"] = (
            is_district_office(self.request.user) and statement.status == StatementStatus.OPEN
        )
        return context

    def post(self, request, pk):
        statement = _statement_or_404(request.user, pk)
        if not is_district_office(request.user):
            raise Http404
        try:
            services.approve_statement(statement=statement, actor=request.user)
        except IntakeError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Rendiconto approvato."))
        return redirect("funding_admin:statement", pk=pk)


EXPORT_HEADER = [
    "data",
    "ordine",
    "richiesta",
    "cittadino",
    "quantita",
    "a_carico_fondo_eur",
    "a_carico_cittadino_eur",
    "stato",
]


def _export_rows(statement):
    for line in selectors.statement_lines(statement).select_related("order__request"):
        yield [
            line.date.isoformat(),
            line.order_id,
            line.order.request.reference,
            line.order.citizen.full_name,
            str(line.quantity),
            str(line.fund_amount),
            str(line.citizen_amount),
            line.status,
        ]


class StatementExportView(View):
    """The statement's lines as CSV (UTF-8 with BOM, «;» as Excel in Italy reads it) or
    XLSX (openpyxl), with amounts in euros."""

    def get(self, request, pk, fmt):
        if not sees_funding(request.user):
            raise Http404
        statement = _statement_or_404(request.user, pk)
        name = f"rendiconto-{statement.fund_id}-{statement.provider_id}-{statement.month:%Y-%m}"
        if fmt == "csv":
            buffer = io.StringIO()
            buffer.write("\ufeff")
            writer = csv.writer(buffer, delimiter=";")
            writer.writerow(EXPORT_HEADER)
            writer.writerows(_export_rows(statement))
            response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        else:
            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet("Rendiconto")
            sheet.append(EXPORT_HEADER)
            for row in _export_rows(statement):
                sheet.append(row)
            output = io.BytesIO()
            workbook.save(output)
            response = HttpResponse(
                output.getvalue(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response


def _back_to(service_request):
    return redirect("intake_requests:inspect", service_request.pk)


def _run(request, step, success):
    try:
        step()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except IntakeError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)


class GrantView(View):
    """The Ufficio di Piano grants an allocation from the request's page."""

    def post(self, request, pk):
        if not is_district_office(request.user):
            raise Http404
        service_request = get_object_or_404(requests_visible_to(request.user), pk=pk)
        fund = get_object_or_404(
            selectors.funds_visible_to(request.user), pk=request.POST.get("fund")
        )
        _run(
            request,
            lambda: services.grant_allocation(
                fund=fund,
                citizen=service_request.citizen,
                amount=request.POST.get("amount", "").replace(",", "."),
                valid_until=parse_date(request.POST.get("valid_until", "")) or fund.valid_until,
                reason=request.POST.get("reason", ""),
                request=service_request,
                actor=request.user,
            ),
            _("Buono assegnato."),
        )
        return _back_to(service_request)


class QuoteView(View):
    """The assigned cooperative proposes a quote from the request's page."""

    def post(self, request, pk):
        service_request = get_object_or_404(
            requests_visible_to(request.user).filter(provider_id__in=provider_ids(request.user)),
            pk=pk,
        )
        allocation_id = request.POST.get("allocation")
        allocation = (
            get_object_or_404(selectors.allocations_visible_to(request.user), pk=allocation_id)
            if allocation_id
            else None
        )
        _run(
            request,
            lambda: services.propose_order(
                request=service_request,
                cost_option=ServiceCostOption.objects.filter(
                    pk=request.POST.get("cost_option") or 0
                ).first(),
                quantity=request.POST.get("quantity", "").replace(",", "."),
                allocation=allocation,
                actor=request.user,
            ),
            _("Preventivo proposto: il cittadino lo vede in «I miei buoni»."),
        )
        return _back_to(service_request)


class RecordDeliveryView(View):
    def post(self, request, pk):
        order = get_object_or_404(selectors.orders_visible_to(request.user), pk=pk)
        _run(
            request,
            lambda: services.record_delivery(
                order=order,
                date=parse_date(request.POST.get("date", "")) or timezone.localdate(),
                quantity=request.POST.get("quantity", "").replace(",", "."),
                actor=request.user,
            ),
            _("Prestazione registrata."),
        )
        return _back_to(order.request)
