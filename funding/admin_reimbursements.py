"""«Rimborsi welfare» in the Wagtail admin: the employer's HR reads each reimbursement its
employees submitted (category, amount, family member, receipt; never the services they
use) and approves or rejects it with a reason. Objects come through funding.selectors (404
outside scope); decisions call funding.services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from funding import selectors, services
from funding.forms import RejectReimbursementForm
from funding.models import ReimbursementStatus
from intake.roles import is_district_office, is_employer_hr
from intake.services import IntakeError


def sees_reimbursements(user):
    """An employer's HR (who decides) and the Ufficio di Piano (who reads)."""
    return is_employer_hr(user) or is_district_office(user)


class ReimbursementAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not sees_reimbursements(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def reimbursements(self):
        return selectors.reimbursements_visible_to(self.request.user).select_related(
            "allocation__fund__employer", "allocation__employee", "citizen"
        )

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class ReimbursementIndexView(ReimbursementAdminMixin, TemplateView):
    page_title = gettext_lazy("Rimborsi welfare")
    template_name = "funding/admin/reimbursements.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reimbursements = self.reimbursements()
        status = self.request.GET.get("stato")
        if status in ReimbursementStatus.values:
            reimbursements = reimbursements.filter(status=status)
        context.update(
            reimbursements=reimbursements.order_by("-submitted_at", "-pk"),
            status=status,
            statuses=ReimbursementStatus.choices,
        )
        return context


class ReimbursementDetailView(ReimbursementAdminMixin, TemplateView):
    page_title = gettext_lazy("Rimborso welfare")
    template_name = "funding/admin/reimbursement.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        reimbursement = get_object_or_404(self.reimbursements(), pk=kwargs["pk"])
        context.update(
            reimbursement=reimbursement,
            can_decide=reimbursement.status == ReimbursementStatus.SUBMITTED
            and reimbursement.allocation.fund.employer_id
            in selectors.employer_ids(self.request.user),
            sees_receipt=selectors.receipts_visible_to(self.request.user)
            .filter(pk=reimbursement.pk)
            .exists(),
            reject_form=form or RejectReimbursementForm(),
        )
        return context

    def post(self, request, pk):
        reimbursement = get_object_or_404(self.reimbursements(), pk=pk)
        form = None
        try:
            if request.POST.get("decision") == "approve":
                services.approve_reimbursement(reimbursement=reimbursement, actor=request.user)
                messages.success(request, _("Rimborso approvato e pagato dal credito welfare."))
            else:
                form = RejectReimbursementForm(request.POST)
                services.reject_reimbursement(
                    reimbursement=reimbursement,
                    actor=request.user,
                    reason=request.POST.get("reason", ""),
                )
                messages.success(request, _("Rimborso respinto: il dipendente legge il motivo."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.render_to_response(self.get_context_data(form=form, pk=pk))
        except IntakeError as error:
            messages.error(request, error.message)
        return redirect("reimbursements_admin:detail", pk=pk)
