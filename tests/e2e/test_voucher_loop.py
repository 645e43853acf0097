"""The voucher's whole loop in a real browser: the Ufficio di Piano grants it from the
request's page, the cooperative quotes, the citizen accepts in «I miei buoni», the
cooperative records a session, the Ufficio di Piano approves the month's statement; the
citizen, the cooperative and the Ufficio di Piano each see the outcome."""

import datetime

from playwright.sync_api import expect

from funding.models import StatementStatus
from tests import factories as f
from tests.e2e.test_backoffice_handoff import admin_login, citizen_tab
from tests.funding.world import build_world
from tests.intake.backoffice_world import grant_admin_access


def test_grant_quote_accept_deliver_and_approve(browser, live_server, live_site):
    grant_admin_access("Ufficio di Piano", "Personale degli enti", "Operatori Social Point")
    providers = f.ProviderIndexPageFactory(parent=live_site)
    provider = f.ProviderPageFactory(parent=providers, title="Cooperativa Aurora")
    world = build_world(
        {
            "providers": providers,
            "provider": provider,
            "service": f.ServicePageFactory(parent=provider, title="Assistenza a casa"),
        }
    )
    request_url = f"/admin/richieste/{world.request.pk}/"
    last_month = world.today.replace(day=1) - datetime.timedelta(days=1)

    district = admin_login(browser, live_server, world.district)
    district.goto(request_url)
    district.get_by_label("Importo (euro)").fill("500,00")
    district.get_by_role("button", name="Assegna il buono").click()
    expect(district.get_by_text("Buono assegnato.")).to_be_visible()

    coop = admin_login(browser, live_server, world.aurora_staff)
    coop.goto(request_url)
    coop.locator("#quote-quantity").fill("10")
    coop.get_by_role("button", name="Proponi il preventivo").click()
    expect(coop.get_by_text("Preventivo proposto: il cittadino")).to_be_visible()

    citizen = citizen_tab(browser, live_server, world.citizen.user)
    citizen.goto("/buoni/")
    citizen.get_by_role("button", name="Accetta il preventivo").click()
    expect(citizen.get_by_text("Preventivo accettato.")).to_be_visible()
    expect(citizen.get_by_text("340,00")).to_be_visible()  # 500 € less 10 h × 16 €

    coop.goto(request_url)
    coop.locator("input[name=date]").fill(last_month.isoformat())
    coop.locator("input[name=quantity]").first.fill("2")
    coop.get_by_role("button", name="Registra la prestazione").click()
    expect(coop.get_by_text("Prestazione registrata.")).to_be_visible()

    district.goto("/admin/fondi-e-buoni/rendiconti/")
    district.locator("#statements-month").fill(last_month.strftime("%Y-%m"))
    district.get_by_role("button", name="Prepara i rendiconti del mese").click()
    district.locator("table.listing a").first.click()
    district.get_by_role("button", name="Approva il rendiconto").click()
    expect(district.get_by_text("Rendiconto approvato.")).to_be_visible()
    statement = world.fund.statements.get()
    assert statement.status == StatementStatus.APPROVED

    coop.goto(f"/admin/fondi-e-buoni/rendiconti/{statement.pk}/")
    expect(coop.get_by_text("Approvato").first).to_be_visible()
    expect(coop.get_by_text("32,00").first).to_be_visible()
    citizen.goto("/buoni/")
    expect(citizen.get_by_text("8,00").first).to_be_visible()  # her share: 2 h × 4 €
