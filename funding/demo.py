"""Demo loader of the funding: the year's «Bando per la domiciliarità», allocations for
demo citizens across the ISEE bands, orders at both demo cooperatives with deliveries over
the past months, one contested delivery, one approved and one open statement.

Everything goes through the funding services, so the ledger is the real one. Idempotent:
when the fund exists, nothing is added. Runs after the intake's loader (its citizens, staff
and roles).
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from catalogue.models import ProviderPage, ServiceCostOption, ServicePage
from funding import services
from funding.models import Fund
from intake.demo import DISTRICT_OFFICE, OPERATOR, PROVIDER_STAFF
from intake.models import CitizenProfile, ServiceRequest
from intake.services import Action, perform_transition, submit_request

FUND_NAME = "Bando per la domiciliarità {year}"
SERVICES = {
    "cooperativa-aurora": "assistenza-domiciliare-accreditata-anziani",
    "cooperativa-girasole": "educativa-domiciliare-minori",
}
BANDS = [(Decimal("6000"), 0), (Decimal("15000"), 20), (None, 40)]
# (citizen fiscal-code order in intake.demo.CITIZENS, ISEE, amount granted, provider,
# hours ordered, sessions of 2 hours delivered in each of the last 3 months)
BENEFICIARIES = [
    (0, "4800.00", "2400.00", "cooperativa-aurora", "60", [4, 4, 3]),
    (1, "11200.00", "2000.00", "cooperativa-aurora", "40", [3, 4, 2]),
    (2, "23500.00", "1500.00", "cooperativa-girasole", "30", [2, 3, 3]),
    (5, "9300.00", "1800.00", "cooperativa-girasole", "40", [3, 3, 2]),
]


def _months_ago(today, months):
    first = today.replace(day=1)
    for _ in range(months):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return first


def load_funding(stdout=None):
    today = timezone.localdate()
    name = FUND_NAME.format(year=today.year)
    if Fund.objects.filter(name=name).exists():
        if stdout is not None:
            stdout.write(f"Fondi: «{name}» c'è già")
        return
    users = get_user_model().objects
    district = users.get(username=DISTRICT_OFFICE["username"])
    operator = users.get(username=OPERATOR["username"])
    staff = {slug: users.get(username=fields["username"]) for fields, slug in PROVIDER_STAFF}
    source = Locale.get_default()  # translations share the Italian slugs
    providers = {p.slug: p for p in ProviderPage.objects.filter(slug__in=SERVICES, locale=source)}
    service_pages = {
        s.get_parent().slug: s
        for s in ServicePage.objects.filter(slug__in=SERVICES.values(), locale=source)
    }
    fund = services.create_fund(
        name=name,
        payer="Ufficio di Piano dell'Ambito di Tradate",
        budget=Decimal("250000.00"),
        valid_from=_months_ago(today, 4),
        valid_until=datetime.date(today.year, 12, 31) + datetime.timedelta(days=90),
        per_beneficiary_cap=Decimal("3000.00"),
        counts_hours=True,
        bands=BANDS,
        services=list(service_pages.values()),
        actor=district,
    )
    citizens = list(CitizenProfile.objects.filter(registered_by=operator).order_by("pk"))
    months = [_months_ago(today, n) for n in (3, 2, 1)]
    contested = None
    for index, isee, amount, slug, hours, sessions in BENEFICIARIES:
        citizen = citizens[index]
        services.set_citizen_isee(citizen=citizen, value=Decimal(isee), actor=operator)
        service = service_pages[slug]
        request = _voucher_request(citizen, service, providers[slug], operator, staff[slug])
        allocation = services.grant_allocation(
            fund=fund,
            citizen=citizen,
            amount=Decimal(amount),
            valid_until=fund.valid_until,
            actor=district,
            request=request,
            reason="Graduatoria del Bando, domanda accolta.",
        )
        hourly = ServiceCostOption.objects.filter(
            page=service, kind="per_hour", amount__isnull=False
        ).first()
        order = services.propose_order(
            request=request,
            cost_option=hourly,
            quantity=Decimal(hours),
            allocation=allocation,
            actor=staff[slug],
            starts_on=months[0],
            offered_providers=[p.pk for p in providers.values()],
        )
        services.accept_order(order=order, actor=operator)
        delivery = _record_sessions(order, months, sessions, staff[slug])
        if slug == "cooperativa-girasole" and contested is None:
            contested = services.contest_delivery(
                delivery=delivery,
                reason="Quel giorno l'educatrice non è venuta: era malata.",
                actor=operator,
            )
    _open_statements(fund, providers, months, district)
    if stdout is not None:
        stdout.write(f"Fondi: «{name}», {len(BENEFICIARIES)} buoni con ordini e prestazioni")


def _record_sessions(order, months, sessions, actor):
    """Two hours a week in each of the past months; the last delivery recorded."""
    delivery = None
    for month, count in zip(months, sessions, strict=True):
        for session in range(count):
            delivery = services.record_delivery(
                order=order,
                date=month + datetime.timedelta(days=2 + 7 * session),
                quantity=Decimal("2"),
                actor=actor,
                note="Intervento a domicilio.",
            )
    return delivery


def _open_statements(fund, providers, months, district):
    """Statements of the past months: the oldest approved everywhere, Aurora's all but the
    last; the last month open."""
    for slug, provider in providers.items():
        for month in months[:2]:
            statement = services.open_statement(fund=fund, provider=provider, month=month)
            if month == months[0] or slug == "cooperativa-aurora":
                services.approve_statement(statement=statement, actor=district)
        services.open_statement(fund=fund, provider=provider, month=months[2])


def _voucher_request(citizen, service, provider, operator, provider_staff):
    key = f"demo-funding-{citizen.pk}"
    request = ServiceRequest.objects.filter(citizen=citizen, idempotency_key=key).first()
    if request is None:
        request = submit_request(
            citizen=citizen,
            service=service,
            description="Chiedo il voucher del Bando per la domiciliarità.",
            actor=operator,
            channel="social_point",
            voucher_requested=True,
            idempotency_key=key,
        )
        steps = [
            (Action.TAKE_IN_REVIEW, operator, {}),
            (Action.ASSIGN, operator, {"provider": provider}),
            (Action.ACCEPT, provider_staff, {}),
            (Action.START, provider_staff, {}),
        ]
        for action, actor, kwargs in steps:
            request = perform_transition(
                service_request=request, action=action, actor=actor, **kwargs
            )
    return request
