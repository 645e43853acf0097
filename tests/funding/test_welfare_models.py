"""The company welfare's data model: employers, plans (funds of kind «company»), employees
and their allocations, the HR role and its scope."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from catalogue.choices import Art51Category, art51_allows_reimbursement, art51_short_label
from funding import selectors, services
from funding.models import Allocation, Employee, EmployerMembership, FundKind
from funding.services import ledger
from funding.validators import normalize_tax_code, validate_employer_tax_code
from intake.roles import EMPLOYER_HR_GROUP, is_employer_hr
from tests import factories as f

pytestmark = pytest.mark.django_db


def company_plan(employer, district, **kwargs):
    today = timezone.localdate()
    kwargs.setdefault("art51_categories", [Art51Category.F, Art51Category.F_TER])
    return services.create_fund(
        name=f"Piano welfare {employer.name}",
        payer=employer.name,
        kind=FundKind.COMPANY,
        employer=employer,
        allows_top_up=False,
        budget=Decimal("5000.00"),
        valid_from=today.replace(month=1, day=1),
        valid_until=today.replace(month=12, day=31),
        employee_credit=Decimal("500.00"),
        actor=district,
        **kwargs,
    )


def test_only_f_bis_and_f_ter_allow_reimbursements():
    assert not art51_allows_reimbursement(Art51Category.F)
    assert art51_allows_reimbursement("f_bis")
    assert art51_allows_reimbursement(Art51Category.F_TER)
    assert "f-ter" in str(art51_short_label("f_ter"))


@pytest.mark.parametrize("code", ["00743110157", "IT 00743110157", "RSSMRA85T10A562S"])
def test_an_employer_is_identified_by_a_valid_partita_iva_or_codice_fiscale(code):
    validate_employer_tax_code(code)


@pytest.mark.parametrize("code", ["00743110158", "1234", "RSSMRA85T10A562X", ""])
def test_a_wrong_partita_iva_or_codice_fiscale_is_refused(code):
    with pytest.raises(ValidationError):
        validate_employer_tax_code(code)


def test_tax_code_is_normalised():
    assert normalize_tax_code(" it 007.431-10157 ") == "00743110157"


def test_a_company_plan_needs_an_employer_categories_and_no_top_up():
    district = f.DistrictOfficeFactory()
    employer = f.EmployerFactory()
    with pytest.raises(ValidationError) as error:
        company_plan(employer, district, art51_categories=[])
    assert "art51_categories" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.create_fund(
            name="Piano",
            payer="X",
            kind=FundKind.COMPANY,
            budget=Decimal("10"),
            valid_from=datetime.date(2026, 1, 1),
            valid_until=datetime.date(2026, 12, 31),
            actor=district,
        )
    assert {"employer", "allows_top_up"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        company_plan(employer, district, art51_categories=["z"])
    assert "art51_categories" in error.value.message_dict

    plan = company_plan(employer, district)
    assert plan.allows_art51("f_ter") and not plan.allows_art51("f_bis")
    assert plan.employee_credit == Decimal("500.00")
    assert list(employer.plans.all()) == [plan]


def test_the_database_refuses_a_company_fund_without_employer_or_with_top_up():
    district = f.DistrictOfficeFactory()
    plan = company_plan(f.EmployerFactory(), district)
    plan.employer = None
    with pytest.raises(IntegrityError), transaction.atomic():
        plan.save()
    plan.refresh_from_db()
    plan.allows_top_up = True
    with pytest.raises(IntegrityError), transaction.atomic():
        plan.save()


def test_an_allocation_belongs_to_a_citizen_or_an_employee_and_not_to_nobody():
    district = f.DistrictOfficeFactory()
    plan = company_plan(f.EmployerFactory(), district)
    employee = Employee.objects.create(
        fund=plan,
        fiscal_code="RSSMRA85T10A562S",
        first_name="Mario",
        last_name="Rossi",
        credit=Decimal("500.00"),
    )
    allocation = Allocation.objects.create(
        fund=plan,
        employee=employee,
        amount=Decimal("500.00"),
        valid_until=plan.valid_until,
        account=ledger.new_account("allocation", fund=plan),
    )
    assert allocation.citizen is None
    assert employee.allocation == allocation
    assert employee.employer == plan.employer
    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.create(
            fund=plan,
            amount=Decimal("1.00"),
            valid_until=plan.valid_until,
            account=ledger.new_account("allocation", fund=plan),
        )
    # A credit not yet attached to an account is nobody's to see on the citizen's side.
    citizen = f.CitizenProfileFactory()
    assert not selectors.allocations_visible_to(citizen.user).exists()


def test_setup_roles_creates_the_hr_group_with_admin_access_only():
    Group.objects.filter(name=EMPLOYER_HR_GROUP).delete()
    call_command("setup_roles", stdout=None)
    group = Group.objects.get(name=EMPLOYER_HR_GROUP)
    assert [p.codename for p in group.permissions.all()] == ["access_admin"]


def test_an_hr_contact_sees_only_their_employer_and_loses_the_role_with_the_membership():
    district = f.DistrictOfficeFactory()
    acme, other = f.EmployerFactory(), f.EmployerFactory()
    acme_plan, other_plan = company_plan(acme, district), company_plan(other, district)
    hr = f.EmployerHRFactory(employer=acme)
    assert is_employer_hr(hr)
    assert list(selectors.employers_visible_to(hr)) == [acme]
    assert list(selectors.plans_visible_to(hr)) == [acme_plan]
    assert set(selectors.plans_visible_to(district)) == {acme_plan, other_plan}
    assert not selectors.employers_visible_to(f.OperatorFactory()).exists()
    assert not selectors.employers_visible_to(f.CitizenProfileFactory().user).exists()

    EmployerMembership.objects.filter(user=hr).delete()
    hr = type(hr).objects.get(pk=hr.pk)
    assert not is_employer_hr(hr)
    assert not selectors.employers_visible_to(hr).exists()
