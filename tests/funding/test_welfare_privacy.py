"""Privacy by design (issue 14, point 6): an employer's HR reads credits, what is left and
totals, never which service, need or request an employee used. A test collects every page,
export and API answer HR can read and looks for the service's title and need in them; the
cooperative's name appears only on the employer's statement (aggregated per month)."""

import datetime

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from funding import services
from funding.models import Allocation
from funding.services import welfare as welfare_services
from tests import factories as f
from tests.funding.welfare_world import build_welfare
from tests.intake.api_helpers import client_for

pytestmark = pytest.mark.django_db
ADMIN = "/admin/fondi-e-buoni/welfare/"


@pytest.fixture
def spent(world):
    """The world's citizen is an employee: their credit pays the service they requested,
    and the cooperative has recorded sessions on it."""
    cache.clear()
    welfare = build_welfare(world)
    need = f.NeedFactory(name="Salute mentale")
    world.service.needs.add(need)
    world.service.title = "Sostegno psicologico domiciliare"
    world.service.save()
    welfare_services.apply_upload(plan=welfare.plan, data=welfare.csv, actor=welfare.hr)
    allocation = Allocation.objects.get(fund=welfare.plan, citizen=world.citizen)
    order = services.propose_order(
        request=world.request,
        cost_option=world.hourly,
        quantity="10",
        allocation=allocation,
        actor=world.aurora_staff,
    )
    services.accept_order(order=order, actor=world.citizen.user)
    services.record_delivery(
        order=order,
        date=world.today - datetime.timedelta(days=1),
        quantity="2",
        actor=world.aurora_staff,
    )
    return welfare, need


def everything_hr_reads(client, api, welfare):
    plan = welfare.plan.pk
    pages = {
        "/admin/": client.get("/admin/"),
        ADMIN: client.get(ADMIN, follow=True),
        "employer": client.get(f"{ADMIN}{welfare.acme.pk}/"),
        "plan": client.get(f"{ADMIN}piani/{plan}/"),
        "export": client.get(f"{ADMIN}piani/{plan}/dipendenti.csv"),
        "upload": client.get(f"{ADMIN}piani/{plan}/carica/"),
        "preview": client.post(
            f"{ADMIN}piani/{plan}/carica/",
            {"file": SimpleUploadedFile("d.csv", welfare.csv.encode(), "text/csv")},
        ),
        "statement": client.get(f"{ADMIN}piani/{plan}/rendiconto/"),
    }
    for path in [
        "plans/",
        f"plans/{plan}/",
        f"plans/{plan}/employees/",
        f"plans/{plan}/totals/",
        "allocations/",
        "orders/",
        "deliveries/",
        "statements/",
        "funds/",
    ]:
        pages[f"/api/funding/{path}"] = api.get(f"/api/funding/{path}")
    pages["upload-api"] = api.post(
        f"/api/funding/plans/{plan}/upload/", {"content": welfare.csv}, format="json"
    )
    pages["/api/intake/requests/"] = api.get("/api/intake/requests/")
    return {name: response.content.decode() for name, response in pages.items()}


def test_hr_never_reads_the_service_the_need_or_the_request(client, world, spent):
    welfare, need = spent
    client.force_login(welfare.hr)
    texts = everything_hr_reads(client, client_for(welfare.hr), welfare)
    assert "1750,50" in texts["plan"].replace(".", "")  # HR does read the credits
    assert "750.50" in texts["export"]
    for name, text in texts.items():
        for secret in (
            world.service.title,
            world.service.slug,
            need.name,
            world.request.reference,
            world.request.description,
        ):
            assert secret not in text, (name, secret)
        if name != "statement":
            assert world.aurora.title not in text, name
    # The statement says what the plan owes the cooperative this month, nothing more.
    assert world.aurora.title in texts["statement"] and "40,00" in texts["statement"]


def test_no_service_title_of_the_catalogue_reaches_hr(client, world, spent):
    """Every service title of the catalogue, not only the one used."""
    from catalogue.models import ServicePage

    welfare, _need = spent
    client.force_login(welfare.hr)
    texts = everything_hr_reads(client, client_for(welfare.hr), welfare)
    titles = set(ServicePage.objects.values_list("title", flat=True))
    assert titles
    for name, text in texts.items():
        for title in titles:
            assert title not in text, (name, title)
