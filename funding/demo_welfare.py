"""Demo loader of company welfare: two made-up local employers, each with its 2026 (this
year's) plan, an HR contact and half a dozen employees loaded through the real CSV upload
(some of them demo citizens, whose credit is attached at once; the others are invited).

Idempotent: when the first employer exists, nothing is added. Runs after the funding's
loader. Spending (orders paid by credit, reimbursements) is added by
`load_welfare_spending`, which receives the plans by employer.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from catalogue.choices import Art51Category
from funding.demo_welfare_spending import load_spending
from funding.models import Employer
from funding.services import welfare
from intake.demo import CITIZENS, DISTRICT_OFFICE, demo_fiscal_code
from intake.models import CitizenProfile

# (name, partita IVA, address, postcode, city, HR username, HR names, art. 51 categories,
# budget, default credit, categories)
EMPLOYERS = [
    (
        "Meccanica Valle Olona S.r.l.",
        "02845190129",
        "Via dell'Industria 14",
        "21049",
        "Tradate",
        "hr.meccanica",
        ("Paola", "Risorse"),
        [Art51Category.F, Art51Category.F_BIS, Art51Category.F_TER],
        "20000.00",
        "500.00",
        [("Impiegati", "500.00"), ("Quadri", "800.00")],
    ),
    (
        "Tessitura del Seprio S.p.A.",
        "03197640125",
        "Via Roma 3",
        "21043",
        "Castiglione Olona",
        "hr.tessitura",
        ("Luca", "Personale"),
        [Art51Category.F_BIS, Art51Category.F_TER],
        "12000.00",
        "400.00",
        [],
    ),
]
# Demo citizens (index in intake.demo.CITIZENS) who work for each employer.
CITIZEN_EMPLOYEES = {0: [3, 9], 1: [4, 6]}
# Made-up employees without an account: (first name, last name, sex, born, credit, category).
OTHER_EMPLOYEES = {
    0: [
        ("Sara", "Tornitore", "F", datetime.date(1984, 3, 9), "", "Impiegati"),
        ("Paolo", "Fresatore", "M", datetime.date(1977, 10, 21), "", "Quadri"),
        ("Irene", "Saldatrice", "F", datetime.date(1990, 6, 30), "650,00", ""),
        ("Teo", "Collaudo", "M", datetime.date(1995, 1, 5), "", ""),
    ],
    1: [
        ("Mara", "Filatura", "F", datetime.date(1982, 8, 12), "", ""),
        ("Giorgio", "Telaio", "M", datetime.date(1969, 2, 27), "450,00", ""),
        ("Rita", "Ordito", "F", datetime.date(1993, 11, 2), "", ""),
        ("Enzo", "Trama", "M", datetime.date(1975, 4, 18), "", ""),
    ],
}
HEADER = "codice fiscale;nome;cognome;email;credito;categoria"


def load_welfare(stdout=None):
    if Employer.objects.filter(tax_code=EMPLOYERS[0][1]).exists():
        if stdout is not None:
            stdout.write("Welfare aziendale: i datori di lavoro ci sono già")
        return {}
    user_model = get_user_model()
    district = user_model.objects.get(username=DISTRICT_OFFICE["username"])
    today = timezone.localdate()
    plans = {}
    for index, row in enumerate(EMPLOYERS):
        name, tax_code, address, postcode, city, username, names, categories, *money = row
        budget, credit, employee_categories = money
        employer = welfare.create_employer(
            name=name,
            tax_code=tax_code,
            address=address,
            postcode=postcode,
            city=city,
            email=f"{username}@example.org",
            phone="0331 000000",
            actor=district,
        )
        membership = welfare.add_hr_contact(
            employer=employer,
            actor=district,
            username=username,
            email=f"{username}@example.org",
            first_name=names[0],
            last_name=names[1],
        )
        plan = welfare.create_plan(
            employer=employer,
            name=f"Piano welfare {today.year}",
            budget=Decimal(budget),
            valid_from=datetime.date(today.year, 1, 1),
            valid_until=datetime.date(today.year, 12, 31),
            art51_categories=categories,
            employee_credit=Decimal(credit),
            categories=[(n, Decimal(c)) for n, c in employee_categories],
            allows_reimbursements=True,
            actor=district,
        )
        welfare.apply_upload(plan=plan, data=_employees_csv(index), actor=membership.user)
        plans[employer] = plan
    load_welfare_spending(plans)
    if stdout is not None:
        count = sum(plan.employees.count() for plan in plans.values())
        stdout.write(f"Welfare aziendale: {len(plans)} datori di lavoro, {count} dipendenti")
    return plans


def _employees_csv(index):
    lines = [HEADER]
    for position in CITIZEN_EMPLOYEES[index]:
        first, last, *_rest = CITIZENS[position]
        profile = CitizenProfile.objects.filter(first_name=first, last_name=last).first()
        if profile is not None:
            email = f"{first.lower()}.{last.lower()}@example.org"
            lines.append(f"{profile.fiscal_code};{first};{last};{email};;")
    for first, last, sex, born, credit, category in OTHER_EMPLOYEES[index]:
        code = demo_fiscal_code(first, last, sex, born, "Tradate")
        email = f"{first.lower()}.{last.lower()}@example.org"
        lines.append(f"{code};{first};{last};{email};{credit};{category}")
    return "\n".join(lines) + "\n"


def load_welfare_spending(plans):
    """Orders paid by welfare credit and reimbursements in each state
    (funding/demo_welfare_spending.py). `plans` is {Employer: its plan}."""
    return load_spending(plans)


def demo_hr_contacts(password):
    """DEBUG-only: give the demo HR contacts a password; (username, label) pairs to print."""
    printed = []
    for row in EMPLOYERS:
        user = get_user_model().objects.filter(username=row[5]).first()
        if user is None:
            continue
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
        printed.append((user.username, f"Referenti aziendali: {row[0]}"))
    return printed
