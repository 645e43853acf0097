"""Company welfare's whole loop in a real browser: HR uploads the employees' CSV in the
admin (preview, then confirm), the cooperative quotes home care for the employee's mother
paid by her welfare credit, she accepts it in «I miei buoni», the cooperative records the
sessions, and the employer's statement shows what the plan owes the cooperative."""

import datetime
from decimal import Decimal

from playwright.sync_api import expect

from catalogue.choices import Art51Category
from funding.models import Allocation, FundKind
from funding.services import welfare
from intake.roles import EMPLOYER_HR_GROUP
from tests import factories as f
from tests.e2e.test_backoffice_handoff import admin_login, citizen_tab
from tests.funding.world import build_world
from tests.intake.backoffice_world import grant_admin_access


def test_upload_book_with_credit_deliver_and_read_the_employers_statement(
    browser, live_server, live_site
):
    grant_admin_access(
        "Ufficio di Piano", "Personale degli enti", "Operatori Social Point", EMPLOYER_HR_GROUP
    )
    providers = f.ProviderIndexPageFactory(parent=live_site)
    provider = f.ProviderPageFactory(parent=providers, title="Cooperativa Aurora")
    home_care = f.ServicePageFactory(
        parent=provider,
        title="Assistenza domiciliare anziani",
        art51_categories=[Art51Category.F_TER],
    )
    world = build_world({"providers": providers, "provider": provider, "service": home_care})
    employer = f.EmployerFactory(name="Tessitura Olona S.r.l.")
    hr = f.EmployerHRFactory(employer=employer)
    plan = welfare.create_plan(
        employer=employer,
        name="Piano welfare Tessitura Olona",
        budget=Decimal("10000.00"),
        valid_from=world.today - datetime.timedelta(days=100),
        valid_until=world.today + datetime.timedelta(days=200),
        art51_categories=[Art51Category.F_TER, Art51Category.F_BIS],
        employee_credit=Decimal("300.00"),
        actor=world.district,
    )
    citizen = world.citizen
    csv = (
        "codice fiscale;nome;cognome;email;credito\n"
        f"{citizen.fiscal_code};{citizen.first_name};{citizen.last_name};"
        "dipendente@example.org;400,00\n"
    )

    # HR uploads the employees: a preview first, nothing saved; then confirm.
    hr_tab = admin_login(browser, live_server, hr)
    hr_tab.goto(f"/admin/fondi-e-buoni/welfare/piani/{plan.pk}/carica/")
    hr_tab.locator("input[type=file]").set_input_files(
        {"name": "dipendenti.csv", "mimeType": "text/csv", "buffer": csv.encode("utf-8-sig")}
    )
    hr_tab.get_by_role("button", name="Controlla il file").click()
    expect(hr_tab.get_by_text("Anteprima: nulla è ancora salvato")).to_be_visible()
    assert not Allocation.objects.filter(fund=plan).exists()
    hr_tab.get_by_role("button", name="Conferma e salva").click()
    expect(hr_tab.get_by_text("Caricamento salvato: 1 nuovi")).to_be_visible()
    credit = Allocation.objects.get(fund=plan, citizen=citizen)
    assert credit.fund.kind == FundKind.COMPANY

    # The employee sees her credit in «I miei buoni».
    employee = citizen_tab(browser, live_server, citizen.user)
    employee.goto("/buoni/")
    expect(employee.get_by_text("400,00").first).to_be_visible()

    # The cooperative quotes 10 hours of home care for her mother, paid by the credit.
    request_url = f"/admin/richieste/{world.request.pk}/"
    coop = admin_login(browser, live_server, world.aurora_staff)
    coop.goto(request_url)
    coop.locator("#quote-allocation").select_option(str(credit.pk))
    coop.locator("#quote-quantity").fill("10")
    coop.get_by_role("button", name="Proponi il preventivo").click()
    expect(coop.get_by_text("Preventivo proposto: il cittadino")).to_be_visible()

    employee.goto("/buoni/")
    employee.get_by_role("button", name="Accetta il preventivo").click()
    expect(employee.get_by_text("Preventivo accettato.")).to_be_visible()
    expect(employee.get_by_text("200,00").first).to_be_visible()  # 400 € less 10 h × 20 €

    # The cooperative records two sessions of 2 hours.
    for _session in range(2):
        coop.goto(request_url)
        coop.locator("input[name=date]").fill(world.today.isoformat())
        coop.locator("input[name=quantity]").first.fill("2")
        coop.get_by_role("button", name="Registra la prestazione").click()
        expect(coop.get_by_text("Prestazione registrata.")).to_be_visible()

    # The employer's statement: what the plan owes the cooperative, and no service named.
    hr_tab.goto(f"/admin/fondi-e-buoni/welfare/piani/{plan.pk}/rendiconto/")
    row = hr_tab.locator("table.listing tbody tr").first
    expect(row).to_contain_text("Cooperativa Aurora")
    expect(row).to_contain_text("80,00")  # 4 h × 20 €
    assert "Assistenza domiciliare anziani" not in hr_tab.content()
