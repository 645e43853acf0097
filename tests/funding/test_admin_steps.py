"""The Ufficio di Piano's buttons in the admin: suspend, reinstate and revoke an allocation
(from the request's page, the fund's page and «Cittadini»), decide a contested delivery
(from the statement and the request's page); everyone else is refused with 404."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from funding import services
from funding.checks import ledger_problems
from funding.models import AllocationStatus, DeliveryStatus
from intake.roles import OPERATORS_GROUP
from tests.funding.world import grant, quote
from tests.intake.backoffice_world import grant_admin_access

pytestmark = pytest.mark.django_db

STEP = "/admin/fondi-e-buoni/buoni/{pk}/{step}/"
DECIDE = "/admin/fondi-e-buoni/prestazioni/{pk}/decidi/"


@pytest.fixture
def staff_access():
    grant_admin_access("Ufficio di Piano", "Personale degli enti", "Operatori Social Point")


def test_district_office_suspends_reinstates_and_revokes_from_the_requests_page(
    client, world, staff_access
):
    allocation = grant(world, "1000.00")
    order = quote(world, allocation, "10")  # 10 h × 16 € = 160 € committed on the order
    services.accept_order(order=order, actor=world.citizen.user)
    inspect = f"/admin/richieste/{world.request.pk}/"
    client.force_login(world.district)

    page = client.get(inspect).content.decode()
    suspend_url = STEP.format(pk=allocation.pk, step="sospendi")
    assert suspend_url in page and STEP.format(pk=allocation.pk, step="riattiva") not in page

    confirm = client.get(f"{suspend_url}?next={inspect}")
    assert confirm.status_code == 200
    assert "Sospendi il buono" in confirm.content.decode()

    # The confirmation asks for a reason: without it nothing changes.
    missing = client.post(suspend_url, {"reason": "", "next": inspect})
    assert missing.status_code == 200 and "Questo campo è obbligatorio" in missing.content.decode()
    allocation.refresh_from_db()
    assert allocation.status == AllocationStatus.GRANTED

    done = client.post(suspend_url, {"reason": "ISEE da verificare", "next": inspect}, follow=True)
    assert done.redirect_chain[-1][0] == inspect
    assert "Buono sospeso" in done.content.decode()
    allocation.refresh_from_db()
    assert allocation.status == AllocationStatus.SUSPENDED
    assert "ISEE da verificare" in allocation.reason
    page = done.content.decode()
    assert STEP.format(pk=allocation.pk, step="riattiva") in page and suspend_url not in page

    # Suspending again is refused by the service, with its message.
    again = client.post(suspend_url, {"reason": "di nuovo", "next": inspect}, follow=True)
    assert "Si può sospendere solo un buono assegnato" in again.content.decode()

    client.post(STEP.format(pk=allocation.pk, step="riattiva"), {"reason": ""})
    allocation.refresh_from_db()
    assert allocation.status == AllocationStatus.GRANTED

    revoked = client.post(
        STEP.format(pk=allocation.pk, step="revoca"),
        {"reason": "Trasferito fuori distretto", "next": inspect},
        follow=True,
    )
    assert "840,00" in revoked.content.decode()  # what was left goes back to the fund
    allocation.refresh_from_db()
    assert allocation.status == AllocationStatus.REVOKED
    assert allocation.available == 0
    world.fund.unallocated_account.refresh_from_db()
    assert world.fund.unallocated_account.balance == 10000 - 1000 + 840
    assert ledger_problems() == []
    assert "/revoca/" not in revoked.content.decode()  # a closed allocation has no buttons


def test_a_cooperative_and_an_operator_are_refused(client, world, staff_access):
    allocation = grant(world, "500.00")
    contested = _contested_delivery(world, allocation)
    for user in (world.aurora_staff, world.girasole_staff, world.operator, world.citizen.user):
        client.force_login(user)
        for step in ("sospendi", "riattiva", "revoca"):
            url = STEP.format(pk=allocation.pk, step=step)
            assert client.get(url).status_code in (302, 404)  # a citizen goes to the login
            assert client.post(url, {"reason": "no"}).status_code in (302, 404)
        url = DECIDE.format(pk=contested.pk)
        assert client.post(url, {"decision": "accolta", "note": "no"}).status_code in (302, 404)
    client.force_login(world.aurora_staff)
    page = client.get(f"/admin/richieste/{world.request.pk}/").content.decode()
    assert "/sospendi/" not in page and "Decidi la contestazione" not in page
    allocation.refresh_from_db()
    contested.refresh_from_db()
    assert allocation.status == AllocationStatus.GRANTED
    assert contested.status == DeliveryStatus.CONTESTED


def test_an_unknown_step_or_allocation_answers_404(client, world, staff_access):
    allocation = grant(world, "500.00")
    client.force_login(world.district)
    assert client.get(STEP.format(pk=allocation.pk, step="cancella")).status_code == 404
    assert client.get(STEP.format(pk=allocation.pk + 999, step="revoca")).status_code == 404


def test_the_funds_page_lists_allocations_and_revokes_from_there(client, world, staff_access):
    allocation = grant(world, "700.00")
    client.force_login(world.district)
    assert (
        f"/admin/fondi-e-buoni/fondi/{world.fund.pk}/"
        in client.get("/admin/fondi-e-buoni/fondi/").content.decode()
    )
    fund_page = f"/admin/fondi-e-buoni/fondi/{world.fund.pk}/"
    text = client.get(fund_page).content.decode()
    assert world.citizen.full_name in text and "700,00" in text
    revoke = STEP.format(pk=allocation.pk, step="revoca")
    assert revoke in text
    done = client.post(revoke, {"reason": "Rinuncia", "next": fund_page}, follow=True)
    assert done.redirect_chain[-1][0] == fund_page
    assert "Buono revocato" in done.content.decode()
    # Only our own pages are followed after a step.
    allocation2 = grant(world, "100.00")
    away = client.post(
        STEP.format(pk=allocation2.pk, step="sospendi"),
        {"reason": "x", "next": "https://evil.example/"},
    )
    assert away["Location"] == f"/admin/richieste/{world.request.pk}/"


def test_citizens_page_lists_the_allocations_with_buttons_for_the_district_office(
    client, world, staff_access
):
    allocation = grant(world, "300.00")
    client.force_login(world.operator)  # an operator reads them, without buttons
    page = client.get(f"/admin/cittadini/{world.citizen.pk}/").content.decode()
    assert "300,00" in page and "/sospendi/" not in page
    world.district.groups.add(Group.objects.get(name=OPERATORS_GROUP))  # at the desk too
    client.force_login(world.district)
    page = client.get(f"/admin/cittadini/{world.citizen.pk}/").content.decode()
    assert STEP.format(pk=allocation.pk, step="sospendi") in page


def _contested_delivery(world, allocation):
    order = quote(world, allocation, "10")
    services.accept_order(order=order, actor=world.citizen.user)
    last_month = world.today.replace(day=1) - datetime.timedelta(days=1)
    delivery = services.record_delivery(
        order=order, date=last_month, quantity=2, actor=world.aurora_staff
    )
    return services.contest_delivery(
        delivery=delivery, reason="Non è venuto", actor=world.citizen.user
    )


def test_district_office_decides_contests_from_the_statement(client, world, staff_access):
    allocation = grant(world, "1000.00")
    first = _contested_delivery(world, allocation)
    second = services.contest_delivery(
        delivery=services.record_delivery(
            order=first.order, date=first.date, quantity=1, actor=world.aurora_staff
        ),
        reason="Solo mezz'ora",
        actor=world.citizen.user,
    )
    statement = services.open_statement(fund=world.fund, provider=world.aurora, month=first.date)
    url = f"/admin/fondi-e-buoni/rendiconti/{statement.pk}/"
    client.force_login(world.district)
    text = client.get(url).content.decode()
    assert "Non è venuto" in text and DECIDE.format(pk=first.pk) in text

    # A decision needs a choice and a note.
    missing = client.post(DECIDE.format(pk=first.pk), {"decision": "accolta", "next": url})
    assert missing.status_code == 200
    first.refresh_from_db()
    assert first.status == DeliveryStatus.CONTESTED

    upheld = client.post(
        DECIDE.format(pk=first.pk),
        {"decision": "accolta", "note": "L'ente conferma l'assenza", "next": url},
        follow=True,
    )
    assert upheld.redirect_chain[-1][0] == url
    assert "Contestazione accolta" in upheld.content.decode()
    first.refresh_from_db()
    assert first.status == DeliveryStatus.VOIDED
    assert first.decision_note == "L'ente conferma l'assenza"

    rejected = client.post(
        DECIDE.format(pk=second.pk),
        {"decision": "respinta", "note": "Firma del foglio presenze", "next": url},
        follow=True,
    )
    assert "Contestazione respinta" in rejected.content.decode()
    second.refresh_from_db()
    assert second.status == DeliveryStatus.CONFIRMED
    # Confirmed, it is now on the statement: 1 h × 16 € for the fund.
    assert "16,00" in rejected.content.decode()
    assert "Nessuna prestazione contestata" in rejected.content.decode()
    # Deciding twice is refused by the service.
    page = client.post(
        DECIDE.format(pk=second.pk), {"decision": "accolta", "note": "x"}, follow=True
    ).content.decode()
    assert "non c&#x27;è niente da decidere" in page or "non è contestata" in page
    assert ledger_problems() == []


def test_the_decision_from_the_requests_page(client, world, staff_access):
    delivery = _contested_delivery(world, grant(world, "1000.00"))
    inspect = f"/admin/richieste/{world.request.pk}/"
    client.force_login(world.district)
    assert DECIDE.format(pk=delivery.pk) in client.get(inspect).content.decode()
    assert "Decidi la contestazione" in client.get(DECIDE.format(pk=delivery.pk)).content.decode()
    client.post(DECIDE.format(pk=delivery.pk), {"decision": "respinta", "note": "Verificato"})
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.CONFIRMED
    client.force_login(world.citizen.user)  # the citizen reads the decision's note
    assert "«Verificato»" in client.get("/buoni/").content.decode()


def test_expire_allocations_releases_what_is_left_once(world, client, staff_access):
    allocation = grant(world, "1000.00")
    order = quote(world, allocation, "10")
    services.accept_order(order=order, actor=world.citizen.user)
    yesterday = world.today - datetime.timedelta(days=1)
    type(allocation).objects.filter(pk=allocation.pk).update(valid_until=yesterday)
    unallocated = world.fund.unallocated_account

    # Before the job runs the rule already holds: refused, shown as expired, no buttons.
    client.force_login(world.citizen.user)
    page = client.get("/buoni/").content.decode()
    assert "Scaduto" in page and "non utilizzabile" in page
    client.force_login(world.district)
    assert "/sospendi/" not in client.get(f"/admin/richieste/{world.request.pk}/").content.decode()
    refused = client.post(
        STEP.format(pk=allocation.pk, step="sospendi"), {"reason": "x"}, follow=True
    ).content.decode()
    assert "non si può più modificare" in refused or "Non si può fare" in refused

    call_command("expire_allocations")
    allocation.refresh_from_db()
    unallocated.refresh_from_db()
    assert allocation.status == AllocationStatus.EXPIRED
    assert allocation.available == 0
    assert unallocated.balance == 10000 - 1000 + 840  # the unspent 840 € back to the fund
    assert ledger_problems() == []
    call_command("check_ledger")

    transactions = allocation.account.postings.count()
    call_command("expire_allocations")
    allocation.refresh_from_db()
    unallocated.refresh_from_db()
    assert allocation.account.postings.count() == transactions
    assert unallocated.balance == 10000 - 1000 + 840
