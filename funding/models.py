"""Funds, allocations, orders, deliveries, statements and the ledger that moves their money;
employers, their welfare plans (funds of kind «company») and the employees on them.

The rules live in `funding/services/`; these models hold the state. Amounts are `MoneyField`
(integer cents in the database, `Decimal` euros in code), except the ledger's own columns,
which are plain signed cents: a posting is an integer, and the sums that check the ledger
are integer sums.

Every movement of money is one `Transaction` whose `Posting`s sum to zero; both are written
once and never changed (a mistake is corrected by a reversing transaction). An `Account`
keeps its balance in a denormalised column, updated in the same database transaction as its
postings; for the accounts that hold money someone may spend (a fund's unallocated budget,
an allocation, an order's commitment) a CHECK constraint keeps that balance at zero or
above, so that no race can overspend them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.choices import Art51Category
from catalogue.immutable import ImmutableModel
from catalogue.money import MoneyField, from_cents
from funding.validators import normalize_tax_code, validate_employer_tax_code
from intake.validators import normalize_fiscal_code, validate_fiscal_code


class LedgerRecord(ImmutableModel):
    """A row of the ledger: a mistake is corrected by a reversing transaction."""

    update_refused = "Le registrazioni contabili non si modificano: si stornano."
    delete_refused = "Le registrazioni contabili non si cancellano: si stornano."

    class Meta:
        abstract = True


# ---------------------------------------------------------------------------------------
# Employers («welfare aziendale»)


class Employer(models.Model):
    """A local employer that gives its staff a yearly welfare credit (art. 51 TUIR) to
    spend on the network's services: one plan a year, a Fund of kind «company»."""

    name = models.CharField(_("ragione sociale"), max_length=200)
    tax_code = models.CharField(
        _("partita IVA o codice fiscale"),
        max_length=16,
        unique=True,
        validators=[validate_employer_tax_code],
    )
    address = models.CharField(_("indirizzo"), max_length=255, blank=True)
    postcode = models.CharField(_("CAP"), max_length=5, blank=True)
    city = models.CharField(_("comune"), max_length=100, blank=True)
    email = models.EmailField(_("email di contatto"), blank=True)
    phone = models.CharField(_("telefono di contatto"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creato da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("creato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("datore di lavoro")
        verbose_name_plural = _("datori di lavoro")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        self.tax_code = normalize_tax_code(self.tax_code)


class EmployerMembership(models.Model):
    """A staff user's membership of an employer («Referenti aziendali»): gives that
    employer's plans and employees, nothing else (the ProviderMembership pattern)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utente"),
        on_delete=models.CASCADE,
        related_name="employer_memberships",
    )
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("datore di lavoro"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    created_at = models.DateTimeField(_("dal"), auto_now_add=True)

    class Meta:
        verbose_name = _("referente aziendale")
        verbose_name_plural = _("referenti aziendali")
        constraints = [
            models.UniqueConstraint(fields=["user", "employer"], name="unique_employer_membership")
        ]

    def __str__(self):
        return f"{self.user} @ {self.employer}"


# ---------------------------------------------------------------------------------------
# Funds


class FundKind(models.TextChoices):
    MUNICIPAL = "municipal", _("Comunale o di distretto")
    COMPANY = "company", _("Welfare aziendale")
    FOUNDATION = "foundation", _("Fondazione o altro ente")


class Fund(models.Model):
    """Money someone puts in the network for some services: a bando, a company plan."""

    name = models.CharField(_("nome"), max_length=200)
    kind = models.CharField(
        _("tipo"), max_length=16, choices=FundKind.choices, default=FundKind.MUNICIPAL
    )
    payer = models.CharField(
        _("chi paga"),
        max_length=200,
        help_text=_("Ad es. «Ufficio di Piano dell'Ambito di Tradate» o un Comune."),
    )
    budget = MoneyField(_("budget"))
    valid_from = models.DateField(_("valido dal"))
    valid_until = models.DateField(_("valido fino al"))
    services = models.ManyToManyField(
        "catalogue.ServicePage",
        verbose_name=_("servizi pagati"),
        blank=True,
        related_name="funds",
    )
    needs = models.ManyToManyField(
        "catalogue.Need",
        verbose_name=_("bisogni coperti"),
        blank=True,
        related_name="funds",
        help_text=_("Il fondo paga ogni servizio che risponde a uno di questi bisogni."),
    )
    per_beneficiary_cap = MoneyField(_("massimo per beneficiario"), null=True, blank=True)
    counts_hours = models.BooleanField(
        _("conta le ore"),
        default=False,
        help_text=_("Le assegnazioni indicano anche un numero di ore."),
    )
    # DM 25 March 2016: a company voucher pays one whole service at its full value.
    allows_top_up = models.BooleanField(
        _("ammette la quota a carico del beneficiario"),
        default=True,
        help_text=_("No per i buoni welfare aziendali: il buono paga il servizio per intero."),
    )
    allows_reimbursements = models.BooleanField(_("ammette i rimborsi"), default=False)
    # A company plan («piano welfare»): whose, which art. 51 categories, how much each.
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("datore di lavoro"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
        help_text=_("Solo per i piani di welfare aziendale."),
    )
    art51_categories = models.JSONField(
        _("categorie dell'art. 51 ammesse"),
        default=list,
        blank=True,
        help_text=_("Per un piano aziendale: che cosa il credito può pagare."),
    )
    employee_credit = MoneyField(
        _("credito per dipendente"),
        null=True,
        blank=True,
        help_text=_("Il credito di chi non ha una categoria né un importo proprio."),
    )
    payer_account = models.OneToOneField(
        "funding.Account", on_delete=models.PROTECT, related_name="+", editable=False
    )
    unallocated_account = models.OneToOneField(
        "funding.Account", on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creato da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("creato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("fondo")
        verbose_name_plural = _("fondi")
        ordering = ["-valid_from", "name"]
        constraints = [
            # A company plan belongs to one employer; no other fund has one.
            models.CheckConstraint(
                condition=(Q(kind=FundKind.COMPANY) & Q(employer__isnull=False))
                | (~Q(kind=FundKind.COMPANY) & Q(employer__isnull=True)),
                name="company_fund_has_employer",
            ),
            # DM 25 March 2016: a welfare voucher pays the whole service, no top-up.
            models.CheckConstraint(
                condition=~Q(kind=FundKind.COMPANY) | Q(allows_top_up=False),
                name="company_fund_no_top_up",
            ),
            models.CheckConstraint(
                condition=Q(employee_credit__isnull=True) | Q(employee_credit__gte=0),
                name="employee_credit_not_negative",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_company_plan(self):
        return self.kind == FundKind.COMPANY

    def allows_art51(self, category):
        """True when this plan's credit may pay for `category` (an Art51Category)."""
        return category in self.art51_categories

    def clean(self):
        errors = {}
        if self.kind == FundKind.COMPANY:
            if self.employer_id is None:
                errors["employer"] = _("Un piano di welfare aziendale ha un datore di lavoro.")
            if self.allows_top_up:
                errors["allows_top_up"] = _(
                    "Il buono welfare paga il servizio per intero: nessuna quota a carico "
                    "del dipendente (DM 25 marzo 2016)."
                )
            if not self.art51_categories:
                errors["art51_categories"] = _(
                    "Indica almeno una categoria dell'art. 51 che il piano ammette."
                )
        elif self.employer_id is not None:
            errors["employer"] = _("Solo un piano di welfare aziendale ha un datore di lavoro.")
        categories = self.art51_categories
        if not isinstance(categories, list) or not set(categories) <= set(Art51Category.values):
            errors["art51_categories"] = _("Categoria dell'art. 51 sconosciuta.")
        elif len(set(categories)) != len(categories):
            errors["art51_categories"] = _("Una categoria dell'art. 51 è ripetuta.")
        if errors:
            raise ValidationError(errors)


class EmployeeCategory(models.Model):
    """A group of employees of a company plan with its own credit (ad es. «Quadri»)."""

    fund = models.ForeignKey(
        Fund,
        verbose_name=_("piano"),
        on_delete=models.CASCADE,
        related_name="employee_categories",
    )
    name = models.CharField(_("nome"), max_length=100)
    credit = MoneyField(_("credito per dipendente"))

    class Meta:
        verbose_name = _("categoria di dipendenti")
        verbose_name_plural = _("categorie di dipendenti")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "name"], name="unique_employee_category"),
            models.CheckConstraint(condition=Q(credit__gte=0), name="category_credit_not_negative"),
        ]

    def __str__(self):
        return self.name


class Employee(models.Model):
    """One person on a company plan (a row of HR's upload): the credit the plan gives them,
    and their citizen account once they have one. One row per plan and codice fiscale, so
    each year's plan has its own roster; the money is the Allocation attached to it."""

    fund = models.ForeignKey(
        Fund, verbose_name=_("piano"), on_delete=models.PROTECT, related_name="employees"
    )
    fiscal_code = models.CharField(
        _("codice fiscale"), max_length=16, db_index=True, validators=[validate_fiscal_code]
    )
    first_name = models.CharField(_("nome"), max_length=100)
    last_name = models.CharField(_("cognome"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    category = models.ForeignKey(
        EmployeeCategory,
        verbose_name=_("categoria"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employees",
    )
    credit = MoneyField(_("credito"))
    citizen = models.ForeignKey(
        "intake.CitizenProfile",
        verbose_name=_("account del cittadino"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employments",
    )
    invited_at = models.DateTimeField(_("invitato il"), null=True, blank=True)
    created_at = models.DateTimeField(_("aggiunto il"), auto_now_add=True)
    updated_at = models.DateTimeField(_("aggiornato il"), auto_now=True)

    class Meta:
        verbose_name = _("dipendente")
        verbose_name_plural = _("dipendenti")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "fiscal_code"], name="unique_employee_per_plan"
            ),
            models.CheckConstraint(condition=Q(credit__gte=0), name="employee_credit_gte_0"),
        ]

    def __str__(self):
        return f"{self.last_name} {self.first_name}"

    @property
    def employer(self):
        return self.fund.employer

    def clean(self):
        self.fiscal_code = normalize_fiscal_code(self.fiscal_code)


class CopaymentBand(models.Model):
    """The citizen's share of the price for an ISEE up to `isee_up_to` (None: any above)."""

    fund = models.ForeignKey(
        Fund, verbose_name=_("fondo"), on_delete=models.CASCADE, related_name="copayment_bands"
    )
    isee_up_to = MoneyField(_("ISEE fino a"), null=True, blank=True)
    citizen_share_percent = models.PositiveSmallIntegerField(_("quota del cittadino (%)"))

    class Meta:
        verbose_name = _("fascia di compartecipazione")
        verbose_name_plural = _("fasce di compartecipazione")
        ordering = [models.F("isee_up_to").asc(nulls_last=True)]
        constraints = [
            models.CheckConstraint(
                condition=Q(citizen_share_percent__lte=100), name="copayment_percent_at_most_100"
            ),
            models.UniqueConstraint(fields=["fund", "isee_up_to"], name="unique_copayment_band"),
        ]

    def __str__(self):
        return f"{self.fund_id}: ≤ {self.isee_up_to} → {self.citizen_share_percent}%"


class CitizenIsee(models.Model):
    """The citizen's ISEE as declared (by them, or by an operator at the desk): the band
    of each fund's co-payment rule follows from it."""

    citizen = models.OneToOneField(
        "intake.CitizenProfile",
        verbose_name=_("cittadino"),
        on_delete=models.CASCADE,
        related_name="isee",
    )
    value = MoneyField(_("valore ISEE"))
    valid_until = models.DateField(_("attestazione valida fino al"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrato da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("aggiornato il"), auto_now=True)

    class Meta:
        verbose_name = _("ISEE del cittadino")
        verbose_name_plural = _("ISEE dei cittadini")
        constraints = [models.CheckConstraint(condition=Q(value__gte=0), name="isee_not_negative")]

    def __str__(self):
        return f"{self.citizen_id}: {self.value}"


# ---------------------------------------------------------------------------------------
# Allocations, orders, deliveries, statements


class AllocationStatus(models.TextChoices):
    GRANTED = "granted", _("Assegnato")
    SUSPENDED = "suspended", _("Sospeso")
    EXPIRED = "expired", _("Scaduto")
    REVOKED = "revoked", _("Revocato")


class Allocation(models.Model):
    """An amount of a fund granted to one citizen (or employee), until a date."""

    fund = models.ForeignKey(
        Fund, verbose_name=_("fondo"), on_delete=models.PROTECT, related_name="allocations"
    )
    # An employee's credit exists before they register: then `citizen` is empty and
    # `employee` says whose it is, until registration (or a match on the codice fiscale)
    # fills `citizen` in. Every citizen-side read filters on `citizen`, so a credit not yet
    # attached is nobody's to spend.
    citizen = models.ForeignKey(
        "intake.CitizenProfile",
        verbose_name=_("beneficiario"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    employee = models.OneToOneField(
        Employee,
        verbose_name=_("dipendente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocation",
    )
    amount = MoneyField(_("importo assegnato"))
    hours = models.DecimalField(_("ore"), max_digits=7, decimal_places=2, null=True, blank=True)
    valid_until = models.DateField(_("valido fino al"))
    status = models.CharField(
        _("stato"),
        max_length=16,
        choices=AllocationStatus.choices,
        default=AllocationStatus.GRANTED,
        db_index=True,
    )
    reason = models.TextField(_("motivazione"), max_length=2000, blank=True)
    request = models.ForeignKey(
        "intake.ServiceRequest",
        verbose_name=_("richiesta"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="allocations",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assegnato da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    account = models.OneToOneField(
        "funding.Account", on_delete=models.PROTECT, related_name="allocation", editable=False
    )
    created_at = models.DateTimeField(_("assegnato il"), auto_now_add=True)
    updated_at = models.DateTimeField(_("aggiornato il"), auto_now=True)

    class Meta:
        verbose_name = _("assegnazione")
        verbose_name_plural = _("assegnazioni")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(citizen__isnull=False) | Q(employee__isnull=False),
                name="allocation_has_beneficiary",
            )
        ]

    def __str__(self):
        return f"{self.fund} → {self.citizen or self.employee}"

    @property
    def available(self):
        """What is left to commit, in euros (the balance of the allocation's account)."""
        return self.account.balance

    @property
    def is_past(self):
        """Past its date: unusable from the day after, even before the daily expiry
        (`manage.py expire_allocations`) has closed it and given its balance back."""
        return self.valid_until < timezone.localdate()

    @property
    def is_usable(self):
        """Granted and not past its date (funding.services.funds.ensure_usable refuses the
        rest, with the reason)."""
        return self.status == AllocationStatus.GRANTED and not self.is_past

    @property
    def shown_status(self):
        """The status to show: «Scaduto» as soon as the date is past."""
        if self.is_past and self.status in (AllocationStatus.GRANTED, AllocationStatus.SUSPENDED):
            return AllocationStatus.EXPIRED.label
        return self.get_status_display()


class OrderStatus(models.TextChoices):
    PROPOSED = "proposed", _("Preventivo proposto")
    ACCEPTED = "accepted", _("Accettato")
    IN_DELIVERY = "in_delivery", _("In erogazione")
    COMPLETED = "completed", _("Concluso")
    REFUSED = "refused", _("Rifiutato")
    CANCELLED = "cancelled", _("Annullato")


class Order(models.Model):
    """A request's priced plan with one provider: quantity × unit price, split between a
    fund (through an allocation) and the citizen's own share."""

    request = models.ForeignKey(
        "intake.ServiceRequest",
        verbose_name=_("richiesta"),
        on_delete=models.PROTECT,
        related_name="orders",
    )
    citizen = models.ForeignKey(
        "intake.CitizenProfile",
        verbose_name=_("cittadino"),
        on_delete=models.PROTECT,
        related_name="orders",
    )
    provider = models.ForeignKey(
        "catalogue.ProviderPage",
        verbose_name=_("ente"),
        on_delete=models.PROTECT,
        related_name="orders",
    )
    service = models.ForeignKey(
        "catalogue.ServicePage",
        verbose_name=_("servizio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    service_title = models.CharField(_("servizio (all'ordine)"), max_length=255)
    allocation = models.ForeignKey(
        Allocation,
        verbose_name=_("buono"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    fund = models.ForeignKey(
        Fund,
        verbose_name=_("fondo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    unit = models.CharField(_("unità"), max_length=60)
    unit_price = MoneyField(_("prezzo unitario"))
    quantity = models.DecimalField(_("quantità"), max_digits=8, decimal_places=2)
    citizen_share_percent = models.PositiveSmallIntegerField(_("quota del cittadino (%)"))
    fund_unit_price = MoneyField(_("a carico del fondo, per unità"))
    citizen_unit_price = MoneyField(_("a carico del cittadino, per unità"))
    fund_total = MoneyField(_("a carico del fondo"))
    citizen_total = MoneyField(_("a carico del cittadino"))
    delivered_quantity = models.DecimalField(
        _("quantità erogata"), max_digits=8, decimal_places=2, default=0
    )
    status = models.CharField(
        _("stato"),
        max_length=16,
        choices=OrderStatus.choices,
        default=OrderStatus.PROPOSED,
        db_index=True,
    )
    # Free choice: the accredited providers the citizen was shown side by side.
    offered_providers = models.JSONField(_("enti proposti al cittadino"), default=list)
    starts_on = models.DateField(_("inizio previsto"), null=True, blank=True)
    note = models.TextField(_("nota"), max_length=2000, blank=True)
    committed_account = models.OneToOneField(
        "funding.Account",
        on_delete=models.PROTECT,
        related_name="order",
        editable=False,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposto da"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accettato o rifiutato da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_on_behalf = models.BooleanField(
        _("deciso da un operatore per il cittadino"), default=False
    )
    proposed_at = models.DateTimeField(_("proposto il"), auto_now_add=True)
    decided_at = models.DateTimeField(_("deciso il"), null=True, blank=True)
    closed_at = models.DateTimeField(_("chiuso il"), null=True, blank=True)

    class Meta:
        verbose_name = _("ordine")
        verbose_name_plural = _("ordini")
        ordering = ["-proposed_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(delivered_quantity__gte=0)
                & Q(delivered_quantity__lte=models.F("quantity")),
                name="order_delivered_within_quantity",
            ),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="order_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.service_title} – {self.provider_id} ({self.get_status_display()})"

    @property
    def remaining_quantity(self):
        return self.quantity - self.delivered_quantity

    @property
    def total(self):
        return self.fund_total + self.citizen_total


class DeliveryStatus(models.TextChoices):
    RECORDED = "recorded", _("Registrata")
    CONTESTED = "contested", _("Contestata")
    CONFIRMED = "confirmed", _("Confermata dopo la contestazione")
    VOIDED = "voided", _("Annullata dopo la contestazione")


class Delivery(models.Model):
    """A session the provider records against an order; the citizen may contest it."""

    order = models.ForeignKey(
        Order, verbose_name=_("ordine"), on_delete=models.PROTECT, related_name="deliveries"
    )
    date = models.DateField(_("data"), db_index=True)
    quantity = models.DecimalField(_("quantità"), max_digits=8, decimal_places=2)
    note = models.CharField(_("nota"), max_length=500, blank=True)
    fund_amount = MoneyField(_("a carico del fondo"))
    citizen_amount = MoneyField(_("a carico del cittadino"))
    status = models.CharField(
        _("stato"),
        max_length=16,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.RECORDED,
        db_index=True,
    )
    statement = models.ForeignKey(
        "funding.Statement",
        verbose_name=_("rendiconto"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deliveries",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrata da"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("registrata il"), auto_now_add=True)
    contest_reason = models.TextField(_("motivo della contestazione"), max_length=2000, blank=True)
    contested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contestata da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contested_at = models.DateTimeField(_("contestata il"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decisa da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decisa il"), null=True, blank=True)
    decision_note = models.TextField(_("nota della decisione"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("prestazione")
        verbose_name_plural = _("prestazioni")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="delivery_quantity_positive")
        ]

    def __str__(self):
        return f"{self.order_id} {self.date} × {self.quantity}"

    @property
    def amount(self):
        return self.fund_amount + self.citizen_amount


class StatementStatus(models.TextChoices):
    OPEN = "open", _("Aperto")
    APPROVED = "approved", _("Approvato")


class Statement(models.Model):
    """Per fund, provider and month: what the fund owes the provider and what the citizens
    owe; approved by the Ufficio di Piano, then locked with its deliveries."""

    fund = models.ForeignKey(
        Fund, verbose_name=_("fondo"), on_delete=models.PROTECT, related_name="statements"
    )
    provider = models.ForeignKey(
        "catalogue.ProviderPage",
        verbose_name=_("ente"),
        on_delete=models.PROTECT,
        related_name="statements",
    )
    month = models.DateField(_("mese"), help_text=_("Il primo giorno del mese."))
    status = models.CharField(
        _("stato"), max_length=16, choices=StatementStatus.choices, default=StatementStatus.OPEN
    )
    fund_total = MoneyField(_("dovuto dal fondo"), default=0)
    citizen_total = MoneyField(_("dovuto dai cittadini"), default=0)
    delivery_count = models.PositiveIntegerField(_("prestazioni"), default=0)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approvato da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approvato il"), null=True, blank=True)
    created_at = models.DateTimeField(_("creato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("rendiconto")
        verbose_name_plural = _("rendiconti")
        ordering = ["-month", "provider_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "provider", "month"], name="unique_statement_per_month"
            )
        ]

    def __str__(self):
        return f"{self.fund} – {self.provider_id} – {self.month:%m/%Y}"


# ---------------------------------------------------------------------------------------
# The ledger


class AccountKind(models.TextChoices):
    PAYER = "payer", _("Chi finanzia il fondo")
    FUND_UNALLOCATED = "fund_unallocated", _("Budget del fondo non assegnato")
    ALLOCATION = "allocation", _("Disponibile del buono")
    ORDER_COMMITTED = "order_committed", _("Impegnato sull'ordine")
    PROVIDER_EARNED = "provider_earned", _("Maturato dall'ente, da rendicontare")
    PROVIDER_APPROVED = "provider_approved", _("Dovuto all'ente, rendiconto approvato")
    CITIZEN = "citizen", _("Quota del cittadino")
    PROVIDER_COPAYMENT = "provider_copayment", _("Dovuto all'ente dai cittadini")
    BENEFICIARY_REIMBURSEMENT = "beneficiary_reimbursement", _("Rimborso dovuto al beneficiario")


# Accounts holding money someone may spend: their balance never goes below zero.
FLOORED_KINDS = [
    AccountKind.FUND_UNALLOCATED,
    AccountKind.ALLOCATION,
    AccountKind.ORDER_COMMITTED,
]


class Account(models.Model):
    """A place money sits. `key` names it («allocation:12»); `balance_cents` is the sum of
    its postings, kept in the same transaction as they are written."""

    key = models.CharField(_("chiave"), max_length=120, unique=True)
    kind = models.CharField(_("tipo"), max_length=32, choices=AccountKind.choices)
    # The fund whose money this is (none for a citizen's or a provider's co-payments):
    # a fund's budget figures are sums of its accounts by kind.
    fund = models.ForeignKey(
        Fund, null=True, blank=True, on_delete=models.PROTECT, related_name="accounts"
    )
    balance_cents = models.BigIntegerField(_("saldo (centesimi)"), default=0)

    class Meta:
        verbose_name = _("conto")
        verbose_name_plural = _("conti")
        constraints = [
            models.CheckConstraint(
                condition=Q(balance_cents__gte=0) | ~Q(kind__in=FLOORED_KINDS),
                name="spendable_balance_not_negative",
            )
        ]

    def __str__(self):
        return self.key

    @property
    def balance(self):
        return from_cents(self.balance_cents)


class TransactionKind(models.TextChoices):
    FUNDING = "funding", _("Budget del fondo")
    GRANT = "grant", _("Assegnazione")
    REVOCATION = "revocation", _("Revoca o scadenza")
    COMMITMENT = "commitment", _("Impegno")
    RELEASE = "release", _("Rilascio dell'impegno")
    DELIVERY = "delivery", _("Prestazione")
    APPROVAL = "approval", _("Approvazione del rendiconto")
    REIMBURSEMENT = "reimbursement", _("Rimborso")
    REVERSAL = "reversal", _("Storno")


class Transaction(LedgerRecord):
    """One movement of money: postings that sum to zero, written once."""

    kind = models.CharField(_("tipo"), max_length=16, choices=TransactionKind.choices)
    memo = models.CharField(_("descrizione"), max_length=255, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("autore"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # An operator acting for the citizen: the citizen is recorded here, the operator above.
    on_behalf_of = models.ForeignKey(
        "intake.CitizenProfile",
        verbose_name=_("per conto di"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fund = models.ForeignKey(
        Fund, null=True, blank=True, on_delete=models.PROTECT, related_name="transactions"
    )
    allocation = models.ForeignKey(
        Allocation, null=True, blank=True, on_delete=models.PROTECT, related_name="transactions"
    )
    order = models.ForeignKey(
        Order, null=True, blank=True, on_delete=models.PROTECT, related_name="transactions"
    )
    delivery = models.ForeignKey(
        Delivery, null=True, blank=True, on_delete=models.PROTECT, related_name="transactions"
    )
    statement = models.ForeignKey(
        Statement, null=True, blank=True, on_delete=models.PROTECT, related_name="transactions"
    )
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("storna"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
    )
    created_at = models.DateTimeField(_("il"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("movimento")
        verbose_name_plural = _("movimenti")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.pk} {self.kind}"


class Posting(LedgerRecord):
    """One leg of a transaction: a signed amount in cents on one account."""

    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="postings")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="postings")
    amount_cents = models.BigIntegerField(_("importo (centesimi)"))

    class Meta:
        verbose_name = _("registrazione")
        verbose_name_plural = _("registrazioni")
        constraints = [
            models.CheckConstraint(condition=~Q(amount_cents=0), name="posting_not_zero")
        ]

    def __str__(self):
        return f"{self.account_id} {self.amount_cents:+d}"

    @property
    def amount(self):
        return from_cents(self.amount_cents)


# ---------------------------------------------------------------------------------------
# Reimbursements (company welfare, art. 51 c. 2 f-bis and f-ter)


def private_storage():
    """Where receipts go: outside the public media, served only by funding's own view."""
    from django.core.files.storage import storages

    return storages["private"]


class ReimbursementStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Inviato, in attesa")
    APPROVED = "approved", _("Approvato e pagato")
    REJECTED = "rejected", _("Respinto")


class Relationship(models.TextChoices):
    CHILD = "child", _("Figlio o figlia")
    PARENT = "parent", _("Genitore")
    SPOUSE = "spouse", _("Coniuge o unito civilmente")
    SIBLING = "sibling", _("Fratello o sorella")
    GRANDPARENT = "grandparent", _("Nonno o nonna")
    IN_LAW = "in_law", _("Suocero o suocera")
    OTHER = "other", _("Altro familiare")


class Reimbursement(models.Model):
    """An expense the employee paid for a family member (art. 51 c. 2 f-bis or f-ter) and
    asks the plan to pay back from their credit, with the receipt; HR decides."""

    allocation = models.ForeignKey(
        Allocation,
        verbose_name=_("credito welfare"),
        on_delete=models.PROTECT,
        related_name="reimbursements",
    )
    citizen = models.ForeignKey(
        "intake.CitizenProfile",
        verbose_name=_("dipendente"),
        on_delete=models.PROTECT,
        related_name="reimbursements",
    )
    amount = MoneyField(_("importo"))
    category = models.CharField(
        _("categoria dell'art. 51"), max_length=8, choices=Art51Category.choices
    )
    spent_on = models.DateField(_("data della spesa"))
    family_member_name = models.CharField(_("familiare: nome e cognome"), max_length=200)
    family_member_relationship = models.CharField(
        _("familiare: parentela"), max_length=16, choices=Relationship.choices
    )
    description = models.CharField(_("descrizione della spesa"), max_length=300, blank=True)
    receipt = models.FileField(
        _("ricevuta"), storage=private_storage, upload_to="reimbursements/%Y/%m/", max_length=255
    )
    receipt_name = models.CharField(_("nome del file"), max_length=255)
    receipt_type = models.CharField(_("tipo del file"), max_length=40)
    status = models.CharField(
        _("stato"),
        max_length=16,
        choices=ReimbursementStatus.choices,
        default=ReimbursementStatus.SUBMITTED,
        db_index=True,
    )
    reason = models.TextField(_("motivazione"), max_length=2000, blank=True)
    submitted_at = models.DateTimeField(_("inviato il"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deciso da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("deciso il"), null=True, blank=True)
    transaction = models.OneToOneField(
        Transaction,
        verbose_name=_("movimento"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reimbursement",
    )

    class Meta:
        verbose_name = _("rimborso")
        verbose_name_plural = _("rimborsi")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="reimbursement_amount_positive"),
            models.CheckConstraint(
                condition=Q(category__in=["f_bis", "f_ter"]),
                name="reimbursement_only_f_bis_f_ter",
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()} – {self.amount} ({self.get_status_display()})"
