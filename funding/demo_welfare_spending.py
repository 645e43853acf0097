"""Demo spending of the welfare credits: for each plan, one employee books home care for
an elderly parent with the credit (an order, accepted, with deliveries recorded by the
cooperative), and another submits reimbursements in each state (waiting, approved and
paid, rejected with a reason). Everything through the services, so the ledger is the real
one. Idempotent: a plan that already has orders or reimbursements is left as it is."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import Locale

from catalogue.choices import Art51Category
from catalogue.models import ServiceCostOption, ServicePage
from funding import services
from funding.models import Allocation, Order, Reimbursement
from intake.demo import OPERATOR, PROVIDER_STAFF
from intake.models import ServiceRequest
from intake.services import Action, perform_transition, submit_request

HOME_CARE = "assistenza-domiciliare-accreditata-anziani"
# A minimal one-page PDF: the receipts of the demo.
RECEIPT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
# (category, amount, family member, relationship, description, decision, reason)
REIMBURSEMENTS = [
    (Art51Category.F_BIS, "180.00", "Giulia", "child", "Centro estivo, due settimane", "", ""),
    (
        Art51Category.F_TER,
        "95.50",
        "Anna",
        "parent",
        "Assistente familiare, ore di sollievo",
        "approve",
        "",
    ),
    (
        Art51Category.F_BIS,
        "60.00",
        "Giulia",
        "child",
        "Libri di scuola",
        "reject",
        "I libri di testo non rientrano nel piano: allega la ricevuta della mensa o del centro.",
    ),
]


def load_spending(plans):
    """`plans` is {Employer: its plan}; returns how many orders and reimbursements were made."""
    users = get_user_model().objects
    operator = users.get(username=OPERATOR["username"])
    aurora_staff = users.get(
        username=next(f["username"] for f, slug in PROVIDER_STAFF if slug == "cooperativa-aurora")
    )
    service = ServicePage.objects.get(slug=HOME_CARE, locale=Locale.get_default())
    hourly = ServiceCostOption.objects.filter(
        page=service, kind="per_hour", amount__isnull=False
    ).first()
    made = 0
    for employer, plan in plans.items():
        if (
            Order.objects.filter(fund=plan).exists()
            or Reimbursement.objects.filter(allocation__fund=plan).exists()
        ):
            continue
        hr = users.filter(employer_memberships__employer=employer).first()
        credits = list(
            Allocation.objects.filter(fund=plan, citizen__isnull=False)
            .select_related("citizen__user", "account", "fund")
            .order_by("pk")
        )
        if not credits:
            continue
        made += _home_care(credits[0], service, hourly, operator, aurora_staff)
        if len(credits) > 1 and plan.allows_reimbursements:
            made += _reimbursements(credits[1], hr)
    return made


def _home_care(credit, service, hourly, operator, staff):
    citizen = credit.citizen
    key = f"demo-welfare-{citizen.pk}"
    request = ServiceRequest.objects.filter(citizen=citizen, idempotency_key=key).first()
    if request is None:
        request = submit_request(
            citizen=citizen,
            service=service,
            description="Assistenza a domicilio per mia madre, pagata con il credito welfare.",
            actor=citizen.user,
            idempotency_key=key,
        )
        for action, actor, kwargs in [
            (Action.TAKE_IN_REVIEW, operator, {}),
            (Action.ASSIGN, operator, {"provider": service.get_parent().specific}),
            (Action.ACCEPT, staff, {}),
            (Action.START, staff, {}),
        ]:
            request = perform_transition(
                service_request=request, action=action, actor=actor, **kwargs
            )
    today = timezone.localdate()
    first = max(credit.fund.valid_from, today - datetime.timedelta(days=21))
    order = services.propose_order(
        request=request,
        cost_option=hourly,
        quantity=Decimal("8"),
        allocation=credit,
        actor=staff,
        starts_on=first,
    )
    services.accept_order(order=order, actor=citizen.user)
    for day in sorted({first, max(first, today - datetime.timedelta(days=7))}):
        services.record_delivery(
            order=order, date=day, quantity=Decimal("2"), actor=staff, note="Igiene e compagnia."
        )
    return 1


def _reimbursements(credit, hr):
    today = timezone.localdate()
    spent_on = max(credit.fund.valid_from, today - datetime.timedelta(days=10))
    allowed = set(credit.fund.art51_categories)
    count = 0
    for category, amount, first_name, relationship, description, decision, reason in REIMBURSEMENTS:
        if category not in allowed:
            continue
        reimbursement = services.submit_reimbursement(
            allocation=credit,
            actor=credit.citizen.user,
            amount=Decimal(amount),
            category=category,
            spent_on=spent_on,
            family_member_name=f"{first_name} {credit.citizen.last_name}",
            family_member_relationship=relationship,
            description=description,
            receipt=SimpleUploadedFile(
                f"ricevuta-{count + 1}.pdf", RECEIPT, content_type="application/pdf"
            ),
        )
        if decision == "approve" and hr is not None:
            services.approve_reimbursement(reimbursement=reimbursement, actor=hr)
        elif decision == "reject" and hr is not None:
            services.reject_reimbursement(reimbursement=reimbursement, actor=hr, reason=reason)
        count += 1
    return count
