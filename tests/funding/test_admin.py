"""The funding in the Wagtail admin: the Budget panel, statements approved once, exports,
and another cooperative's statement answering 404."""

import datetime
from decimal import Decimal

import pytest

from funding import services
from funding.models import StatementStatus
from tests.funding.world import grant, quote
from tests.intake.backoffice_world import grant_admin_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement(world):
    grant_admin_access("Ufficio di Piano", "Personale degli enti", "Operatori Social Point")
    order = quote(world, grant(world), "10")
    services.accept_order(order=order, actor=world.citizen.user)
    month = world.today.replace(day=1) - datetime.timedelta(days=1)
    services.record_delivery(order=order, date=month, quantity=3, actor=world.aurora_staff)
    return services.open_statement(fund=world.fund, provider=world.aurora, month=month)


def test_the_dashboard_shows_the_budget_per_fund(client, world, statement):
    client.force_login(world.district)
    text = client.get("/admin/").content.decode()
    assert "Budget" in text and "Bando per la domiciliarità 2026" in text
    assert "<svg" in text and "48,00" in text  # used: 3 h × 16 €


def test_the_district_office_approves_a_statement_once(client, world, statement):
    client.force_login(world.district)
    url = f"/admin/fondi-e-buoni/rendiconti/{statement.pk}/"
    assert "48,00" in client.get(url).content.decode()
    client.post(url)
    statement.refresh_from_db()
    assert statement.status == StatementStatus.APPROVED
    page = client.post(url, follow=True).content.decode()
    assert "già stato approvato" in page
    csv = client.get(f"{url}csv/")
    assert csv["Content-Type"].startswith("text/csv") and "48.00" in csv.content.decode()
    xlsx = client.get(f"{url}xlsx/")
    assert xlsx.content[:2] == b"PK"


def test_a_cooperative_sees_its_statement_and_not_anothers(client, world, statement):
    client.force_login(world.aurora_staff)
    url = f"/admin/fondi-e-buoni/rendiconti/{statement.pk}/"
    assert client.get(url).status_code == 200
    client.post(url)
    statement.refresh_from_db()
    assert statement.status == StatementStatus.OPEN
    client.force_login(world.girasole_staff)
    assert client.get(url).status_code == 404
    assert client.get(f"{url}csv/").status_code == 404


def test_grant_quote_and_delivery_from_the_requests_page(client, world):
    grant_admin_access("Ufficio di Piano", "Personale degli enti", "Operatori Social Point")
    url = f"/admin/richieste/{world.request.pk}/"
    client.force_login(world.district)
    assert "Assegna il buono" in client.get(url).content.decode()
    client.post(
        f"/admin/fondi-e-buoni/richieste/{world.request.pk}/buono/",
        {"fund": world.fund.pk, "amount": "800,00", "valid_until": str(world.fund.valid_until)},
    )
    allocation = world.citizen.allocations.get()
    assert allocation.amount == 800

    client.force_login(world.aurora_staff)
    page = client.post(
        f"/admin/fondi-e-buoni/richieste/{world.request.pk}/preventivo/",
        {"cost_option": world.hourly.pk, "quantity": "100", "allocation": allocation.pk},
        follow=True,
    ).content.decode()
    assert "supera il disponibile" in page
    client.post(
        f"/admin/fondi-e-buoni/richieste/{world.request.pk}/preventivo/",
        {"cost_option": world.hourly.pk, "quantity": "5", "allocation": allocation.pk},
    )
    order = world.request.orders.get()
    services.accept_order(order=order, actor=world.citizen.user)
    client.post(
        f"/admin/fondi-e-buoni/ordini/{order.pk}/prestazione/",
        {"date": str(world.today), "quantity": "2"},
    )
    assert order.deliveries.count() == 1
    client.force_login(world.girasole_staff)
    assert (
        client.post(
            f"/admin/fondi-e-buoni/ordini/{order.pk}/prestazione/",
            {"date": str(world.today), "quantity": "1"},
        ).status_code
        == 404
    )


def test_the_district_office_creates_a_fund_with_its_budget_on_the_ledger(client, world):
    grant_admin_access("Ufficio di Piano", "Personale degli enti", "Operatori Social Point")
    client.force_login(world.district)
    answer = client.post(
        "/admin/fondi-e-buoni/fondi/nuovo/",
        {
            "name": "Fondo sollievo 2026",
            "payer": "Comune di Tradate",
            "budget": "12500,50",
            "valid_from": "2026-01-01",
            "valid_until": "2026-12-31",
            "bands": "8000:0; :30",
        },
    )
    assert answer.status_code == 302, answer.context["form"].errors
    fund = world.fund.__class__.objects.get(name="Fondo sollievo 2026")
    assert fund.unallocated_account.balance == Decimal("12500.50")
    assert [b.citizen_share_percent for b in fund.copayment_bands.all()] == [0, 30]
    client.force_login(world.aurora_staff)
    assert client.get("/admin/fondi-e-buoni/fondi/nuovo/").status_code == 404
