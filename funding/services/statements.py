"""Monthly statements: per fund, provider and month, the uncontested deliveries, what the
fund owes the provider and what the citizens owe. Approval locks the statement with its
deliveries and moves the fund's total from «earned» to «approved» (owed) on the ledger."""

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.money import format_eur, to_cents
from funding.models import Delivery, Statement, StatementStatus, TransactionKind
from funding.selectors import billable_deliveries, month_bounds
from funding.services import ledger
from funding.services.errors import FundingError
from funding.services.funds import require_district_office, short_date


def open_statement(*, fund, provider, month):
    """The statement of `fund`, `provider` and `month` (created open when first asked for)."""
    statement, _created = Statement.objects.get_or_create(
        fund=fund, provider=provider, month=month.replace(day=1)
    )
    return statement


@transaction.atomic
def approve_statement(*, statement, actor):
    """Approve once: the deliveries are tied to the statement and can no longer change."""
    require_district_office(actor)
    statement = (
        Statement.objects.select_for_update(of=("self",))
        .select_related("fund", "provider")
        .get(pk=statement.pk)
    )
    if statement.status == StatementStatus.APPROVED:
        raise FundingError(
            _("Il rendiconto è già stato approvato il %(date)s.")
            % {"date": short_date(timezone.localtime(statement.approved_at).date())},
            code="already_approved",
        )
    _first, following = month_bounds(statement.month)
    if following > timezone.localdate():
        raise FundingError(
            _("Il mese non è ancora finito: si approva dal %(date)s.")
            % {"date": short_date(following)},
            code="month_not_over",
        )
    billable = billable_deliveries(
        fund_id=statement.fund_id, provider_id=statement.provider_id, month=statement.month
    )
    billable.update(statement=statement)
    totals = Delivery.objects.filter(statement=statement).aggregate(
        fund=Sum("fund_amount"), citizen=Sum("citizen_amount"), count=Count("pk")
    )
    statement.fund_total = totals["fund"] or 0
    statement.citizen_total = totals["citizen"] or 0
    statement.delivery_count = totals["count"]
    cents = to_cents(statement.fund_total)
    ledger.post(
        kind=TransactionKind.APPROVAL,
        legs=[
            (ledger.provider_earned(statement.fund, statement.provider), -cents),
            (ledger.provider_approved(statement.fund, statement.provider), cents),
        ],
        actor=actor,
        memo=f"Rendiconto {statement.month:%m/%Y}: {format_eur(statement.fund_total)}",
        fund=statement.fund,
        statement=statement,
    )
    statement.status = StatementStatus.APPROVED
    statement.approved_by = actor
    statement.approved_at = timezone.now()
    statement.save(
        update_fields=[
            "status",
            "fund_total",
            "citizen_total",
            "delivery_count",
            "approved_by",
            "approved_at",
        ]
    )
    return statement


def open_statements_for_month(*, month, actor):
    """Open the statement of every fund and provider with billable deliveries in `month`;
    returns them (those already there are found, not duplicated)."""
    require_district_office(actor)
    first, following = month_bounds(month)
    pairs = (
        Delivery.objects.filter(
            date__gte=first,
            date__lt=following,
            statement__isnull=True,
            order__fund__isnull=False,
        )
        .values_list("order__fund", "order__provider")
        .distinct()
    )
    return [
        Statement.objects.get_or_create(fund_id=fund_id, provider_id=provider_id, month=first)[0]
        for fund_id, provider_id in pairs
    ]
