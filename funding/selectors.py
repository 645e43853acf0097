"""Reads with rules: which funds, allocations, orders, deliveries, statements, employers,
company plans and employees a user may see (one rule per kind of object; anything else
answers 404), and the figures built on the ledger (a fund's budget used, committed and
left)."""

import datetime
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from catalogue.choices import COST_KINDS_WITH_AMOUNT
from catalogue.money import from_cents, to_cents
from funding.models import (
    Account,
    AccountKind,
    Allocation,
    AllocationStatus,
    CitizenIsee,
    Delivery,
    DeliveryStatus,
    Employee,
    Employer,
    Fund,
    FundKind,
    Order,
    Reimbursement,
    Statement,
    StatementStatus,
)
from intake.roles import is_district_office, is_operator, provider_ids, works_on_requests


def _district(user):
    return is_operator(user) or is_district_office(user)


def funds_visible_to(user):
    """Staff who work on requests see every fund; a citizen the funds of their allocations."""
    funds = Fund.objects.all()
    if not user.is_authenticated:
        return funds.none()
    if works_on_requests(user):
        return funds
    return funds.filter(allocations__citizen__user=user).distinct()


def allocations_visible_to(user):
    """Operators and the Ufficio di Piano: all; a citizen: their own; provider staff: those
    of the citizens whose orders they hold (to quote within what is left)."""
    allocations = Allocation.objects.all()
    if not user.is_authenticated:
        return allocations.none()
    if _district(user):
        return allocations
    scope = Q(citizen__user=user)
    providers = provider_ids(user)
    if providers:
        scope |= Q(citizen__requests__provider_id__in=providers)
    return allocations.filter(scope).distinct()


def orders_visible_to(user):
    """Operators and the Ufficio di Piano: all; a citizen: their own; provider staff:
    their providers' (never another cooperative's)."""
    orders = Order.objects.all()
    if not user.is_authenticated:
        return orders.none()
    if _district(user):
        return orders
    scope = Q(citizen__user=user)
    providers = provider_ids(user)
    if providers:
        scope |= Q(provider_id__in=providers)
    return orders.filter(scope)


def deliveries_visible_to(user):
    """Whoever sees the order sees its deliveries."""
    return Delivery.objects.filter(order__in=orders_visible_to(user))


def statements_visible_to(user):
    """The Ufficio di Piano (and operators, read-only): all; provider staff: their own."""
    statements = Statement.objects.all()
    if not user.is_authenticated:
        return statements.none()
    if _district(user):
        return statements
    providers = provider_ids(user)
    return statements.filter(provider_id__in=providers) if providers else statements.none()


# Company welfare: an HR contact sees their employer's plans and employees, nothing else.


def employer_ids(user):
    """The ids of the employers this user is an HR contact of (empty for everyone else)."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_funding_employer_ids"):
        user._funding_employer_ids = set(
            user.employer_memberships.values_list("employer_id", flat=True)
        )
    return user._funding_employer_ids


def employers_visible_to(user):
    """The one scoping rule of company welfare: the Ufficio di Piano sees every employer,
    an HR contact their own, anyone else none. Plans and employees follow from it."""
    employers = Employer.objects.all()
    if not user.is_authenticated:
        return employers.none()
    if is_district_office(user):
        return employers
    return employers.filter(pk__in=employer_ids(user))


def plans_visible_to(user):
    """The company plans (funds of kind «company») of the employers the user sees."""
    return Fund.objects.filter(kind=FundKind.COMPANY, employer__in=employers_visible_to(user))


def employees_visible_to(user):
    """The employees on the plans the user sees (never through a request or a service)."""
    return Employee.objects.filter(fund__in=plans_visible_to(user))


def plan_employees(plan):
    """The employees of a plan with what a listing shows (credit, left, category), in a
    constant number of queries whatever their number."""
    return (
        Employee.objects.filter(fund=plan)
        .select_related("category", "allocation__account")
        .order_by("last_name", "first_name", "pk")
    )


def employee_left(employee):
    """What the employee may still spend of their credit (zero once it is closed)."""
    allocation = getattr(employee, "allocation", None)
    if allocation is None or allocation.status not in (
        AllocationStatus.GRANTED,
        AllocationStatus.SUSPENDED,
    ):
        return from_cents(0)
    return allocation.account.balance


def plan_totals(plan):
    """A plan's figures for its employer, in two queries: employees, credit granted, what
    is left on the credits, used (delivered) and committed (booked), and the totals per
    art. 51 category (`by_category`: {category: spent}, filled from the orders' and the
    reimbursements' category). Never a service, a need or a person's choice."""
    figures = fund_figures([plan])[plan.pk]
    employees = Employee.objects.filter(fund=plan).aggregate(
        count=Count("pk"),
        credit=Sum("credit"),
        left=Sum(
            "allocation__account__balance_cents",
            filter=Q(allocation__status__in=[AllocationStatus.GRANTED, AllocationStatus.SUSPENDED]),
        ),
    )
    return {
        "budget": plan.budget,
        "employees": employees["count"],
        "credit": employees["credit"] or from_cents(0),
        "left": from_cents(employees["left"] or 0),
        "used": figures["used"],
        "committed": figures["committed"],
        "unallocated": figures["unallocated"],
        "by_category": {category: from_cents(0) for category in plan.art51_categories},
    }


def plan_statement(plan):
    """The employer's statement: what the plan owes each cooperative per month (all the
    standing deliveries, and of them those on an approved statement), in one query; no
    service, person or delivery is named."""
    rows = (
        Delivery.objects.filter(order__fund=plan, status__in=BILLABLE)
        .annotate(month=TruncMonth("date"))
        .values("month", "order__provider_id", "order__provider__title")
        .annotate(
            total=Sum("fund_amount"),
            approved=Sum("fund_amount", filter=Q(statement__status=StatementStatus.APPROVED)),
        )
        .order_by("-month", "order__provider__title")
    )
    return [
        {
            "month": row["month"],
            "provider": row["order__provider__title"],
            "total": row["total"] or from_cents(0),
            "approved": row["approved"] or from_cents(0),
        }
        for row in rows
    ]


def fund_figures(funds):
    """{fund id: {"budget", "used", "committed", "allocated", "left"}} in euros, from the
    ledger's balances in one query: used = delivered (earned + approved), committed = held
    on orders, allocated = still available on allocations, left = budget − used − committed."""
    figures = {
        fund.pk: {"budget": fund.budget, "used": 0, "committed": 0, "allocated": 0}
        for fund in funds
    }
    rows = (
        Account.objects.filter(fund_id__in=figures)
        .values("fund_id", "kind")
        .annotate(cents=Sum("balance_cents"))
    )
    cents = {}
    for row in rows:
        cents.setdefault(row["fund_id"], {})[row["kind"]] = row["cents"] or 0
    for fund_id, figure in figures.items():
        kinds = cents.get(fund_id, {})
        used = kinds.get(AccountKind.PROVIDER_EARNED, 0) + kinds.get(
            AccountKind.PROVIDER_APPROVED, 0
        )
        committed = kinds.get(AccountKind.ORDER_COMMITTED, 0)
        figure["used"] = from_cents(used)
        figure["committed"] = from_cents(committed)
        figure["allocated"] = from_cents(kinds.get(AccountKind.ALLOCATION, 0))
        figure["unallocated"] = from_cents(kinds.get(AccountKind.FUND_UNALLOCATED, 0))
        figure["left"] = figure["budget"] - figure["used"] - figure["committed"]
    return figures


def provider_owed(provider):
    """What the funds owe `provider` on approved statements, and what citizens owe it."""
    rows = Account.objects.filter(
        Q(key__startswith="fund:", key__endswith=f":provider:{provider.pk}:approved")
        | Q(key=f"provider:{provider.pk}:copayment")
    ).aggregate(
        funds=Sum("balance_cents", filter=Q(kind=AccountKind.PROVIDER_APPROVED)),
        citizens=Sum("balance_cents", filter=Q(kind=AccountKind.PROVIDER_COPAYMENT)),
    )
    return {"funds": from_cents(rows["funds"] or 0), "citizens": from_cents(rows["citizens"] or 0)}


BILLABLE = [DeliveryStatus.RECORDED, DeliveryStatus.CONFIRMED]


def month_bounds(month):
    """The first day of `month` and the first day of the month after."""
    first = month.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following


def billable_deliveries(*, fund_id, provider_id, month):
    """The deliveries an open statement lists: not contested, not yet on a statement."""
    first, following = month_bounds(month)
    return Delivery.objects.filter(
        order__fund_id=fund_id,
        order__provider_id=provider_id,
        date__gte=first,
        date__lt=following,
        status__in=BILLABLE,
        statement__isnull=True,
    )


def contested_deliveries(statement):
    """The deliveries of the statement's fund, provider and month held out of it because
    the citizen contested them, waiting for the Ufficio di Piano's decision."""
    first, following = month_bounds(statement.month)
    return Delivery.objects.filter(
        order__fund_id=statement.fund_id,
        order__provider_id=statement.provider_id,
        date__gte=first,
        date__lt=following,
        status=DeliveryStatus.CONTESTED,
    ).order_by("date", "pk")


def statement_lines(statement):
    """A statement's deliveries: its own once approved, the billable ones while open; in
    date order with what a listing shows, in a constant number of queries."""
    if statement.status == StatementStatus.APPROVED:
        lines = Delivery.objects.filter(statement=statement)
    else:
        lines = billable_deliveries(
            fund_id=statement.fund_id, provider_id=statement.provider_id, month=statement.month
        )
    return lines.select_related("order__citizen").order_by("date", "pk")


def statement_totals(statement):
    """{"fund", "citizen", "count"} of the statement's lines, in one query."""
    if statement.status == StatementStatus.APPROVED:
        return {
            "fund": statement.fund_total,
            "citizen": statement.citizen_total,
            "count": statement.delivery_count,
        }
    totals = (
        statement_lines(statement)
        .order_by()
        .aggregate(fund=Sum("fund_amount"), citizen=Sum("citizen_amount"), count=Count("pk"))
    )
    return {
        "fund": totals["fund"] or from_cents(0),
        "citizen": totals["citizen"] or from_cents(0),
        "count": totals["count"],
    }


def funds_paying_for(service, *, on=None):
    """The funds valid on `on` (today) that pay for `service`."""
    today = on or timezone.localdate()
    funds = Fund.objects.filter(valid_from__lte=today, valid_until__gte=today).prefetch_related(
        "services", "needs", "copayment_bands"
    )
    return [fund for fund in funds if fund_covers(fund, service)]


def estimate_for(citizen, service):
    """«Per te: X € l'ora, il Comune paga Y €»: for each fund paying for `service` and each
    priced cost option, the citizen's and the fund's share of one unit; `needs_isee` when
    the citizen's band is unknown (then no figures)."""
    funds = funds_paying_for(service)
    options = [
        option
        for option in service.cost_options.all()
        if option.kind in COST_KINDS_WITH_AMOUNT and option.amount is not None
    ]
    lines = []
    needs_isee = False
    for fund in funds:
        percent = citizen_share_percent(fund, citizen) if citizen is not None else None
        if percent is None:
            needs_isee = True
            continue
        for option in options:
            fund_cents, citizen_cents = split_unit(to_cents(option.amount), percent)
            lines.append(
                {
                    "fund": fund,
                    "unit": option.unit or option.get_kind_display(),
                    "price": option.amount,
                    "citizen": from_cents(citizen_cents),
                    "fund_share": from_cents(fund_cents),
                }
            )
    return {"funds": funds, "lines": lines, "needs_isee": needs_isee and not lines}


# The arithmetic and the reads of the co-payment rule, shared by quotes and estimates.


def cents_of(quantity, unit_cents):
    """Whole cents of `quantity` units at `unit_cents` each, rounded half up."""
    return int((Decimal(quantity) * unit_cents).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def split_unit(unit_cents, percent):
    """(fund's, citizen's) cents of one unit, for the citizen's share in percent."""
    citizen = int((unit_cents * percent + 50) // 100)
    return unit_cents - citizen, citizen


def citizen_share_percent(fund, citizen):
    """The citizen's share (0-100) of a price the fund pays for, from their ISEE and the
    fund's bands; None when the ISEE is unknown and the fund's share depends on it."""
    bands = list(fund.copayment_bands.all())
    if not bands:
        return 0
    if len({band.citizen_share_percent for band in bands}) == 1:
        return bands[0].citizen_share_percent
    isee = CitizenIsee.objects.filter(citizen=citizen).first()
    if isee is None:
        return None
    for band in bands:  # ordered by isee_up_to, "any above" last
        if band.isee_up_to is None or isee.value <= band.isee_up_to:
            return band.citizen_share_percent
    return 100


def fund_covers(fund, service):
    """True when `fund` pays for `service`: listed among its services, or answering one of
    its needs (a fund that lists neither pays for any service)."""
    if service is None:
        return False
    service_ids = {s.pk for s in fund.services.all()}
    need_ids = {n.pk for n in fund.needs.all()}
    if not service_ids and not need_ids:
        return True
    if service.pk in service_ids:
        return True
    return bool(need_ids & set(service.needs.values_list("pk", flat=True)))


# Reimbursements: the employee's own; their employer's HR (who decides them); the Ufficio
# di Piano sees them, but not their receipts.


def reimbursements_visible_to(user):
    """The employee: their own; an HR contact: those on their employers' plans; the Ufficio
    di Piano: all; anyone else: none."""
    reimbursements = Reimbursement.objects.all()
    if not user.is_authenticated:
        return reimbursements.none()
    if is_district_office(user):
        return reimbursements
    scope = Q(citizen__user=user)
    employers = employer_ids(user)
    if employers:
        scope |= Q(allocation__fund__employer_id__in=employers)
    return reimbursements.filter(scope)


def receipts_visible_to(user):
    """The reimbursements whose receipt `user` may open: the employee who submitted it and
    their employer's HR, nobody else (the receipt is about a family member)."""
    if not user.is_authenticated:
        return Reimbursement.objects.none()
    scope = Q(citizen__user=user)
    employers = employer_ids(user)
    if employers:
        scope |= Q(allocation__fund__employer_id__in=employers)
    return Reimbursement.objects.filter(scope)
