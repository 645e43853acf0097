"""«I miei buoni»: the citizen's allocations with what is left, their orders with the
deliveries and the co-payment owed; accept or refuse a quote, contest a delivery, say
their ISEE. Everything is read through funding.selectors (404 outside the citizen's own)
and written through funding.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from funding import selectors, services
from funding.forms import ContestForm, IseeForm, ReimbursementForm
from funding.models import CitizenIsee, Delivery, DeliveryStatus, FundKind
from funding.receipts import receipt_response
from funding.services.deliveries import CONTEST_DAYS
from intake.models import CitizenProfile
from intake.services import IntakeError


def _own_profile_or_404(user):
    return get_object_or_404(CitizenProfile, user=user)


@login_required
def my_vouchers(request):
    profile = _own_profile_or_404(request.user)
    allocations = (
        selectors.allocations_visible_to(request.user)
        .filter(citizen=profile)
        .select_related("fund__employer", "account")
        .order_by("-created_at")
    )
    allocations = list(allocations)
    welfare_credits = [a for a in allocations if a.fund.kind == FundKind.COMPANY]
    orders = (
        selectors.orders_visible_to(request.user)
        .filter(citizen=profile)
        .select_related("provider", "fund")
        .prefetch_related(Prefetch("deliveries", Delivery.objects.order_by("-date", "-pk")))
        .order_by("-proposed_at")
    )
    owed = Delivery.objects.filter(
        order__citizen=profile,
        status__in=[DeliveryStatus.RECORDED, DeliveryStatus.CONFIRMED, DeliveryStatus.CONTESTED],
    ).aggregate(total=Sum("citizen_amount"))["total"]
    isee = CitizenIsee.objects.filter(citizen=profile).first()
    allocations = list(allocations)
    return render(
        request,
        "funding/my_vouchers.html",
        {
            "allocations": [a for a in allocations if a.fund.kind != FundKind.COMPANY],
            "welfare_credits": welfare_credits,
            "reimbursable": [a for a in welfare_credits if a.fund.allows_reimbursements],
            "reimbursements": list(
                selectors.reimbursements_visible_to(request.user)
                .filter(citizen=profile)
                .select_related("allocation__fund")
            ),
            "reimbursement_form": ReimbursementForm(),
            "orders": list(orders),
            "copayment_owed": owed or 0,
            "isee": isee,
            "isee_form": IseeForm(
                initial={"value": isee.value, "valid_until": isee.valid_until} if isee else None
            ),
            "contest_days": CONTEST_DAYS,
        },
    )


@login_required
@require_POST
def order_decide(request, pk, decision):
    order = get_object_or_404(
        selectors.orders_visible_to(request.user).filter(citizen__user=request.user), pk=pk
    )
    step = services.accept_order if decision == "accetta" else services.refuse_order
    try:
        step(order=order, actor=request.user)
    except IntakeError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Preventivo accettato.") if decision == "accetta" else _("Preventivo rifiutato."),
        )
    return redirect("funding:my-vouchers")


@login_required
@require_POST
def delivery_contest(request, pk):
    delivery = get_object_or_404(
        selectors.deliveries_visible_to(request.user).filter(order__citizen__user=request.user),
        pk=pk,
    )
    form = ContestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Scrivi il motivo della contestazione."))
        return redirect("funding:my-vouchers")
    try:
        services.contest_delivery(
            delivery=delivery, reason=form.cleaned_data["reason"], actor=request.user
        )
    except IntakeError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Contestazione inviata: l'Ufficio di Piano la valuterà."))
    return redirect("funding:my-vouchers")


@login_required
@require_http_methods(["POST"])
def isee_update(request):
    profile = _own_profile_or_404(request.user)
    form = IseeForm(request.POST)
    if form.is_valid():
        services.set_citizen_isee(
            citizen=profile,
            value=form.cleaned_data["value"],
            valid_until=form.cleaned_data["valid_until"],
            actor=request.user,
        )
        messages.success(request, _("ISEE aggiornato."))
    else:
        messages.error(
            request,
            _("Controlla il valore ISEE: %(errors)s")
            % {"errors": " ".join(e for errors in form.errors.values() for e in errors)},
        )
    return redirect("funding:my-vouchers")


@login_required
@require_POST
def reimbursement_submit(request):
    """The employee asks to be paid back from their welfare credit; nothing is saved unless
    every field and the receipt pass."""
    form = ReimbursementForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(
            request,
            _("Il rimborso non è stato inviato: %(errors)s")
            % {"errors": " ".join(e for errors in form.errors.values() for e in errors)},
        )
        return redirect("funding:my-vouchers")
    data = form.cleaned_data
    allocation = get_object_or_404(
        selectors.allocations_visible_to(request.user).filter(citizen__user=request.user),
        pk=data.pop("allocation"),
    )
    try:
        services.submit_reimbursement(allocation=allocation, actor=request.user, **data)
    except ValidationError as error:
        messages.error(
            request,
            _("Il rimborso non è stato inviato: %(errors)s") % {"errors": " ".join(error.messages)},
        )
    except IntakeError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Richiesta di rimborso inviata: il referente aziendale la valuterà.")
        )
    return redirect("funding:my-vouchers")


@login_required
def reimbursement_receipt(request, pk):
    """The receipt, only to the employee who sent it and their employer's HR (404 to anyone
    else), never cached."""
    reimbursement = get_object_or_404(selectors.receipts_visible_to(request.user), pk=pk)
    return receipt_response(reimbursement)
