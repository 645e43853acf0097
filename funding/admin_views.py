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
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from openpyxl import Workbook
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from catalogue.models import ServiceCostOption
from catalogue.money import format_eur
from funding import selectors, services
from funding.forms import AllocationStepForm, DecideContestForm, FundForm
from funding.models import DeliveryStatus, StatementStatus
from funding.services.allocations import allowed_steps
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


class FundDetailView(FundingAdminMixin, TemplateView):
    """A fund's figures and its allocations, each with the steps the Ufficio di Piano may
    take on it (suspend, reinstate, revoke)."""

    template_name = "funding/admin/fund.html"

    def get_fund(self):
        if not hasattr(self, "_fund"):
            self._fund = get_object_or_404(
                selectors.funds_visible_to(self.request.user), pk=self.kwargs["pk"]
            )
        return self._fund

    def get_page_title(self):
        return self.get_fund().name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("funding_admin:funds"), "label": _("Fondi")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fund = self.get_fund()
        allocations = (
            selectors.allocations_visible_to(self.request.user)
            .filter(fund=fund)
            .select_related("citizen", "account", "request")
            .order_by("citizen__last_name", "citizen__first_name", "-created_at")
        )
        context["fund"] = fund
        context["figures"] = selectors.fund_figures([fund])[fund.pk]
        context["allocations"] = allocation_rows(self.request.user, allocations)
        context["here"] = self.request.get_full_path()
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
        context["contested"] = selectors.contested_deliveries(statement).select_related(
            "order__citizen", "order__request"
        )
        context["can_decide"] = is_district_office(self.request.user)
        context["here"] = self.request.get_full_path()
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


# --- the Ufficio di Piano's steps on an allocation and on a contested delivery -------------

# step of funding.services.allocations.ALLOWED_FROM -> (slug in the URL, button, service)
ALLOCATION_STEPS = {
    "suspend": ("sospendi", gettext_lazy("Sospendi"), services.suspend_allocation),
    "reinstate": ("riattiva", gettext_lazy("Riattiva"), services.reinstate_allocation),
    "revoke": ("revoca", gettext_lazy("Revoca"), services.revoke_allocation),
}
STEP_OF_SLUG = {slug: step for step, (slug, _label, _service) in ALLOCATION_STEPS.items()}


def allocation_rows(user, allocations, *, today=None):
    """[{"allocation", "steps": [(slug, label)]}]: the buttons each allocation shows to
    `user` (only the Ufficio di Piano has any), as its status allows."""
    district = is_district_office(user)
    today = today or timezone.localdate()
    return [
        {
            "allocation": allocation,
            "steps": [ALLOCATION_STEPS[step][:2] for step in allowed_steps(allocation, today=today)]
            if district
            else [],
        }
        for allocation in allocations
    ]


def _next_url(request, default):
    """Where to go back after a step: the page the button was on, when it is ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class DistrictStepMixin(FundingAdminMixin):
    """Only the Ufficio di Piano takes these steps; anyone else gets 404, as for every
    write of the funding's admin (the object, the buttons and the page stay hidden)."""

    def dispatch(self, request, *args, **kwargs):
        if not is_district_office(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class AllocationStepView(DistrictStepMixin, TemplateView):
    """Suspend, reinstate or revoke an allocation: a confirmation page with the reason,
    then the service; back to the page the button was on with the outcome."""

    template_name = "funding/admin/allocation_step.html"

    TITLES = {
        "suspend": gettext_lazy("Sospendi il buono"),
        "reinstate": gettext_lazy("Riattiva il buono"),
        "revoke": gettext_lazy("Revoca il buono"),
    }
    EXPLAINED = {
        "suspend": gettext_lazy(
            "Finché è sospeso, sul buono non si possono impegnare nuovi preventivi; gli "
            "ordini già accettati continuano. Il denaro resta assegnato al cittadino."
        ),
        "reinstate": gettext_lazy(
            "Il buono torna utilizzabile fino alla sua scadenza, con quanto gli resta."
        ),
        "revoke": gettext_lazy(
            "Quanto resta sul buono torna subito al fondo e il buono non si potrà più usare. "
            "Gli ordini già accettati restano pagati. La revoca non si può annullare."
        ),
    }

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.step = STEP_OF_SLUG.get(kwargs["step"])

    def get_allocation(self):
        if self.step is None:
            raise Http404
        return get_object_or_404(
            selectors.allocations_visible_to(self.request.user).select_related(
                "fund", "citizen", "account", "request"
            ),
            pk=self.kwargs["pk"],
        )

    def get_page_title(self):
        return self.TITLES.get(self.step, "")

    def back_url(self, allocation):
        if allocation.request_id:
            default = reverse("intake_requests:inspect", args=[allocation.request_id])
        else:
            default = reverse("funding_admin:fund", args=[allocation.fund_id])
        return _next_url(self.request, default)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        allocation = self.get_allocation()
        context.update(
            allocation=allocation,
            step=self.step,
            allowed=self.step in allowed_steps(allocation),
            explained=self.EXPLAINED[self.step],
            button=ALLOCATION_STEPS[self.step][1],
            form=form or AllocationStepForm(reason_required=self.step != "reinstate"),
            back_url=self.back_url(allocation),
        )
        return context

    def post(self, request, pk, step):
        allocation = self.get_allocation()
        form = AllocationStepForm(request.POST, reason_required=self.step != "reinstate")
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        left = allocation.available
        service = ALLOCATION_STEPS[self.step][2]
        success = {
            "suspend": _("Buono sospeso: non si possono impegnare nuovi preventivi."),
            "reinstate": _("Buono riattivato: si può di nuovo usare."),
            "revoke": _("Buono revocato: %(amount)s tornano al fondo.")
            % {"amount": format_eur(left)},
        }[self.step]
        _run(
            request,
            lambda: service(
                allocation=allocation, actor=request.user, reason=form.cleaned_data["reason"]
            ),
            success,
        )
        return redirect(self.back_url(allocation))


class DecideContestView(DistrictStepMixin, TemplateView):
    """Decide a contested delivery: uphold the contest (the delivery is voided and its
    money goes back to the order) or reject it (confirmed, it goes on a statement)."""

    template_name = "funding/admin/decide_contest.html"
    page_title = gettext_lazy("Decidi la contestazione")

    def get_delivery(self):
        return get_object_or_404(
            selectors.deliveries_visible_to(self.request.user).select_related(
                "order__citizen", "order__provider", "order__fund", "order__request"
            ),
            pk=self.kwargs["pk"],
        )

    def back_url(self, delivery):
        default = reverse("intake_requests:inspect", args=[delivery.order.request_id])
        return _next_url(self.request, default)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        delivery = self.get_delivery()
        context.update(
            delivery=delivery,
            order=delivery.order,
            contested=delivery.status == DeliveryStatus.CONTESTED,
            form=form or DecideContestForm(),
            back_url=self.back_url(delivery),
        )
        return context

    def post(self, request, pk):
        delivery = self.get_delivery()
        form = DecideContestForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upheld = form.cleaned_data["decision"] == DecideContestForm.UPHOLD
        _run(
            request,
            lambda: services.decide_contest(
                delivery=delivery,
                upheld=upheld,
                note=form.cleaned_data["note"],
                actor=request.user,
            ),
            _("Contestazione accolta: la prestazione è annullata e non sarà pagata.")
            if upheld
            else _("Contestazione respinta: la prestazione è confermata e va nel rendiconto."),
        )
        return redirect(self.back_url(delivery))
