"""How the network performs: the figures of the dashboard and of «Andamento della rete».

Every figure starts from `requests_visible_to(user)`, so provider staff see their own
providers' requests only, and operators and the Ufficio di Piano the whole district. The
figures take a fixed number of queries, whatever the number of requests: one per breakdown,
one for the times, one for assignments and declines, one for the overdue count.
"""

import statistics
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from intake.models import RequestEvent, RequestStatus
from intake.roles import is_district_office, is_operator, provider_ids
from intake.selectors import overdue_requests, requests_visible_to
from intake.services import Action

ASSIGN = Action.ASSIGN.value
DECLINE = Action.DECLINE.value
MONTHS = 12

NO_NEED = _("Nessun bisogno indicato")
OTHER_MUNICIPALITY = _("Fuori dal distretto")
NOT_ASSIGNED = _("Non ancora assegnata")
NO_PROVIDER = _("Ente non più presente")


@dataclass(frozen=True)
class Row:
    """One bar of a chart and one row of its table."""

    label: str
    value: int
    key: str = ""


@dataclass
class ProviderPerformance:
    """How quickly a provider's requests were assigned and accepted, and how many declined."""

    provider_id: int | None
    label: str
    assigned: int = 0
    declined: int = 0
    to_assignment: list = field(default_factory=list, repr=False)
    to_acceptance: list = field(default_factory=list, repr=False)

    @property
    def median_to_assignment(self):
        return _median(self.to_assignment)

    @property
    def median_to_acceptance(self):
        return _median(self.to_acceptance)

    @property
    def declined_share(self):
        return self.declined / self.assigned if self.assigned else None


@dataclass
class NetworkFigures:
    """Everything the dashboard and the report show, for one user's scope."""

    total: int
    by_status: list
    by_need: list
    by_municipality: list
    by_provider: list
    per_month: list
    providers: list
    overall: ProviderPerformance
    requests_assigned: int
    requests_declined: int
    overdue: int

    @property
    def declined_share(self):
        if not self.requests_assigned:
            return None
        return self.requests_declined / self.requests_assigned


def network_figures(user, *, now=None, months=MONTHS):
    """The figures of the requests `user` may see; `per_month` covers the last `months`."""
    now = now or timezone.now()
    visible = requests_visible_to(user)

    status_counts = dict(visible.values_list("status").annotate(n=Count("pk")).order_by())
    by_status = [
        Row(str(label), status_counts.get(value, 0), value)
        for value, label in RequestStatus.choices
    ]

    need_rows = (
        visible.values_list("service__needs__slug", "service__needs__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    by_need = _sorted_rows(Row(name or str(NO_NEED), n, slug or "") for slug, name, n in need_rows)

    municipality_rows = (
        visible.values_list("citizen__municipality__slug", "citizen__municipality__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_municipality = _sorted_rows(
        Row(name or str(OTHER_MUNICIPALITY), n, slug or "") for slug, name, n in municipality_rows
    )

    provider_rows = (
        visible.values_list("provider_id", "provider__title").annotate(n=Count("pk")).order_by()
    )
    by_provider = _sorted_rows(
        Row(title or str(NOT_ASSIGNED), n, str(pk or "")) for pk, title, n in provider_rows
    )

    first_month = _month_start(now, months - 1)
    month_counts = {
        _as_date(month): n
        for month, n in visible.filter(submitted_at__gte=first_month)
        .annotate(month=TruncMonth("submitted_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
        .order_by()
    }
    per_month = []
    for offset in range(months - 1, -1, -1):
        month = _month_start(now, offset).date()
        per_month.append(Row(_month_label(month), month_counts.get(month, 0), month.isoformat()))

    own = _own_providers(user)
    providers, overall = _performance(visible, own)
    by_own = Q() if own is None else Q(events__provider_id__in=own)
    totals = visible.aggregate(
        assigned=Count("pk", filter=Q(events__action=ASSIGN) & by_own, distinct=True),
        declined=Count("pk", filter=Q(events__action=DECLINE) & by_own, distinct=True),
    )
    return NetworkFigures(
        total=sum(row.value for row in by_status),
        by_status=by_status,
        by_need=by_need,
        by_municipality=by_municipality,
        by_provider=by_provider,
        per_month=per_month,
        providers=providers,
        overall=overall,
        requests_assigned=totals["assigned"],
        requests_declined=totals["declined"],
        overdue=overdue_count(visible, now=now),
    )


def _own_providers(user):
    """None for district-wide users; else the providers whose assignments and declines count
    (a request another provider declined before it reached this one is not theirs)."""
    if is_operator(user) or is_district_office(user):
        return None
    return provider_ids(user)


def _performance(visible, own):
    """Per provider: medians of the times to assignment and acceptance, declines."""
    performance = {}
    overall = ProviderPerformance(None, str(_("Tutta la rete")))
    times = visible.filter(assigned_at__isnull=False).values_list(
        "provider_id", "provider__title", "submitted_at", "assigned_at", "accepted_at"
    )
    for provider_id, title, submitted_at, assigned_at, accepted_at in times:
        row = performance.setdefault(
            provider_id, ProviderPerformance(provider_id, title or str(NO_PROVIDER))
        )
        for target in (row, overall):
            target.to_assignment.append(assigned_at - submitted_at)
            if accepted_at is not None:
                target.to_acceptance.append(accepted_at - submitted_at)

    events = (
        RequestEvent.objects.filter(request__in=visible, action__in=[ASSIGN, DECLINE])
        .values_list("action", "provider_id", "provider__title")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for action, provider_id, title, n in events:
        if provider_id is None or (own is not None and provider_id not in own):
            continue
        row = performance.setdefault(
            provider_id, ProviderPerformance(provider_id, title or str(NO_PROVIDER))
        )
        if action == ASSIGN:
            row.assigned += n
            overall.assigned += n
        else:
            row.declined += n
            overall.declined += n
    rows = sorted(performance.values(), key=lambda p: (p.provider_id is None, p.label))
    return rows, overall


def overdue_count(visible, *, now=None):
    """Requests waiting for a provider's answer beyond the deadline (the back office's
    rule: working days and holidays from the settings)."""
    return overdue_requests(visible, now=now).count()


def _sorted_rows(rows):
    return sorted(rows, key=lambda row: (-row.value, row.label))


def _median(durations):
    return statistics.median(durations) if durations else None


def _month_start(now, months_back):
    """Midnight of the first day of the month `months_back` months before `now`'s (local)."""
    local = timezone.localtime(now)
    year, month = local.year, local.month - months_back
    while month < 1:
        month += 12
        year -= 1
    return timezone.make_aware(datetime(year, month, 1))


def _as_date(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _month_label(month):
    return date_format(month, "M Y")
