"""Company welfare: employers, their HR contacts and plans, the employees' upload, and a
credit attached to the citizen who owns it.

The upload is read twice with the same rules: `preview_upload` says what would change
and why a row is refused, saving nothing; `apply_upload` reads the file again inside one
transaction, refuses it whole if anything is wrong, and moves the money on the ledger (a
new or raised credit is a grant from the plan's budget, a lowered one gives the
difference back). A second upload of the same file changes nothing.
"""

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.money import CENT, format_eur, to_cents
from funding.models import (
    AccountKind,
    Allocation,
    Employee,
    Employer,
    EmployerMembership,
    Fund,
    FundKind,
)
from funding.selectors import employer_ids
from funding.services import ledger
from funding.services.errors import FundingError, NotEnoughLeft, NotPermitted
from funding.services.funds import create_fund, require_district_office, short_date
from funding.validators import normalize_tax_code, validate_employer_tax_code
from intake.models import CitizenProfile
from intake.notifications import queue_emails
from intake.roles import is_district_office
from intake.validators import normalize_fiscal_code, validate_fiscal_code

# ---------------------------------------------------------------------------------------
# Employers, HR contacts, plans


def may_manage_plan(actor, fund):
    """The Ufficio di Piano, or an HR contact of the plan's employer."""
    return fund.kind == FundKind.COMPANY and (
        is_district_office(actor) or fund.employer_id in employer_ids(actor)
    )


def require_plan_manager(actor, fund):
    if not may_manage_plan(actor, fund):
        raise NotPermitted(_("Solo l'Ufficio di Piano o i referenti dell'azienda possono farlo."))


@transaction.atomic
def create_employer(*, name, tax_code, actor, address="", postcode="", city="", email="", phone=""):
    """The Ufficio di Piano adds an employer to the network."""
    require_district_office(actor)
    tax_code = normalize_tax_code(tax_code)
    errors = {}
    try:
        validate_employer_tax_code(tax_code)
    except ValidationError as error:
        errors["tax_code"] = error.messages
    if not (name or "").strip():
        errors["name"] = [_("Scrivi la ragione sociale.")]
    if not errors and Employer.objects.filter(tax_code=tax_code).exists():
        errors["tax_code"] = [_("Esiste già un datore di lavoro con questo codice.")]
    if errors:
        raise ValidationError(errors)
    return Employer.objects.create(
        name=name.strip(),
        tax_code=tax_code,
        address=address,
        postcode=postcode,
        city=city,
        email=email,
        phone=phone,
        created_by=actor,
    )


@transaction.atomic
def add_hr_contact(*, employer, actor, username, email, first_name="", last_name="", password=""):
    """The Ufficio di Piano gives an employer an HR contact: an existing staff user by
    username, or a new one (active, with `password`, or without one until reset)."""
    require_district_office(actor)
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        if not (email or "").strip():
            raise ValidationError({"email": [_("Serve un'email per il nuovo referente.")]})
        user = user_model(
            username=username, email=email, first_name=first_name, last_name=last_name
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    elif CitizenProfile.objects.filter(user=user).exists():
        raise ValidationError(
            {"username": [_("Questo account è di un cittadino: crea un account di lavoro.")]}
        )
    membership, _created = EmployerMembership.objects.get_or_create(user=user, employer=employer)
    return membership


def create_plan(
    *,
    employer,
    name,
    budget,
    valid_from,
    valid_until,
    art51_categories,
    actor,
    employee_credit=None,
    categories=(),
    allows_reimbursements=False,
):
    """A welfare plan of `employer`: a fund of kind «company» with its budget on the
    ledger, no top-up, and its employee categories `[(name, credit), ...]`. One a year.
    `allows_reimbursements`: the employees may be paid back f-bis and f-ter expenses."""
    require_district_office(actor)
    if Fund.objects.filter(employer=employer, valid_from__year=valid_from.year).exists():
        raise ValidationError(
            {
                "valid_from": [
                    _("Questo datore di lavoro ha già un piano per il %(year)s.")
                    % {"year": valid_from.year}
                ]
            }
        )
    with transaction.atomic():
        plan = create_fund(
            name=name,
            payer=employer.name,
            kind=FundKind.COMPANY,
            employer=employer,
            allows_top_up=False,
            budget=budget,
            valid_from=valid_from,
            valid_until=valid_until,
            art51_categories=art51_categories,
            employee_credit=employee_credit,
            allows_reimbursements=allows_reimbursements,
            actor=actor,
        )
        for category_name, credit in categories:
            plan.employee_categories.create(name=category_name, credit=Decimal(credit))
    return plan


# ---------------------------------------------------------------------------------------
# The employees' upload

COLUMNS = {
    "codice fiscale": "fiscal_code",
    "codicefiscale": "fiscal_code",
    "cf": "fiscal_code",
    "nome": "first_name",
    "cognome": "last_name",
    "email": "email",
    "e-mail": "email",
    "credito": "credit",
    "categoria": "category",
}
REQUIRED_COLUMNS = ("fiscal_code", "first_name", "last_name", "email", "credit")
COLUMN_LABELS = {
    "fiscal_code": "codice fiscale",
    "first_name": "nome",
    "last_name": "cognome",
    "email": "email",
    "credit": "credito",
    "category": "categoria",
}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class UploadError(FundingError):
    """The whole file is refused (encoding, separator, columns, plan closed, budget)."""

    code = "invalid_upload"


@dataclass
class UploadRow:
    line: int
    fiscal_code: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    credit: Decimal | None = None
    category: str = ""
    action: str = ""  # new, changed, unchanged (empty when rejected)
    previous_credit: Decimal | None = None
    errors: list = field(default_factory=list)

    @property
    def delta(self):
        return (self.credit or 0) - (self.previous_credit or 0)


@dataclass
class UploadPreview:
    plan: Fund
    rows: list = field(default_factory=list)

    @property
    def rejected(self):
        return [row for row in self.rows if row.errors]

    def _with(self, action):
        return [row for row in self.rows if not row.errors and row.action == action]

    @property
    def new(self):
        return self._with("new")

    @property
    def changed(self):
        return self._with("changed")

    @property
    def unchanged(self):
        return self._with("unchanged")

    @property
    def raised_total(self):
        return sum((row.delta for row in self.rows if not row.errors and row.delta > 0), CENT * 0)

    @property
    def lowered_total(self):
        return sum((-row.delta for row in self.rows if not row.errors and row.delta < 0), CENT * 0)

    @property
    def is_valid(self):
        return not self.rejected

    @property
    def changes_anything(self):
        return bool(self.new or self.changed)


def decode_upload(data):
    """The text of an uploaded CSV: UTF-8, with or without the BOM Excel writes."""
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError(_("Il file supera i 5 MB: dividilo in più caricamenti."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadError(
            _(
                "Il file non è in UTF-8: in Excel scegli «Salva con nome» e il formato "
                "«CSV UTF-8 (delimitato da virgole)»."
            ),
            code="wrong_encoding",
        ) from error


def _header_key(name):
    text = unicodedata.normalize("NFKC", name).strip().strip('"').lower().replace("_", " ")
    return " ".join(text.split())


def read_rows(text):
    """(columns, [(line number, {column: value})]) of the CSV text; `,` or `;` separated."""
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    if not header_line:
        raise UploadError(_("Il file è vuoto."), code="empty_file")
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    if header_line.count(delimiter) == 0:
        raise UploadError(
            _(
                "Non trovo il separatore delle colonne: usa la virgola «,» o il punto e "
                "virgola «;» (la prima riga è l'intestazione: codice fiscale, nome, cognome, "
                "email, credito)."
            ),
            code="wrong_separator",
        )
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    columns = _columns(next(reader))
    rows = []
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        line = reader.line_num
        if len(values) != len(columns):
            rows.append((line, None, len(values)))
            continue
        rows.append((line, dict(zip(columns, (v.strip() for v in values), strict=True)), 0))
    return columns, rows


def _columns(header):
    """The upload's fields in the header's order; UploadError for an unknown, repeated or
    missing column."""
    columns = []
    unknown = []
    for name in header:
        key = COLUMNS.get(_header_key(name))
        if key is None:
            unknown.append(name.strip() or "(vuota)")
        columns.append(key)
    if unknown:
        raise UploadError(
            _("Colonna sconosciuta: %(names)s. Le colonne sono: %(known)s.")
            % {
                "names": ", ".join(f"«{name}»" for name in unknown),
                "known": ", ".join(COLUMN_LABELS.values()),
            },
            code="unknown_column",
        )
    if len(set(columns)) != len(columns):
        raise UploadError(_("Una colonna è ripetuta nell'intestazione."), code="repeated_column")
    missing = [COLUMN_LABELS[c] for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise UploadError(
            _("Manca la colonna: %(names)s.") % {"names": ", ".join(missing)},
            code="missing_column",
        )
    return columns


def parse_credit(text):
    """A credit in euros as written in a spreadsheet («500», «500,50», «1.500,50»)."""
    value = text.replace(" ", "").replace("€", "")
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    try:
        cents = to_cents(value)
    except ValidationError:
        raise ValidationError(
            _("credito «%(value)s» non valido: scrivi un numero con al massimo due decimali.")
            % {"value": text}
        ) from None
    if cents < 0:
        raise ValidationError(_("credito negativo: %(value)s.") % {"value": text})
    return Decimal(cents) * CENT


def _check_plan_open(plan, today=None):
    today = today or timezone.localdate()
    if today > plan.valid_until:
        raise UploadError(
            _("Il piano è chiuso dal %(date)s: non si caricano più crediti.")
            % {"date": short_date(plan.valid_until)},
            code="plan_closed",
        )


def _read_row(row, values, *, categories, plan, known_codes):
    """Fill `row` from the CSV's `values`, with a reason for each thing wrong in it. A new
    codice fiscale is decoded in full, so that HR hears of a mistyped character now, not
    when the employee cannot claim the credit (a millisecond a code: seconds for a file of
    thousands, well within the timeout); one already on the plan was checked when saved."""
    row.fiscal_code = normalize_fiscal_code(values["fiscal_code"])
    row.first_name = values["first_name"]
    row.last_name = values["last_name"]
    row.email = values["email"]
    row.category = values.get("category", "")
    try:
        if row.fiscal_code not in known_codes:
            validate_fiscal_code(row.fiscal_code)
    except ValidationError as error:
        row.errors.append(
            _("codice fiscale «%(code)s»: %(reason)s")
            % {"code": values["fiscal_code"], "reason": error.messages[0]}
        )
    if not row.first_name or not row.last_name:
        row.errors.append(_("mancano il nome o il cognome."))
    if row.email:
        try:
            validate_email(row.email)
        except ValidationError:
            row.errors.append(_("email «%(email)s» non valida.") % {"email": row.email})
    _read_credit(row, values, categories=categories, plan=plan)


def _read_credit(row, values, *, categories, plan):
    """The row's credit: its own, else its category's, else the plan's default."""
    category = None
    if row.category:
        category = categories.get(row.category.lower())
        if category is None:
            row.errors.append(
                _("categoria «%(name)s» sconosciuta nel piano.") % {"name": row.category}
            )
    if values["credit"]:
        try:
            row.credit = parse_credit(values["credit"])
        except ValidationError as error:
            row.errors.append(error.messages[0])
    elif category is not None:
        row.credit = category.credit
    elif plan.employee_credit is not None:
        row.credit = plan.employee_credit
    else:
        row.errors.append(_("manca il credito (e il piano non ha un credito predefinito)."))


def _compare(row, employee):
    """new, changed or unchanged, against the employee already on the plan (or None)."""
    if employee is None:
        row.action = "new"
        return
    row.previous_credit = employee.credit
    same = (
        employee.credit == row.credit
        and employee.first_name == row.first_name
        and employee.last_name == row.last_name
        and employee.email == row.email
        and (employee.category.name if employee.category else "").lower() == row.category.lower()
    )
    row.action = "unchanged" if same else "changed"
    left = employee.allocation.account.balance
    if row.credit < employee.credit and employee.credit - row.credit > left:
        row.errors.append(
            _(
                "ha già usato parte del credito: restano %(left)s, il credito può scendere "
                "al massimo a %(floor)s."
            )
            % {"left": format_eur(left), "floor": format_eur(employee.credit - left)}
        )
        row.action = ""


def preview_upload(*, plan, data, actor):
    """What the upload of `data` (bytes or text) would change on `plan`, row by row, and
    why a row is refused; saves nothing. Raises UploadError for a file refused whole."""
    require_plan_manager(actor, plan)
    _check_plan_open(plan)
    columns, raw_rows = read_rows(decode_upload(data))
    categories = {c.name.lower(): c for c in plan.employee_categories.all()}
    existing = {
        e.fiscal_code: e
        for e in Employee.objects.filter(fund=plan).select_related(
            "category", "allocation__account"
        )
    }
    preview = UploadPreview(plan=plan)
    seen = {}
    for line, values, count in raw_rows:
        row = UploadRow(line=line)
        preview.rows.append(row)
        if values is None:
            row.errors.append(
                _(
                    "la riga ha %(count)d campi, l'intestazione %(expected)d: controlla il "
                    "separatore."
                )
                % {"count": count, "expected": len(columns)}
            )
            continue
        _read_row(row, values, categories=categories, plan=plan, known_codes=existing)
        if row.fiscal_code in seen:
            row.errors.append(
                _("riga duplicata: lo stesso codice fiscale è alla riga %(line)d.")
                % {"line": seen[row.fiscal_code]}
            )
        else:
            seen[row.fiscal_code] = line
        if not row.errors:
            _compare(row, existing.get(row.fiscal_code))
    return preview


def _check_budget(preview):
    left = preview.plan.unallocated_account.balance
    needed = preview.raised_total - preview.lowered_total
    if needed > left:
        raise UploadError(
            _("Il budget del piano non basta: servono %(needed)s, restano %(left)s.")
            % {"needed": format_eur(needed), "left": format_eur(left)},
            code="over_budget",
        )


def _add_employees(plan, rows, *, categories, actor):
    """The new employees with their accounts and allocations, in bulk; returns them and
    the grant legs of their credits. Those with an account get the credit attached."""
    citizens = {
        c.fiscal_code: c
        for c in CitizenProfile.objects.filter(fiscal_code__in=[row.fiscal_code for row in rows])
    }
    employees = Employee.objects.bulk_create(
        [
            Employee(
                fund=plan,
                fiscal_code=row.fiscal_code,
                first_name=row.first_name,
                last_name=row.last_name,
                email=row.email,
                category=categories.get(row.category.lower()) if row.category else None,
                credit=row.credit,
                citizen=citizens.get(row.fiscal_code),
            )
            for row in rows
        ]
    )
    accounts = ledger.new_accounts(AccountKind.ALLOCATION, fund=plan, count=len(employees))
    Allocation.objects.bulk_create(
        [
            Allocation(
                fund=plan,
                employee=employee,
                citizen=employee.citizen,
                amount=employee.credit,
                valid_until=plan.valid_until,
                granted_by=actor,
                account=account,
                reason="Credito welfare",
            )
            for employee, account in zip(employees, accounts, strict=True)
        ]
    )
    grants = [
        (account, to_cents(employee.credit))
        for employee, account in zip(employees, accounts, strict=True)
    ]
    return employees, grants


def _update_employees(plan, rows, *, categories):
    """Names, email, category and credit of the employees already on the plan; returns
    the grant legs of raised credits and the (negative) legs of lowered ones."""
    existing = {
        e.fiscal_code: e
        for e in Employee.objects.filter(
            fund=plan, fiscal_code__in=[row.fiscal_code for row in rows]
        ).select_related("allocation__account")
    }
    grants, give_backs = [], []
    for row in rows:
        employee = existing[row.fiscal_code]
        allocation = employee.allocation
        delta = to_cents(row.delta)
        if delta > 0:
            grants.append((allocation.account, delta))
        elif delta < 0:
            give_backs.append((allocation.account, delta))
        if delta:
            allocation.amount = row.credit
            allocation.save(update_fields=["amount", "updated_at"])
        employee.first_name = row.first_name
        employee.last_name = row.last_name
        employee.email = row.email
        employee.category = categories.get(row.category.lower()) if row.category else None
        employee.credit = row.credit
        employee.save()
    return grants, give_backs


@transaction.atomic
def apply_upload(*, plan, data, actor):
    """Save the upload of `data` on `plan` in one transaction and return its preview.

    Refused whole (UploadError, nothing saved) if any row is rejected. New employees get
    an allocation of their credit; a changed credit is granted or given back on the
    ledger; employees with an account get the credit attached, the others an invitation.
    """
    plan = (
        Fund.objects.select_for_update(of=("self",))
        .select_related("unallocated_account", "employer")
        .get(pk=plan.pk)
    )
    preview = preview_upload(plan=plan, data=data, actor=actor)
    if not preview.is_valid:
        raise UploadError(
            _("%(count)d righe sono state scartate: correggi il file e caricalo di nuovo.")
            % {"count": len(preview.rejected)},
            code="rows_rejected",
        )
    if not preview.changes_anything:
        return preview
    _check_budget(preview)
    categories = {c.name.lower(): c for c in plan.employee_categories.all()}
    employees, grants = _add_employees(plan, preview.new, categories=categories, actor=actor)
    more_grants, give_backs = _update_employees(plan, preview.changed, categories=categories)
    grants += more_grants
    memo = f"Caricamento dei dipendenti del piano {plan.name}"
    try:
        if grants:
            ledger.post(
                kind="grant",
                legs=[(plan.unallocated_account, -sum(c for _a, c in grants)), *grants],
                actor=actor,
                memo=memo,
                fund=plan,
            )
        if give_backs:
            ledger.post(
                kind="revocation",
                legs=[(plan.unallocated_account, -sum(c for _a, c in give_backs)), *give_backs],
                actor=actor,
                memo=memo,
                fund=plan,
            )
    except NotEnoughLeft as error:
        raise UploadError(
            _(
                "Il credito di un dipendente o il budget del piano sono cambiati nel frattempo: "
                "ricarica il file."
            ),
            code="concurrent_change",
        ) from error
    _invite([e for e in employees if e.citizen_id is None and e.email])
    return preview


def _invite(employees):
    """Queue the invitation email of employees without an account, in this transaction and
    in bulk: the outbox's worker sends them after the commit."""
    queue_emails(
        {
            "to": employee.email,
            "template": "welfare_invitation",
            "context": {
                "employee": employee,
                "employer": employee.fund.employer,
                "plan": employee.fund,
            },
        }
        for employee in employees
    )
    Employee.objects.filter(pk__in=[e.pk for e in employees]).update(invited_at=timezone.now())


# ---------------------------------------------------------------------------------------
# A credit reaches its owner


def attach_credits(profile):
    """Attach to `profile` the welfare credits waiting for its codice fiscale; returns
    how many. Called when a profile is created (funding/signals.py) and by the upload."""
    waiting = Employee.objects.filter(fiscal_code=profile.fiscal_code, citizen__isnull=True)
    ids = list(waiting.values_list("pk", flat=True))
    if not ids:
        return 0
    Employee.objects.filter(pk__in=ids).update(citizen=profile)
    Allocation.objects.filter(employee_id__in=ids, citizen__isnull=True).update(citizen=profile)
    return len(ids)
