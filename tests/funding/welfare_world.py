"""Two employers with a plan each on top of the funding's world: their HR contacts, and
CSV files of employees as HR would export them from a spreadsheet."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from catalogue.choices import Art51Category
from funding.services import welfare
from intake.roles import EMPLOYER_HR_GROUP
from tests import factories as f
from tests.intake.backoffice_world import grant_admin_access

HEADER = "codice fiscale;nome;cognome;email;credito"


def employee_code(n):
    """A valid codice fiscale of a made-up employee (apart from the world's citizens)."""
    return f.fiscal_code_for(7000 + n, datetime.date(1980, 1, 1) + datetime.timedelta(days=n))


def csv_of(rows, header=HEADER, separator=";"):
    lines = [header.replace(";", separator)]
    lines += [separator.join(str(value) for value in row) for row in rows]
    return "\n".join(lines) + "\n"


def staff_csv(count, start=100, credit="100"):
    """HR's file of `count` new employees, each with an email (so each is invited)."""
    return csv_of(
        [
            (employee_code(n), f"Nome{n}", f"Cognome{n}", f"dip{n}@example.org", credit)
            for n in range(start, start + count)
        ]
    )


def build_welfare(world):
    grant_admin_access(EMPLOYER_HR_GROUP, "Ufficio di Piano")
    # The world's home care qualifies for the plans' categories: their credit may pay it.
    world.service.art51_categories = [Art51Category.F_TER]
    world.service.save()
    acme = f.EmployerFactory(name="Meccanica Tradatese S.r.l.")
    other = f.EmployerFactory(name="Tessitura Olona S.p.A.")
    today = world.today

    def plan_of(employer):
        return welfare.create_plan(
            employer=employer,
            name=f"Welfare {today.year} {employer.name}",
            budget=Decimal("10000.00"),
            valid_from=today - datetime.timedelta(days=30),
            valid_until=today + datetime.timedelta(days=300),
            art51_categories=[Art51Category.F, Art51Category.F_TER],
            employee_credit=Decimal("500.00"),
            categories=[("Quadri", Decimal("800.00"))],
            actor=world.district,
        )

    plan, other_plan = plan_of(acme), plan_of(other)
    employees = [
        (employee_code(1), "Anna", "Bianchi", "anna@example.org", "600,00"),
        (employee_code(2), "Bruno", "Verdi", "bruno@example.org", "400"),
        # The world's citizen already has an account: the credit is attached at once.
        (world.citizen.fiscal_code, world.citizen.first_name, "Prova", "c@example.org", "750.5"),
    ]
    return SimpleNamespace(
        acme=acme,
        other=other,
        plan=plan,
        other_plan=other_plan,
        hr=f.EmployerHRFactory(employer=acme),
        other_hr=f.EmployerHRFactory(employer=other),
        employees=employees,
        csv=csv_of(employees),
    )
