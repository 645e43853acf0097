"""Reimbursements of a company welfare credit (art. 51 c. 2 f-bis and f-ter only): the
employee submits an expense with its receipt; the employer's HR approves it, and the credit
pays it on the ledger, or rejects it with a reason."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.choices import art51_allows_reimbursement, art51_short_label
from catalogue.money import format_eur, from_cents, to_cents
from funding.models import (
    AccountKind,
    Allocation,
    FundKind,
    Reimbursement,
    ReimbursementStatus,
    Relationship,
    TransactionKind,
)
from funding.receipts import clean_receipt
from funding.selectors import employer_ids
from funding.services import ledger
from funding.services.errors import FundingError, NotEnoughLeft, NotPermitted
from funding.services.funds import clean_amount, ensure_usable, short_date


def reimbursement_account(allocation):
    """What the plan owes the employee for their approved reimbursements (paid by payroll)."""
    return ledger.shared_account(
        AccountKind.BENEFICIARY_REIMBURSEMENT,
        f"allocation:{allocation.pk}:reimbursements",
        fund=allocation.fund,
    )


def _check_plan(allocation, category):
    fund = allocation.fund
    if fund.kind != FundKind.COMPANY or not fund.allows_reimbursements:
        raise FundingError(
            _("Questo credito non ammette rimborsi: si usa solo per i servizi della rete."),
            code="no_reimbursements",
        )
    if not art51_allows_reimbursement(category):
        raise ValidationError(
            {
                "category": _(
                    "Si rimborsano solo le spese per l'educazione e la cura dei figli (lett. "
                    "f-bis) e per l'assistenza a familiari anziani o non autosufficienti "
                    "(lett. f-ter)."
                )
            },
            code="category_not_reimbursable",
        )
    if category not in fund.art51_categories:
        raise ValidationError(
            {
                "category": _("Il piano welfare «%(plan)s» non ammette «%(category)s».")
                % {"plan": fund.name, "category": art51_short_label(category)}
            },
            code="category_not_in_plan",
        )


def _expense_errors(fund, spent_on, name, relationship):
    """Field errors of the expense: its date within the plan and not ahead, the family member."""
    errors = {}
    if not isinstance(spent_on, datetime.date):
        errors["spent_on"] = _("Indica la data della spesa.")
    elif spent_on > timezone.localdate():
        errors["spent_on"] = _("La data della spesa è nel futuro.")
    elif not (fund.valid_from <= spent_on <= fund.valid_until):
        errors["spent_on"] = _(
            "La spesa dev'essere del periodo del piano welfare: dal %(start)s al %(end)s."
        ) % {"start": short_date(fund.valid_from), "end": short_date(fund.valid_until)}
    if not name:
        errors["family_member_name"] = _("Scrivi nome e cognome del familiare.")
    if relationship not in Relationship.values:
        errors["family_member_relationship"] = _("Scegli la parentela del familiare.")
    return errors


@transaction.atomic
def submit_reimbursement(
    *,
    allocation,
    actor,
    amount,
    category,
    spent_on,
    family_member_name,
    family_member_relationship,
    receipt,
    description="",
):
    """The employee's request to be paid back `amount` from their credit, with a receipt."""
    if allocation.citizen_id is None or allocation.citizen.user_id != actor.pk:
        raise NotPermitted(_("Solo il dipendente a cui è assegnato il credito chiede un rimborso."))
    _check_plan(allocation, category)
    ensure_usable(allocation)
    fund = allocation.fund
    name = (family_member_name or "").strip()
    errors = _expense_errors(fund, spent_on, name, family_member_relationship)
    try:
        amount = clean_amount(amount)
    except ValidationError as error:
        errors["amount"] = error.messages[0]
    try:
        content_type = clean_receipt(receipt)
    except ValidationError as error:
        errors["receipt"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    left = allocation.account.balance_cents
    if to_cents(amount) > left:
        raise NotEnoughLeft(
            _("Il rimborso supera il credito rimasto: restano %(left)s.")
            % {"left": format_eur(from_cents(left))}
        )
    return Reimbursement.objects.create(
        allocation=allocation,
        citizen=allocation.citizen,
        amount=amount,
        category=category,
        spent_on=spent_on,
        family_member_name=name[:200],
        family_member_relationship=family_member_relationship,
        description=(description or "").strip()[:300],
        receipt=receipt,
        receipt_name=os_basename(receipt.name)[:255],
        receipt_type=content_type,
    )


def os_basename(name):
    return (name or "ricevuta").replace("\\", "/").rsplit("/", 1)[-1]


def _lock_for_decision(reimbursement, actor):
    """Lock the allocation, then the reimbursement (the order orders.py locks in); only the
    employer's HR decides, and only once."""
    Allocation.objects.select_for_update(of=("self",)).filter(
        pk=reimbursement.allocation_id
    ).first()
    reimbursement = (
        Reimbursement.objects.select_for_update(of=("self",))
        .select_related("allocation__account", "allocation__fund", "citizen")
        .get(pk=reimbursement.pk)
    )
    if reimbursement.allocation.fund.employer_id not in employer_ids(actor):
        raise NotPermitted(
            _("Solo i referenti aziendali del datore di lavoro decidono i rimborsi.")
        )
    if reimbursement.status != ReimbursementStatus.SUBMITTED:
        raise FundingError(
            _("Il rimborso è già «%(status)s».")
            % {"status": reimbursement.get_status_display().lower()},
            code="reimbursement_decided",
        )
    return reimbursement


@transaction.atomic
def approve_reimbursement(*, reimbursement, actor):
    """HR approves: the credit pays the amount to the employee, on the ledger."""
    reimbursement = _lock_for_decision(reimbursement, actor)
    allocation = reimbursement.allocation
    ensure_usable(allocation)
    cents = to_cents(reimbursement.amount)
    left = allocation.account.balance_cents
    if cents > left:
        raise NotEnoughLeft(
            _("Sul credito non è rimasto abbastanza: restano %(left)s, servono %(need)s.")
            % {"left": format_eur(from_cents(left)), "need": format_eur(reimbursement.amount)}
        )
    entry = ledger.post(
        kind=TransactionKind.REIMBURSEMENT,
        legs=[(allocation.account, -cents), (reimbursement_account(allocation), cents)],
        actor=actor,
        memo=f"Rimborso {reimbursement.get_category_display()}"[:255],
        fund=allocation.fund,
        allocation=allocation,
    )
    reimbursement.status = ReimbursementStatus.APPROVED
    reimbursement.transaction = entry
    reimbursement.decided_by = actor
    reimbursement.decided_at = timezone.now()
    reimbursement.save(update_fields=["status", "transaction", "decided_by", "decided_at"])
    return reimbursement


@transaction.atomic
def reject_reimbursement(*, reimbursement, actor, reason):
    """HR rejects, saying why: the employee reads the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Scrivi perché il rimborso è respinto: il dipendente lo legge.")}
        )
    reimbursement = _lock_for_decision(reimbursement, actor)
    reimbursement.status = ReimbursementStatus.REJECTED
    reimbursement.reason = reason[:2000]
    reimbursement.decided_by = actor
    reimbursement.decided_at = timezone.now()
    reimbursement.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    return reimbursement
