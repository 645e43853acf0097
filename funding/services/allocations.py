"""Allocations: a fund's money granted to one citizen, suspended, reinstated, revoked or
expired. A grant moves money from the fund's unallocated budget to the allocation; a
revocation or expiry moves what is left back."""

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.money import format_eur, to_cents
from funding.models import AccountKind, Allocation, AllocationStatus, Fund
from funding.services import ledger
from funding.services.errors import FundingError, NotEnoughLeft
from funding.services.funds import clean_amount, require_district_office, short_date


@transaction.atomic
def grant_allocation(
    *, fund, citizen, amount, valid_until, actor, hours=None, reason="", request=None
):
    """Grant `amount` of `fund` to `citizen`, within the fund's budget and its cap."""
    require_district_office(actor)
    amount = clean_amount(amount)
    # The fund's row serialises grants, so that the cap and the budget are read once each.
    fund = Fund.objects.select_for_update(of=("self",)).get(pk=fund.pk)
    today = timezone.localdate()
    if fund.valid_until < today:
        raise FundingError(
            _("Il fondo è scaduto il %(date)s.") % {"date": short_date(fund.valid_until)},
            code="fund_expired",
        )
    if valid_until < today or valid_until > fund.valid_until:
        raise FundingError(
            _("La scadenza del buono va da oggi al %(date)s, fine del fondo.")
            % {"date": short_date(fund.valid_until)},
            code="invalid_valid_until",
        )
    if fund.per_beneficiary_cap is not None:
        already = (
            Allocation.objects.filter(
                fund=fund,
                citizen=citizen,
                status__in=[AllocationStatus.GRANTED, AllocationStatus.SUSPENDED],
            ).aggregate(total=Sum("amount"))["total"]
            or 0
        )
        if already + amount > fund.per_beneficiary_cap:
            raise FundingError(
                _(
                    "Supera il massimo per beneficiario del fondo (%(cap)s): a questa persona "
                    "sono già assegnati %(already)s."
                )
                % {"cap": format_eur(fund.per_beneficiary_cap), "already": format_eur(already)},
                code="over_cap",
            )
    left = fund.unallocated_account.balance
    if amount > left:
        raise NotEnoughLeft(
            _("Supera il budget del fondo: restano da assegnare %(left)s.")
            % {"left": format_eur(left)}
        )
    allocation = Allocation.objects.create(
        fund=fund,
        citizen=citizen,
        amount=amount,
        hours=hours,
        valid_until=valid_until,
        reason=reason,
        request=request,
        granted_by=actor,
        account=ledger.new_account(AccountKind.ALLOCATION, fund=fund),
    )
    ledger.post(
        kind="grant",
        legs=[
            (fund.unallocated_account, -to_cents(amount)),
            (allocation.account, to_cents(amount)),
        ],
        actor=actor,
        memo=f"Assegnazione di {format_eur(amount)}",
        fund=fund,
        allocation=allocation,
    )
    return allocation


# From which statuses each step of the Ufficio di Piano may be taken: the services below
# check it, the admin shows only the buttons it allows.
ALLOWED_FROM = {
    "suspend": {AllocationStatus.GRANTED},
    "reinstate": {AllocationStatus.SUSPENDED},
    "revoke": {AllocationStatus.GRANTED, AllocationStatus.SUSPENDED},
}


def allowed_steps(allocation, *, today=None):
    """The steps («suspend», «reinstate», «revoke») the allocation's status allows; none
    once it is past its date (the daily expiry closes it, whether it ran yet or not)."""
    if allocation.valid_until < (today or timezone.localdate()):
        return []
    return [step for step, statuses in ALLOWED_FROM.items() if allocation.status in statuses]


def _ensure_step_allowed(allocation, step, message, code):
    if allocation.valid_until < timezone.localdate():
        raise FundingError(
            _("Il buono è scaduto il %(date)s: non si può più modificare.")
            % {"date": short_date(allocation.valid_until)},
            code="allocation_expired",
        )
    if allocation.status not in ALLOWED_FROM[step]:
        raise FundingError(message, code=code)


def _locked(allocation):
    return (
        Allocation.objects.select_for_update(of=("self",))
        .select_related("account", "fund")
        .get(pk=allocation.pk)
    )


def _give_back(allocation, *, actor, memo):
    """Move what is left on the allocation back to the fund's unallocated budget."""
    left = allocation.account.balance_cents
    fund = allocation.fund
    ledger.post(
        kind="revocation",
        legs=[(allocation.account, -left), (fund.unallocated_account, left)],
        actor=actor,
        memo=memo,
        fund=fund,
        allocation=allocation,
    )


@transaction.atomic
def suspend_allocation(*, allocation, actor, reason=""):
    """Nothing more may be committed on it until it is reinstated; the money stays."""
    require_district_office(actor)
    allocation = _locked(allocation)
    _ensure_step_allowed(
        allocation, "suspend", _("Si può sospendere solo un buono assegnato."), "not_granted"
    )
    allocation.status = AllocationStatus.SUSPENDED
    allocation.reason = "\n".join(filter(None, [allocation.reason, reason]))
    allocation.save(update_fields=["status", "reason", "updated_at"])
    return allocation


@transaction.atomic
def reinstate_allocation(*, allocation, actor, reason=""):
    """A suspended allocation is usable again (until its date)."""
    require_district_office(actor)
    allocation = _locked(allocation)
    _ensure_step_allowed(allocation, "reinstate", _("Il buono non è sospeso."), "not_suspended")
    allocation.status = AllocationStatus.GRANTED
    allocation.reason = "\n".join(filter(None, [allocation.reason, reason]))
    allocation.save(update_fields=["status", "reason", "updated_at"])
    return allocation


@transaction.atomic
def revoke_allocation(*, allocation, actor, reason=""):
    """What is left goes back to the fund; orders already accepted keep their commitment."""
    require_district_office(actor)
    allocation = _locked(allocation)
    _ensure_step_allowed(allocation, "revoke", _("Il buono è già chiuso."), "already_closed")
    _give_back(allocation, actor=actor, memo=f"Revoca: {reason}"[:255])
    allocation.status = AllocationStatus.REVOKED
    allocation.reason = "\n".join(filter(None, [allocation.reason, reason]))
    allocation.save(update_fields=["status", "reason", "updated_at"])
    return allocation


def expire_allocations(*, today=None):
    """Close the allocations past their date, giving what is left back to their fund;
    returns how many were closed. Run daily (and by load_demo)."""
    today = today or timezone.localdate()
    closed = 0
    due = Allocation.objects.filter(
        status__in=[AllocationStatus.GRANTED, AllocationStatus.SUSPENDED],
        valid_until__lt=today,
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            allocation = _locked(Allocation(pk=pk))
            if allocation.status not in (AllocationStatus.GRANTED, AllocationStatus.SUSPENDED):
                continue
            _give_back(allocation, actor=None, memo="Scadenza del buono")
            allocation.status = AllocationStatus.EXPIRED
            allocation.save(update_fields=["status", "updated_at"])
            closed += 1
    return closed
