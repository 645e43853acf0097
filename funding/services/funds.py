"""Funds and the rules every other funding service shares: amounts, quantities, the
co-payment band of a citizen, which services a fund pays for, when an allocation is usable."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from catalogue.money import CENT, format_eur, to_cents
from funding.models import (
    AccountKind,
    AllocationStatus,
    CitizenIsee,
    CopaymentBand,
    Fund,
    FundKind,
)
from funding.services import ledger
from funding.services.errors import FundingError, NotPermitted
from intake.roles import is_district_office, is_operator


def clean_amount(value, *, field="amount", allow_zero=False):
    """Euros as a Decimal with at most two decimals and not negative, or a field error."""
    cents = to_cents(value)  # ValidationError for more than two decimals or not a number
    if cents < 0 or (cents == 0 and not allow_zero):
        raise ValidationError(
            {field: _("L'importo deve essere maggiore di zero.")}, code="invalid_amount"
        )
    return Decimal(cents) * CENT


def clean_quantity(value, *, field="quantity"):
    """A quantity (hours, sessions) above zero with at most two decimals."""
    message = _("Scrivi una quantità maggiore di zero, con al massimo due decimali (ad es. 1,5).")
    try:
        quantity = Decimal(str(value))
        exact = quantity.is_finite() and quantity == quantity.quantize(CENT)
    except (InvalidOperation, ValueError, TypeError) as error:
        raise ValidationError({field: message}, code="invalid_quantity") from error
    if not exact or quantity <= 0 or quantity >= Decimal("1000000"):
        raise ValidationError({field: message}, code="invalid_quantity")
    return quantity


def short_date(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def require_district_office(actor):
    if not is_district_office(actor):
        raise NotPermitted(_("Solo l'Ufficio di Piano può farlo."))


def ensure_usable(allocation, *, on=None):
    """Refuse anything on an allocation that is expired, suspended or revoked, or on a
    company plan's credit after the plan's end date."""
    today = on or timezone.localdate()
    fund = allocation.fund
    if fund.kind == FundKind.COMPANY and fund.valid_until < today:
        raise FundingError(
            _("Il piano welfare «%(plan)s» è finito il %(date)s: il credito non si può più usare.")
            % {"plan": fund.name, "date": short_date(fund.valid_until)},
            code="plan_ended",
        )
    if allocation.status == AllocationStatus.EXPIRED or allocation.valid_until < today:
        raise FundingError(
            _("Il buono è scaduto il %(date)s: non si può più usare.")
            % {"date": short_date(allocation.valid_until)},
            code="allocation_expired",
        )
    if allocation.status != AllocationStatus.GRANTED:
        raise FundingError(
            _("Il buono è %(status)s: non si può usare.")
            % {"status": allocation.get_status_display().lower()},
            code="allocation_not_usable",
        )


@transaction.atomic
def create_fund(
    *,
    name,
    payer,
    budget,
    valid_from,
    valid_until,
    actor,
    kind="municipal",
    per_beneficiary_cap=None,
    counts_hours=False,
    allows_top_up=True,
    allows_reimbursements=False,
    bands=(),
    services=(),
    needs=(),
    employer=None,
    art51_categories=(),
    employee_credit=None,
):
    """A fund with its budget put on the ledger (payer → unallocated) and its co-payment
    bands: `bands` is [(isee_up_to or None, citizen share percent), ...]. A company plan
    (kind «company») names its `employer`, the `art51_categories` it allows and, if any,
    the default `employee_credit`; it never allows a top-up (DM 25 March 2016)."""
    require_district_office(actor)
    budget = clean_amount(budget, field="budget")
    if per_beneficiary_cap is not None:
        per_beneficiary_cap = clean_amount(per_beneficiary_cap, field="per_beneficiary_cap")
    if employee_credit is not None:
        employee_credit = clean_amount(employee_credit, field="employee_credit", allow_zero=True)
    if valid_until < valid_from:
        raise ValidationError({"valid_until": _("La fine della validità viene prima dell'inizio.")})
    for _up_to, percent in bands:
        if not 0 <= int(percent) <= 100:
            raise ValidationError({"bands": _("Una quota del cittadino va da 0 a 100%.")})
    fund = Fund(
        name=name,
        kind=kind,
        payer=payer,
        budget=budget,
        valid_from=valid_from,
        valid_until=valid_until,
        per_beneficiary_cap=per_beneficiary_cap,
        counts_hours=counts_hours,
        allows_top_up=allows_top_up,
        allows_reimbursements=allows_reimbursements,
        employer=employer,
        art51_categories=list(art51_categories),
        employee_credit=employee_credit,
        created_by=actor,
    )
    fund.clean()  # the company plan's rules: employer, categories, no top-up
    fund.payer_account = ledger.new_account(AccountKind.PAYER)
    fund.unallocated_account = ledger.new_account(AccountKind.FUND_UNALLOCATED)
    fund.save()
    for account in (fund.payer_account, fund.unallocated_account):
        account.fund = fund
        account.save(update_fields=["fund"])
    CopaymentBand.objects.bulk_create(
        [
            CopaymentBand(
                fund=fund,
                isee_up_to=None if up_to is None else clean_amount(up_to, allow_zero=True),
                citizen_share_percent=int(percent),
            )
            for up_to, percent in bands
        ]
    )
    fund.services.set(services)
    fund.needs.set(needs)
    ledger.post(
        kind="funding",
        legs=[
            (fund.payer_account, -to_cents(budget)),
            (fund.unallocated_account, to_cents(budget)),
        ],
        actor=actor,
        memo=f"Budget: {format_eur(budget)}",
        fund=fund,
    )
    return fund


def set_citizen_isee(*, citizen, value, actor, valid_until=None):
    """Record the citizen's ISEE: by the citizen themselves, or by an operator or the
    Ufficio di Piano for them."""
    own = citizen.user_id == actor.pk
    if not (own or is_operator(actor) or is_district_office(actor)):
        raise NotPermitted()
    value = clean_amount(value, field="value", allow_zero=True)
    isee, _created = CitizenIsee.objects.update_or_create(
        citizen=citizen,
        defaults={"value": value, "valid_until": valid_until, "recorded_by": actor},
    )
    return isee
