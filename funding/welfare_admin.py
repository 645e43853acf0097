"""«Welfare aziendale» in the Wagtail admin: employers and their HR contacts (the Ufficio di
Piano creates them), each employer's plans, a plan's employees with their credit and what
is left, the totals per art. 51 category, the employees' upload (preview, then confirm)
and the employer's statement.

HR contacts reach only their own employer (anything else answers 404) and never read a
service, a need or what an employee chose: the pages show credits, totals and, on the
statement, what the plan owes each cooperative per month.
"""

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from catalogue.choices import art51_short_label
from funding import selectors
from funding.admin_views import FundingAdminMixin
from funding.forms import EmployerForm, HRContactForm, PlanForm, UploadForm
from funding.services import welfare
from intake.roles import is_district_office, is_employer_hr
from intake.services import IntakeError


def sees_welfare(user):
    """The Ufficio di Piano and employers' HR contacts reach «Welfare aziendale»."""
    return is_district_office(user) or (is_employer_hr(user) and bool(selectors.employer_ids(user)))


class WelfareAdminMixin(FundingAdminMixin):
    header_icon = "group"

    def allows(self, user):
        return sees_welfare(user)


class DistrictOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_district_office(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def _employer_or_404(user, pk):
    return get_object_or_404(selectors.employers_visible_to(user), pk=pk)


def _plan_or_404(user, pk):
    return get_object_or_404(
        selectors.plans_visible_to(user).select_related("employer", "unallocated_account"), pk=pk
    )


class EmployerIndexView(WelfareAdminMixin, TemplateView):
    page_title = gettext_lazy("Welfare aziendale")
    template_name = "funding/admin/welfare/employers.html"

    def get(self, request, *args, **kwargs):
        employers = list(selectors.employers_visible_to(request.user))
        if not is_district_office(request.user) and len(employers) == 1:
            return redirect("funding_admin:employer", employers[0].pk)
        return self.render_to_response(self.get_context_data(employers=employers))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = is_district_office(self.request.user)
        return context


class EmployerCreateView(DistrictOnlyMixin, WelfareAdminMixin, TemplateView):
    page_title = gettext_lazy("Nuovo datore di lavoro")
    template_name = "funding/admin/welfare/form.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form or EmployerForm()
        context["submit_label"] = _("Crea il datore di lavoro")
        return context

    def post(self, request):
        form = EmployerForm(request.POST)
        if form.is_valid():
            try:
                employer = welfare.create_employer(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Datore di lavoro creato."))
                return redirect("funding_admin:employer", employer.pk)
        return self.render_to_response(self.get_context_data(form=form))


class EmployerDetailView(WelfareAdminMixin, TemplateView):
    page_title = gettext_lazy("Datore di lavoro")
    template_name = "funding/admin/welfare/employer.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        employer = _employer_or_404(self.request.user, kwargs["pk"])
        plans = list(employer.plans.order_by("-valid_from"))
        context.update(
            employer=employer,
            plans=[{"plan": plan, **selectors.plan_totals(plan)} for plan in plans],
            contacts=employer.memberships.select_related("user").order_by("user__username"),
            is_district=is_district_office(self.request.user),
            contact_form=HRContactForm(),
        )
        return context


class HRContactAddView(DistrictOnlyMixin, WelfareAdminMixin, View):
    def post(self, request, pk):
        employer = _employer_or_404(request.user, pk)
        form = HRContactForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Controlla nome utente ed email del referente."))
        else:
            try:
                welfare.add_hr_contact(employer=employer, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Referente aggiunto."))
        return redirect("funding_admin:employer", employer.pk)


class PlanCreateView(DistrictOnlyMixin, WelfareAdminMixin, TemplateView):
    page_title = gettext_lazy("Nuovo piano welfare")
    template_name = "funding/admin/welfare/form.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["employer"] = _employer_or_404(self.request.user, self.kwargs["pk"])
        context["form"] = form or PlanForm()
        context["submit_label"] = _("Crea il piano")
        return context

    def post(self, request, pk):
        employer = _employer_or_404(request.user, pk)
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                plan = welfare.create_plan(
                    employer=employer, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Piano creato: il budget è sul registro."))
                return redirect("funding_admin:plan", plan.pk)
        return self.render_to_response(self.get_context_data(form=form))


def _add_errors(form, error):
    """A service's ValidationError on the form: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class PlanDetailView(WelfareAdminMixin, TemplateView):
    """A plan's employees (credit, category, what is left) and its totals."""

    page_title = gettext_lazy("Piano welfare")
    template_name = "funding/admin/welfare/plan.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = _plan_or_404(self.request.user, kwargs["pk"])
        totals = selectors.plan_totals(plan)
        employees = list(selectors.plan_employees(plan))
        context.update(
            plan=plan,
            totals=totals,
            categories=[
                {"label": art51_short_label(category), "spent": spent}
                for category, spent in totals["by_category"].items()
            ],
            rows=[
                {"employee": employee, "left": selectors.employee_left(employee)}
                for employee in employees
            ],
            can_upload=welfare.may_manage_plan(self.request.user, plan),
        )
        return context


class PlanStatementView(WelfareAdminMixin, TemplateView):
    """The employer's statement: what the plan owes each cooperative per month."""

    page_title = gettext_lazy("Rendiconto del piano")
    template_name = "funding/admin/welfare/statement.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = _plan_or_404(self.request.user, kwargs["pk"])
        context.update(plan=plan, rows=selectors.plan_statement(plan))
        return context


EMPLOYEES_HEADER = ["codice_fiscale", "cognome", "nome", "categoria", "credito_eur", "residuo_eur"]


class PlanEmployeesExportView(WelfareAdminMixin, View):
    """The plan's employees as CSV (UTF-8 with BOM, «;»): credit and what is left."""

    def get(self, request, pk):
        plan = _plan_or_404(request.user, pk)
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(EMPLOYEES_HEADER)
        for employee in selectors.plan_employees(plan):
            writer.writerow(
                [
                    employee.fiscal_code,
                    employee.last_name,
                    employee.first_name,
                    employee.category.name if employee.category else "",
                    str(employee.credit),
                    str(selectors.employee_left(employee)),
                ]
            )
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="dipendenti-piano-{plan.pk}.csv"'
        return response


class UploadView(WelfareAdminMixin, TemplateView):
    """The employees' CSV: a preview of every change and every rejected row first;
    nothing is saved until HR confirms a file without rejected rows."""

    page_title = gettext_lazy("Carica i dipendenti")
    template_name = "funding/admin/welfare/upload.html"

    def _plan(self):
        plan = _plan_or_404(self.request.user, self.kwargs["pk"])
        if not welfare.may_manage_plan(self.request.user, plan):
            raise Http404
        return plan

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", UploadForm())
        context["plan"] = self.plan
        return context

    def get(self, request, *args, **kwargs):
        self.plan = self._plan()
        return super().get(request, *args, **kwargs)

    def post(self, request, pk):
        self.plan = self._plan()
        if "content" in request.POST:
            return self._confirm(request, request.POST["content"])
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data["file"].read(welfare.MAX_UPLOAD_BYTES + 1)
        try:
            preview = welfare.preview_upload(plan=self.plan, data=data, actor=request.user)
        except IntakeError as error:
            form.add_error("file", error.message)
            return self.render_to_response(self.get_context_data(form=form))
        return self.render_to_response(
            self.get_context_data(form=form, preview=preview, content=welfare.decode_upload(data))
        )

    def _confirm(self, request, content):
        try:
            preview = welfare.apply_upload(plan=self.plan, data=content, actor=request.user)
        except IntakeError as error:
            return self.render_to_response(self.get_context_data(error=error.message))
        if preview.changes_anything:
            messages.success(
                request,
                _("Caricamento salvato: %(new)d nuovi, %(changed)d modificati, %(same)d invariati.")
                % {
                    "new": len(preview.new),
                    "changed": len(preview.changed),
                    "same": len(preview.unchanged),
                },
            )
        else:
            messages.info(request, _("Nessuna modifica: il file era già caricato."))
        return redirect(reverse("funding_admin:plan", args=[self.plan.pk]))
