"""«Welfare aziendale» in the admin, as the Ufficio di Piano and an employer's HR use it:
employers and HR contacts, plans, the employees' CSV (preview, confirm, idempotence, every
bad input refused with its reason and nothing saved), and each HR kept to their employer."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from funding.checks import ledger_problems
from funding.models import Allocation, Employee, Employer, Fund, FundKind, Transaction
from intake.models import Notification, NotificationStatus
from intake.notifications import deliver
from intake.services import register_citizen
from tests import factories as f
from tests.funding.welfare_world import HEADER, build_welfare, csv_of, employee_code, staff_csv
from tests.outbox import run_ready_tasks

pytestmark = pytest.mark.django_db

ADMIN = "/admin/fondi-e-buoni/welfare/"


@pytest.fixture
def welfare(world):
    return build_welfare(world)


def upload(client, plan, content, name="dipendenti.csv"):
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    return client.post(
        f"{ADMIN}piani/{plan.pk}/carica/", {"file": SimpleUploadedFile(name, data, "text/csv")}
    )


def confirm(client, plan, preview_response):
    content = preview_response.context["content"]
    return client.post(f"{ADMIN}piani/{plan.pk}/carica/", {"content": content}, follow=True)


def test_the_district_office_adds_an_employer_its_hr_contact_and_a_plan(client, world, welfare):
    client.force_login(world.district)
    page = client.post(f"{ADMIN}nuovo/", {"name": "Ditta", "tax_code": "00743110158"})
    assert "partita IVA" in page.content.decode()
    assert not Employer.objects.filter(name="Ditta").exists()

    response = client.post(
        f"{ADMIN}nuovo/", {"name": "Ditta Olona", "tax_code": "IT 00743110157", "city": "Tradate"}
    )
    employer = Employer.objects.get(name="Ditta Olona")
    assert employer.tax_code == "00743110157"
    assert response.url == f"{ADMIN}{employer.pk}/"

    client.post(
        f"{ADMIN}{employer.pk}/referenti/",
        {"username": "hr.olona", "email": "hr@olona.example.org", "first_name": "Carla"},
    )
    hr = employer.memberships.get().user
    assert hr.groups.filter(name="Referenti aziendali").exists()

    plan_url = f"{ADMIN}{employer.pk}/piani/nuovo/"
    data = {
        "name": "Welfare 2026",
        "budget": "20000",
        "valid_from": "2026-01-01",
        "valid_until": "2026-12-31",
        "art51_categories": ["f_bis", "f_ter"],
        "employee_credit": "500",
        "categories": "Impiegati: 500; Quadri: 800,50",
    }
    client.post(plan_url, data)
    plan = Fund.objects.get(employer=employer)
    assert plan.kind == FundKind.COMPANY and not plan.allows_top_up
    assert plan.art51_categories == ["f_bis", "f_ter"]
    assert plan.unallocated_account.balance == Decimal("20000.00")
    assert {c.name: c.credit for c in plan.employee_categories.all()} == {
        "Impiegati": Decimal("500.00"),
        "Quadri": Decimal("800.50"),
    }
    again = client.post(plan_url, {**data, "name": "Doppio"})
    assert "già un piano per il 2026" in again.content.decode()

    client.force_login(hr)
    assert client.get(ADMIN).url == f"{ADMIN}{employer.pk}/"
    assert client.get(f"{ADMIN}nuovo/").status_code == 404
    assert client.get(plan_url).status_code == 404


def test_hr_sees_only_their_own_employer(client, world, welfare):
    client.force_login(welfare.hr)
    assert client.get(f"{ADMIN}{welfare.acme.pk}/").status_code == 200
    assert client.get(f"{ADMIN}piani/{welfare.plan.pk}/").status_code == 200
    for url in [
        f"{ADMIN}{welfare.other.pk}/",
        f"{ADMIN}piani/{welfare.other_plan.pk}/",
        f"{ADMIN}piani/{welfare.other_plan.pk}/carica/",
        f"{ADMIN}piani/{welfare.other_plan.pk}/rendiconto/",
        f"{ADMIN}piani/{welfare.other_plan.pk}/dipendenti.csv",
        f"{ADMIN}piani/{world.fund.pk}/",
        "/admin/fondi-e-buoni/fondi/",
        "/admin/fondi-e-buoni/rendiconti/",
    ]:
        assert client.get(url).status_code == 404, url
    response = upload(client, welfare.other_plan, welfare.csv)
    assert response.status_code == 404
    assert not Employee.objects.exists()
    # Another employer's staff, a cooperative and a citizen do not reach the welfare admin.
    for user in (world.aurora_staff, world.citizen.user):
        client.force_login(user)
        assert client.get(f"{ADMIN}piani/{welfare.plan.pk}/").status_code in (302, 404)


def test_the_upload_is_previewed_saved_on_confirm_and_idempotent(client, world, welfare):
    client.force_login(welfare.hr)
    preview = upload(client, welfare.plan, welfare.csv)
    text = preview.content.decode()
    assert "3 nuovi dipendenti" in text and "0 righe scartate" in text
    assert not Employee.objects.exists()  # nothing saved before the confirmation

    page = confirm(client, welfare.plan, preview).content.decode()
    assert "3 nuovi" in page
    employees = {e.fiscal_code: e for e in Employee.objects.filter(fund=welfare.plan)}
    assert {code: e.credit for code, e in employees.items()} == {
        employee_code(1): Decimal("600.00"),
        employee_code(2): Decimal("400.00"),
        world.citizen.fiscal_code: Decimal("750.50"),
    }
    welfare.plan.unallocated_account.refresh_from_db()
    assert welfare.plan.unallocated_account.balance == Decimal("8249.50")
    mine = employees[world.citizen.fiscal_code]
    assert mine.citizen == world.citizen and mine.invited_at is None
    assert mine.allocation.citizen == world.citizen and mine.allocation.available == Decimal(
        "750.50"
    )
    # The others are invited by email, in Italian, and their credit waits for them.
    invitations = Notification.objects.filter(
        to_email__in=["anna@example.org", "bruno@example.org"]
    )
    assert invitations.count() == 2
    assert "credito welfare" in invitations.first().subject
    assert Allocation.objects.filter(fund=welfare.plan, citizen__isnull=True).count() == 2
    # HR reads credit and what is left.
    plan_page = client.get(f"{ADMIN}piani/{welfare.plan.pk}/").content.decode()
    assert "750,50" in plan_page and "Bianchi" in plan_page

    transactions, notifications = Transaction.objects.count(), Notification.objects.count()
    again = upload(client, welfare.plan, welfare.csv)
    assert "0 nuovi dipendenti" in again.content.decode()
    assert "3 invariati" in again.content.decode()
    page = confirm(client, welfare.plan, again).content.decode()
    assert "Nessuna modifica" in page
    assert Transaction.objects.count() == transactions
    assert Employee.objects.count() == 3 and Notification.objects.count() == notifications
    assert ledger_problems() == []


def test_excel_files_with_bom_semicolons_or_commas_and_decimal_commas_are_read(
    client, world, welfare
):
    client.force_login(welfare.hr)
    rows = [(employee_code(5), "Èlia", "D'Amico", "elia@example.org", '"1.250,75"')]
    content = "\ufeff" + csv_of(rows, separator=",")
    preview = upload(client, welfare.plan, content.encode("utf-8"))
    assert "1 nuovo dipendente" in preview.content.decode()
    confirm(client, welfare.plan, preview)
    employee = Employee.objects.get()
    assert employee.credit == Decimal("1250.75") and employee.first_name == "Èlia"


def test_a_credit_left_empty_takes_the_category_or_the_plan_default(client, world, welfare):
    client.force_login(welfare.hr)
    content = csv_of(
        [
            (employee_code(6), "Dario", "Neri", "d@example.org", "", "quadri"),
            (employee_code(7), "Elsa", "Riva", "e@example.org", "", ""),
        ],
        header=HEADER + ";categoria",
    )
    confirm(client, welfare.plan, upload(client, welfare.plan, content))
    credits = dict(Employee.objects.values_list("first_name", "credit"))
    assert credits == {"Dario": Decimal("800.00"), "Elsa": Decimal("500.00")}


BAD_ROWS = [
    ((employee_code(1), "Anna", "Bianchi", "a@example.org", "100"), None),
    (("RSSMRA85T10A562X", "Rosa", "Rossi", "r@example.org", "100"), "codice fiscale"),
    # 8 typed as I, its letter of the same rank: the check character does not see it.
    (("RSSMRAI5T10A562S", "Rino", "Rossi", "ri@example.org", "100"), "«RSSMRAI5T10A562S»"),
    ((employee_code(1), "Anna", "Bis", "a@example.org", "100"), "riga duplicata"),
    ((employee_code(3), "Carlo", "Neri", "c@example.org", "-5"), "credito negativo"),
    ((employee_code(4), "Dora", "Blu", "d@example.org", "cento"), "«cento» non valido"),
    ((employee_code(8), "Ugo", "Re", "u@example.org", "10.505"), "«10.505» non valido"),
    ((employee_code(9), "Ivo", "Re", "i@example.org", "10", "Dirigenti"), "sconosciuta"),
]


def test_every_bad_row_is_shown_with_its_reason_and_nothing_is_saved(client, world, welfare):
    client.force_login(welfare.hr)
    rows = [row if len(row) == 6 else (*row, "") for row, _reason in BAD_ROWS]
    preview = upload(client, welfare.plan, csv_of(rows, header=HEADER + ";categoria"))
    text = preview.content.decode()
    assert "7 righe scartate" in text
    for _row, reason in BAD_ROWS[1:]:
        assert reason in text, reason
    assert "Conferma e salva" not in text
    # Posting the content anyway saves nothing.
    page = client.post(
        f"{ADMIN}piani/{welfare.plan.pk}/carica/", {"content": preview.context["content"]}
    ).content.decode()
    assert "righe sono state scartate" in page
    assert not Employee.objects.exists() and not Allocation.objects.filter(fund=welfare.plan)


@pytest.mark.parametrize(
    "content, message",
    [
        (
            csv_of([(employee_code(1), "Anna", "B", "a@x.org", "1")])
            .encode("latin-1")
            .replace(b"Anna", "Annà".encode("latin-1")),
            "non è in UTF-8",
        ),
        (csv_of([(employee_code(1), "Anna", "B", "a@x.org", "1")], separator="\t"), "separatore"),
        (
            csv_of(
                [(employee_code(1), "Anna", "B", "a@x.org", "1", "x")], header=HEADER + ";reparto"
            ),
            "Colonna sconosciuta: «reparto»",
        ),
        ("codice fiscale;nome;cognome;email\n", "Manca la colonna: credito"),
        (b"", "vuoto"),
    ],
)
def test_a_file_refused_whole_says_why(client, world, welfare, content, message):
    client.force_login(welfare.hr)
    response = upload(client, welfare.plan, content)
    assert message in response.content.decode()
    assert "preview" not in response.context or response.context.get("preview") is None
    assert not Employee.objects.exists()


def test_a_raised_credit_is_a_further_grant_a_lowered_one_gives_back(client, world, welfare):
    client.force_login(welfare.hr)
    confirm(client, welfare.plan, upload(client, welfare.plan, welfare.csv))
    rows = [list(row) for row in welfare.employees]
    rows[0][4] = "700"  # Anna: 600 → 700
    rows[1][4] = "100"  # Bruno: 400 → 100
    preview = upload(client, welfare.plan, csv_of(rows))
    assert "2 dipendenti modificati" in preview.content.decode()
    confirm(client, welfare.plan, preview)
    anna = Employee.objects.get(fiscal_code=employee_code(1))
    bruno = Employee.objects.get(fiscal_code=employee_code(2))
    assert anna.allocation.available == Decimal("700.00") and anna.allocation.amount == 700
    assert bruno.allocation.available == Decimal("100.00")
    kinds = list(
        Transaction.objects.filter(fund=welfare.plan).order_by("pk").values_list("kind", flat=True)
    )
    assert kinds == ["funding", "grant", "grant", "revocation"]
    welfare.plan.unallocated_account.refresh_from_db()
    assert welfare.plan.unallocated_account.balance == Decimal("10000.00") - Decimal("1550.50")
    assert ledger_problems() == []


def test_a_credit_cannot_go_below_what_was_already_spent(client, world, welfare):
    from funding import services

    client.force_login(welfare.hr)
    confirm(client, welfare.plan, upload(client, welfare.plan, welfare.csv))
    allocation = Allocation.objects.get(fund=welfare.plan, citizen=world.citizen)
    order = services.propose_order(
        request=world.request,
        cost_option=world.hourly,
        quantity="30",
        allocation=allocation,
        actor=world.aurora_staff,
    )
    services.accept_order(order=order, actor=world.citizen.user)  # 600 € committed
    rows = [list(row) for row in welfare.employees]
    rows[2][4] = "100"
    text = upload(client, welfare.plan, csv_of(rows)).content.decode()
    assert "ha già usato parte del credito" in text and "1 riga scartata" in text


def test_an_employee_who_registers_later_finds_the_credit(client, world, welfare):
    client.force_login(welfare.hr)
    confirm(client, welfare.plan, upload(client, welfare.plan, welfare.csv))
    profile = register_citizen(
        email="anna.bianchi@example.org",
        password="una-password-lunga-1",
        first_name="Anna",
        last_name="Bianchi",
        fiscal_code=employee_code(1).lower(),
        birth_date=datetime.date(1980, 1, 2),
        other_municipality="Varese",
        privacy_consent=True,
    )
    employee = Employee.objects.get(fiscal_code=employee_code(1))
    assert employee.citizen == profile
    assert employee.allocation.citizen == profile
    profile.user.is_active = True
    profile.user.save()
    client.force_login(profile.user)
    page = client.get("/buoni/").content.decode()
    assert "Il tuo credito welfare" in page and "600,00" in page


def test_nothing_is_loaded_after_the_plan_has_ended(client, world, welfare):
    Fund.objects.filter(pk=welfare.plan.pk).update(
        valid_until=world.today - datetime.timedelta(days=1)
    )
    client.force_login(welfare.hr)
    text = upload(client, welfare.plan, welfare.csv).content.decode()
    assert "Il piano è chiuso" in text
    assert not Employee.objects.exists()


def test_check_ledger_passes_after_uploads(client, world, welfare):
    client.force_login(welfare.hr)
    confirm(client, welfare.plan, upload(client, welfare.plan, welfare.csv))
    call_command("check_ledger")
    assert f.EmployerFactory  # the factories module is the one the world uses


def test_a_large_upload_moves_every_balance_and_a_second_one_nothing(client, world, welfare):
    """More legs than the ledger moves one by one: its balances move in batches."""
    client.force_login(welfare.hr)
    rows = [
        (employee_code(100 + n), f"Nome{n}", f"Cognome{n}", f"n{n}@example.org", f"{100 + n}")
        for n in range(30)
    ]
    confirm(client, welfare.plan, upload(client, welfare.plan, csv_of(rows)))
    allocations = Allocation.objects.filter(fund=welfare.plan).select_related("account")
    assert sorted(a.available for a in allocations) == [Decimal(100 + n) for n in range(30)]
    assert ledger_problems() == []
    rows[0] = (*rows[0][:4], "50")
    confirm(client, welfare.plan, upload(client, welfare.plan, csv_of(rows)))
    assert Employee.objects.get(fiscal_code=employee_code(100)).allocation.available == 50
    assert ledger_problems() == []


def invitations_sent():
    return sorted(m.to[0] for m in mail.outbox if m.to[0].startswith("dip"))


def test_a_confirmed_upload_invites_each_new_employee_once_through_the_worker(
    client, world, welfare, settings
):
    client.force_login(welfare.hr)
    tasks = DBTaskResult.objects.count()
    page = confirm(client, welfare.plan, upload(client, welfare.plan, staff_csv(30)))
    assert "30 nuovi" in page.content.decode()
    invitations = Notification.objects.filter(to_email__startswith="dip")
    assert invitations.count() == 30 and invitations_sent() == []
    assert DBTaskResult.objects.count() == tasks + 1  # one delivery for the whole upload

    # The mail server is down when the worker runs: every invitation waits for a retry.
    settings.EMAIL_BACKEND = "tests.intake.mail_backends.BrokenEmailBackend"
    run_ready_tasks()
    assert set(invitations.values_list("status", "attempts")) == {(NotificationStatus.PENDING, 1)}
    assert not DBTaskResult.objects.ready().exists()
    # It is up again when the retry is due; a timer's requeue then sends nothing more.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_ready_tasks()
    call_command("requeue_notifications")
    run_ready_tasks()
    assert invitations_sent() == sorted(f"dip{n}@example.org" for n in range(100, 130))
    assert set(invitations.values_list("status", flat=True)) == {NotificationStatus.SENT}
    assert "credito welfare" in mail.outbox[-1].subject


def test_invitations_survive_a_worker_killed_in_the_middle_of_the_upload(client, world, welfare):
    client.force_login(welfare.hr)
    confirm(client, welfare.plan, upload(client, welfare.plan, staff_csv(30)))
    invitations = Notification.objects.filter(to_email__startswith="dip")
    # The worker sent ten of the upload's invitations and was killed: its task stays
    # "running" for ever.
    for invitation in invitations[:10]:
        deliver.call(invitation.pk)
    DBTaskResult.objects.filter(status="READY").update(status="RUNNING", started_at=timezone.now())

    call_command("requeue_notifications")
    run_ready_tasks()
    assert invitations_sent() == sorted(f"dip{n}@example.org" for n in range(100, 130))
