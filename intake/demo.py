"""Demo loader of the intake: staff for each role, made-up citizens and their requests.

Everything goes through the intake's services, so every request has its real history of
events; the history is then moved back in time, so that the requests spread over the past
months and the dashboard has something to show. Idempotent: staff and citizens are looked
up by username and codice fiscale, each request by its idempotency key; a second run adds
nothing. Passwords are set only by `create_demo_staff`, which `load_demo` calls with DEBUG on.
"""

import random
from datetime import date, timedelta

from codicefiscale import codicefiscale
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from catalogue.models import Municipality, ProviderPage, ServicePage, SocialPointPage
from intake.models import (
    CitizenProfile,
    Notification,
    NotificationStatus,
    ProviderMembership,
    RequestChannel,
    RequestStatus,
    ServiceRequest,
)
from intake.roles import DISTRICT_OFFICE_GROUP, OPERATORS_GROUP
from intake.services import (
    Action,
    perform_transition,
    register_citizen_assisted,
    submit_request,
)
from intake.staff import ensure_roles, grant_membership_groups

OPERATOR = {"username": "operatore", "first_name": "Ornella", "last_name": "Sportello"}
OPERATOR_SOCIAL_POINT = "tradate"
DISTRICT_OFFICE = {"username": "ufficiodipiano", "first_name": "Ugo", "last_name": "Piano"}
# (user, provider slug): «aurora» is also the catalogue's demo editor of its cooperative.
PROVIDER_STAFF = [
    ({"username": "aurora", "first_name": "Aurora", "last_name": "Esempio"}, "cooperativa-aurora"),
    (
        {"username": "girasole", "first_name": "Gina", "last_name": "Girasole"},
        "cooperativa-girasole",
    ),
]
DEMO_CITIZEN_PASSWORD_OWNER = 0  # the citizen who can log in to the demo (DEBUG only)

# Clearly made-up people: (first name, last name, sex, birth date, municipality slug).
CITIZENS = [
    ("Anna", "Esempio", "F", date(1941, 3, 12), "tradate"),
    ("Bruno", "Prova", "M", date(1938, 7, 2), "tradate"),
    ("Carla", "Fittizia", "F", date(1950, 11, 23), "vedano-olona"),
    ("Dario", "Inventato", "M", date(1979, 1, 30), "castiglione-olona"),
    ("Elena", "Immaginaria", "F", date(1986, 5, 14), "venegono-inferiore"),
    ("Franco", "Campione", "M", date(1945, 9, 8), "venegono-superiore"),
    ("Giulia", "Modello", "F", date(1992, 2, 17), "gornate-olona"),
    ("Ivo", "Ipotetico", "M", date(1936, 12, 1), "lonate-ceppino"),
    ("Lia", "Simulata", "F", date(1948, 4, 26), "castelseprio"),
    ("Marco", "Dimostrativo", "M", date(1971, 8, 19), "tradate"),
    ("Nora", "Finta", "F", date(1955, 6, 3), "castiglione-olona"),
    ("Otto", "Demo", "M", date(1943, 10, 11), None),
]

NEEDS = [
    "Mia madre vive sola e non riesce più a fare la spesa e a cucinare.",
    "Mio padre è caduto in casa: ci serve aiuto per lavarlo e vestirlo al mattino.",
    "Dopo l'operazione non posso guidare e devo andare alle visite in ospedale.",
    "Mio figlio ha bisogno di aiuto con i compiti due pomeriggi a settimana.",
    "Ho perso il lavoro e non riesco a pagare l'affitto di questo mese.",
    "Cerco un'attività per mio fratello con disabilità il sabato mattina.",
    "Assisto mia moglie malata e avrei bisogno di qualche ora di sollievo.",
    "Vorrei capire a quali aiuti ho diritto con il mio ISEE.",
]

# How far each request goes: the sequence of steps after «submit».
PATHS = {
    RequestStatus.SUBMITTED: [],
    RequestStatus.IN_REVIEW: ["take_in_review"],
    RequestStatus.ASSIGNED: ["take_in_review", "assign"],
    RequestStatus.ACCEPTED: ["take_in_review", "assign", "accept"],
    RequestStatus.IN_PROGRESS: ["take_in_review", "assign", "accept", "start"],
    RequestStatus.COMPLETED: ["take_in_review", "assign", "accept", "start", "complete"],
    RequestStatus.REJECTED: ["take_in_review", "reject"],
    RequestStatus.WITHDRAWN: ["withdraw"],
    "declined": ["take_in_review", "assign", "decline", "assign", "accept", "start"],
}
# (path, how many, months ago at most): a few dozen requests over eight months.
PLAN = [
    (RequestStatus.SUBMITTED, 4, 0),
    (RequestStatus.IN_REVIEW, 4, 1),
    (RequestStatus.ASSIGNED, 5, 2),
    (RequestStatus.ACCEPTED, 4, 3),
    (RequestStatus.IN_PROGRESS, 5, 6),
    (RequestStatus.COMPLETED, 7, 7),
    (RequestStatus.REJECTED, 3, 7),
    (RequestStatus.WITHDRAWN, 2, 5),
    ("declined", 2, 6),
]
# Days from the previous step, (least, most), for each kind of step.
STEP_DAYS = {
    "take_in_review": (0.1, 2),
    "assign": (0.5, 5),
    "accept": (0.2, 4),
    "decline": (0.5, 3),
    "start": (2, 8),
    "complete": (15, 40),
    "reject": (1, 4),
    "withdraw": (0.5, 6),
}
NOTES = {
    "reject": "La richiesta riguarda un servizio dell'ATS: ti abbiamo dato il contatto giusto.",
    "decline": "In questo periodo non abbiamo operatori liberi nella zona.",
}


def load_intake(stdout=None):
    """Create or complete the roles, the demo staff, citizens and requests."""
    ensure_roles()
    # The demo's people deal with the Italian pages (translations share their slugs).
    source = Locale.get_default()
    social_point = SocialPointPage.objects.filter(slug=OPERATOR_SOCIAL_POINT, locale=source).first()
    providers = {p.slug: p for p in ProviderPage.objects.live().filter(locale=source)}
    services = list(
        ServicePage.objects.live().filter(is_active=True, locale=source).order_by("path")
    )
    if social_point is None or not services:
        raise RuntimeError("The demo catalogue must exist: load_catalogue() runs first.")
    staff = _load_staff(providers)
    citizens = _load_citizens(staff["operator"], social_point)
    created = _load_requests(staff, citizens, services, providers, social_point)
    if stdout is not None:
        stdout.write(
            f"Richieste: {len(citizens)} cittadini di esempio, "
            f"{ServiceRequest.objects.filter(idempotency_key__startswith='demo-').count()} "
            f"richieste di esempio ({created} nuove)"
        )
    return {"staff": staff, "citizens": citizens}


def _staff_user(fields):
    user, created = get_user_model().objects.get_or_create(
        username=fields["username"],
        defaults={**fields, "email": f"{fields['username']}@example.org"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _load_staff(providers):
    operator = _staff_user(OPERATOR)
    operator.groups.add(Group.objects.get(name=OPERATORS_GROUP))
    district_office = _staff_user(DISTRICT_OFFICE)
    district_office.groups.add(Group.objects.get(name=DISTRICT_OFFICE_GROUP))
    provider_staff = {}
    for fields, slug in PROVIDER_STAFF:
        user = _staff_user(fields)
        ProviderMembership.objects.get_or_create(user=user, provider=providers[slug])
        provider_staff[slug] = user
    return {
        "operator": operator,
        "district_office": district_office,
        "provider_staff": provider_staff,
    }


def demo_fiscal_code(first_name, last_name, sex, birth_date, birthplace):
    return codicefiscale.encode(
        lastname=last_name,
        firstname=first_name,
        gender=sex,
        birthdate=birth_date.strftime("%d/%m/%Y"),
        birthplace=birthplace,
    )


def _load_citizens(operator, social_point):
    municipalities = {
        m.slug: m
        for m in Municipality.objects.filter(in_district=True, locale=Locale.get_default())
    }
    citizens = []
    for number, (first, last, sex, born, town) in enumerate(CITIZENS):
        municipality = municipalities.get(town) if town else None
        birthplace = municipality.name if municipality else "Varese"
        fiscal_code = demo_fiscal_code(first, last, sex, born, birthplace)
        profile = CitizenProfile.objects.filter(fiscal_code=fiscal_code).first()
        if profile is None:
            profile = register_citizen_assisted(
                operator=operator,
                social_point=social_point,
                first_name=first,
                last_name=last,
                fiscal_code=fiscal_code,
                birth_date=born,
                municipality=municipality,
                other_municipality="" if municipality else "Varese",
                phone=f"0331 {555000 + number:06d}",
                privacy_consent=True,
            ).profile
        citizens.append(profile)
    return citizens


def _plan(services, providers, now):
    """The demo requests, oldest first: (key, citizen index, service, path, moments)."""
    rng = random.Random(20260101)
    by_provider = {}
    for service in services:
        parent_slug = service.get_parent().slug
        by_provider.setdefault(parent_slug, []).append(service)
    staffed = [slug for _fields, slug in PROVIDER_STAFF if slug in providers]
    plan = []
    for path_name, count, months in PLAN:
        steps = PATHS[path_name]
        for _ in range(count):
            if "accept" in steps or "decline" in steps:
                home = staffed[len(plan) % len(staffed)]
                service = rng.choice(by_provider.get(home) or services)
                assign_to = [home]
                if "decline" in steps:
                    assign_to = [staffed[(staffed.index(home) + 1) % len(staffed)], home]
            else:
                service = rng.choice(services)
                home = service.get_parent().slug
                assign_to = [home if home in providers else rng.choice(sorted(providers))]
            youngest = sum(STEP_DAYS[step][0] for step in steps) + 0.1
            oldest = max(months * 30 + 5, youngest + 1)
            start = now - timedelta(days=rng.uniform(youngest, oldest))
            moments = [start]
            for step in steps:
                least, most = STEP_DAYS[step]
                moments.append(moments[-1] + timedelta(days=rng.uniform(least, most)))
            ceiling = now - timedelta(hours=1)
            if moments[-1] > ceiling:  # squeeze the history into the time before now
                scale = (ceiling - start) / (moments[-1] - start)
                moments = [start + (m - start) * scale for m in moments]
            plan.append(
                {
                    "citizen": rng.randrange(len(CITIZENS)),
                    "service": service,
                    "steps": steps,
                    "assign_to": assign_to,
                    "moments": moments,
                    "channel": rng.choice(
                        [RequestChannel.SOCIAL_POINT] * 2 + [RequestChannel.PHONE, "web"]
                    ),
                    "description": rng.choice(NEEDS),
                }
            )
    plan.sort(key=lambda item: item["moments"][0])
    for number, item in enumerate(plan, 1):
        item["key"] = f"demo-{number:02d}"
    return plan


def _load_requests(staff, citizens, services, providers, social_point):
    now = timezone.now()
    operator = staff["operator"]
    created = 0
    for item in _plan(services, providers, now):
        citizen = citizens[item["citizen"]]
        if ServiceRequest.objects.filter(citizen=citizen, idempotency_key=item["key"]).exists():
            continue
        with transaction.atomic():
            by_operator = item["channel"] != "web"
            service_request = submit_request(
                citizen=citizen,
                service=item["service"],
                description=item["description"],
                actor=operator if by_operator else citizen.user,
                channel=item["channel"],
                social_point=social_point if by_operator else None,
                idempotency_key=item["key"],
            )
            assign_to = list(item["assign_to"])
            for step in item["steps"]:
                provider_slug = assign_to[0] if assign_to else None
                kwargs = {"note": NOTES.get(step, "")}
                if step == "assign":
                    provider_slug = assign_to.pop(0)
                    kwargs["provider"] = providers[provider_slug]
                    actor = operator
                elif step in ("accept", "decline", "start", "complete"):
                    actor = staff["provider_staff"][service_request.provider.slug]
                elif step == "withdraw":
                    actor = citizen.user
                else:
                    actor = operator
                service_request = perform_transition(
                    service_request=service_request, action=Action(step), actor=actor, **kwargs
                )
            _backdate(service_request, item["moments"])
            created += 1
    return created


def _backdate(service_request, moments):
    """Move the request's events to `moments` (one per event) and its timestamps with them.

    The emails of a back-dated history would tell of things long past: they are dropped.
    """
    events = list(service_request.events.order_by("pk"))
    for event, moment in zip(events, moments, strict=True):
        event.created_at = moment
    type(events[0]).objects.bulk_update(events, ["created_at"])
    when = {}
    for event in events:
        when.setdefault(event.action, []).append(event.created_at)
    status = service_request.status
    still_assigned = status in (
        RequestStatus.ASSIGNED,
        RequestStatus.ACCEPTED,
        RequestStatus.IN_PROGRESS,
        RequestStatus.COMPLETED,
    )
    closing = when.get("complete") or when.get("reject") or when.get("withdraw")
    ServiceRequest.objects.filter(pk=service_request.pk).update(
        submitted_at=moments[0],
        updated_at=moments[-1],
        assigned_at=when["assign"][-1] if still_assigned else None,
        accepted_at=when["accept"][-1] if "accept" in when else None,
        closed_at=closing[-1] if closing else None,
    )
    Notification.objects.filter(request=service_request, status=NotificationStatus.PENDING).delete()


def create_demo_staff(password):
    """DEBUG-only: give the demo staff (and one demo citizen) a password to log in with.

    Returns (username, what they are) pairs for `load_demo` to print.
    """
    ensure_roles()
    accounts = [
        (OPERATOR["username"], Group.objects.get(name=OPERATORS_GROUP).name),
        (DISTRICT_OFFICE["username"], Group.objects.get(name=DISTRICT_OFFICE_GROUP).name),
    ]
    titles = dict(
        ProviderPage.objects.filter(locale=Locale.get_default()).values_list("slug", "title")
    )
    for fields, slug in PROVIDER_STAFF:
        accounts.append((fields["username"], f"Personale degli enti: {titles.get(slug, slug)}"))
    user_model = get_user_model()
    printed = []
    for username, label in accounts:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            continue
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
        # The catalogue's demo editors are reset to their content group: put the role back.
        for membership in user.provider_memberships.all():
            grant_membership_groups(membership)
        printed.append((username, label))
    first, last, sex, born, town = CITIZENS[DEMO_CITIZEN_PASSWORD_OWNER]
    profile = CitizenProfile.objects.filter(first_name=first, last_name=last).first()
    if profile is not None:
        profile.user.set_password(password)
        profile.user.is_active = True
        profile.user.save(update_fields=["password", "is_active"])
        printed.append((profile.user.username, f"Cittadina: {first} {last}"))
    return printed
