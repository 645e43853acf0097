"""A small district for the back-office tests: two cooperatives, their services, a Social
Point, two municipalities, and one user of each staff role able to reach the admin.

The roles are the Wagtail groups of intake/roles.py, given admin access here as
`setup_roles` does; provider staff also hold a ProviderMembership.
"""

import datetime
from types import SimpleNamespace

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from intake.models import ServiceRequest
from intake.roles import DISTRICT_OFFICE_GROUP, OPERATORS_GROUP, PROVIDER_STAFF_GROUP
from intake.services import perform_transition
from tests import factories as f

ADMIN_URL = "/admin/richieste/"


def grant_admin_access(*group_names):
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for name in group_names:
        Group.objects.get_or_create(name=name)[0].permissions.add(access)


def build_district(home_page):
    """Pages, taxonomies and staff; requests are added by each test."""
    grant_admin_access(OPERATORS_GROUP, DISTRICT_OFFICE_GROUP, PROVIDER_STAFF_GROUP)
    f.ServiceIndexPageFactory(parent=home_page)
    providers = f.ProviderIndexPageFactory(parent=home_page)
    social_points = f.SocialPointIndexPageFactory(parent=home_page)
    aurora = f.ProviderPageFactory(
        parent=providers, title="Cooperativa Aurora", email="aurora@example.org"
    )
    betulla = f.ProviderPageFactory(
        parent=providers, title="Cooperativa Betulla", email="betulla@example.org"
    )
    castagno = f.ProviderPageFactory(
        parent=providers, title="Cooperativa Castagno", email="castagno@example.org"
    )
    zeta = f.ProviderPageFactory(parent=providers, title="Associazione Zeta")
    elderly = f.NeedFactory(name="Anziani")
    work = f.NeedFactory(name="Lavoro")
    tradate = f.MunicipalityFactory(name="Tradate")
    venegono = f.MunicipalityFactory(name="Venegono Inferiore")
    home_care = f.ServicePageFactory(parent=aurora, title="Assistenza domiciliare")
    home_care.needs.set([elderly])
    home_care.partner_providers.set([castagno])
    home_care.save_revision().publish()
    job_help = f.ServicePageFactory(parent=betulla, title="Orientamento al lavoro")
    job_help.needs.set([work])
    job_help.save_revision().publish()
    desk = f.SocialPointPageFactory(parent=social_points, title="Social Point Tradate")
    editor_group = Group.objects.get_or_create(name="Redattori (solo contenuti)")[0]
    editor_group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    editor = f.UserFactory(username="redattrice")
    editor.groups.add(editor_group)
    return SimpleNamespace(
        aurora=aurora,
        betulla=betulla,
        castagno=castagno,
        zeta=zeta,
        elderly=elderly,
        work=work,
        tradate=tradate,
        venegono=venegono,
        home_care=home_care,
        job_help=job_help,
        desk=desk,
        operator=f.OperatorFactory(first_name="Olga", last_name="Operatrice"),
        office=f.DistrictOfficeFactory(),
        aurora_staff=f.ProviderStaffFactory(provider=aurora, email="anna@aurora.example.org"),
        betulla_staff=f.ProviderStaffFactory(provider=betulla),
        editor=editor,
        superuser=f.UserFactory(username="admin", is_superuser=True, is_staff=True),
    )


def submit(district, service=None, *, citizen=None, days_ago=0, **kwargs):
    """A request submitted by a citizen `days_ago` days ago."""
    service_request = f.ServiceRequestFactory(
        service=service or district.home_care, citizen=citizen, **kwargs
    )
    if days_ago:
        ServiceRequest.objects.filter(pk=service_request.pk).update(
            submitted_at=timezone.now() - datetime.timedelta(days=days_ago)
        )
        service_request.refresh_from_db()
    return service_request


def advance(district, service_request, *actions, provider=None, note="Motivo di prova."):
    """Walk a request through the lifecycle as the right person for each step."""
    triage = {"take_in_review", "assign", "reject"}
    for action in actions:
        if action in triage:
            actor = district.operator
        else:
            actor = {
                district.aurora.pk: district.aurora_staff,
                district.betulla.pk: district.betulla_staff,
            }.get(service_request.provider_id, district.superuser)
        service_request = perform_transition(
            service_request=service_request,
            action=action,
            actor=actor,
            note=note if action in ("decline", "reject") else "",
            provider=(provider or district.aurora) if action == "assign" else None,
        )
    return service_request


def in_status(district, status, service=None, provider=None, **kwargs):
    """A request moved to `status` (assigned ones go to `provider`, Aurora by default)."""
    paths = {
        "submitted": [],
        "in_review": ["take_in_review"],
        "assigned": ["take_in_review", "assign"],
        "accepted": ["take_in_review", "assign", "accept"],
        "in_progress": ["take_in_review", "assign", "accept", "start"],
        "completed": ["take_in_review", "assign", "accept", "start", "complete"],
        "rejected": ["reject"],
    }
    service_request = submit(district, service, **kwargs)
    return advance(district, service_request, *paths[status], provider=provider)
