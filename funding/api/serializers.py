"""Shapes of the funding API: amounts as strings with two decimals («160.00»), dates ISO."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from catalogue.choices import Art51Category
from funding.models import (
    Allocation,
    Delivery,
    Employee,
    Fund,
    Order,
    Reimbursement,
    Relationship,
    Statement,
)

MONEY = {"max_digits": 14, "decimal_places": 2, "coerce_to_string": True, "read_only": True}


class FundSerializer(serializers.ModelSerializer):
    budget = serializers.DecimalField(**MONEY)
    per_beneficiary_cap = serializers.DecimalField(**MONEY, allow_null=True)

    class Meta:
        model = Fund
        fields = [
            "id",
            "name",
            "kind",
            "payer",
            "budget",
            "valid_from",
            "valid_until",
            "per_beneficiary_cap",
            "allows_top_up",
        ]


class FundFiguresSerializer(serializers.Serializer):
    budget = serializers.DecimalField(**MONEY)
    used = serializers.DecimalField(**MONEY)
    committed = serializers.DecimalField(**MONEY)
    left = serializers.DecimalField(**MONEY)


class AllocationSerializer(serializers.ModelSerializer):
    fund = FundSerializer(read_only=True)
    amount = serializers.DecimalField(**MONEY)
    available = serializers.DecimalField(**MONEY)
    # Empty for an employee's welfare credit until they have an account.
    citizen = serializers.CharField(source="citizen.full_name", read_only=True, allow_null=True)
    usable = serializers.BooleanField(
        source="is_usable",
        read_only=True,
        help_text=_("Assegnato e non scaduto: falso dal giorno dopo la scadenza."),
    )

    class Meta:
        model = Allocation
        fields = [
            "id",
            "fund",
            "citizen",
            "amount",
            "available",
            "hours",
            "valid_until",
            "status",
            "usable",
            "reason",
            "created_at",
        ]


class GrantSerializer(serializers.Serializer):
    fund = serializers.IntegerField()
    citizen = serializers.IntegerField(help_text=_("Id del profilo del cittadino."))
    amount = serializers.CharField(help_text=_("Euro, al massimo due decimali: «1500.00»."))
    valid_until = serializers.DateField()
    hours = serializers.DecimalField(max_digits=7, decimal_places=2, required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    request = serializers.CharField(required=False, help_text=_("Riferimento della richiesta."))


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class DeliverySerializer(serializers.ModelSerializer):
    fund_amount = serializers.DecimalField(**MONEY)
    citizen_amount = serializers.DecimalField(**MONEY)

    class Meta:
        model = Delivery
        fields = [
            "id",
            "order",
            "date",
            "quantity",
            "note",
            "fund_amount",
            "citizen_amount",
            "status",
            "contest_reason",
            "decision_note",
            "statement",
            "recorded_at",
        ]


class OrderSerializer(serializers.ModelSerializer):
    request = serializers.CharField(source="request.reference", read_only=True)
    provider = serializers.CharField(source="provider.title", read_only=True)
    unit_price = serializers.DecimalField(**MONEY)
    fund_unit_price = serializers.DecimalField(**MONEY)
    citizen_unit_price = serializers.DecimalField(**MONEY)
    fund_total = serializers.DecimalField(**MONEY)
    citizen_total = serializers.DecimalField(**MONEY)
    deliveries = DeliverySerializer(many=True, read_only=True)

    class Meta:
        model = Order
        fields = [
            "id",
            "request",
            "provider",
            "service_title",
            "allocation",
            "unit",
            "unit_price",
            "quantity",
            "delivered_quantity",
            "citizen_share_percent",
            "fund_unit_price",
            "citizen_unit_price",
            "fund_total",
            "citizen_total",
            "status",
            "starts_on",
            "note",
            "decided_on_behalf",
            "proposed_at",
            "decided_at",
            "deliveries",
        ]


class QuoteSerializer(serializers.Serializer):
    request = serializers.CharField(help_text=_("Riferimento della richiesta (RW-2026-000042)."))
    cost_option = serializers.IntegerField(help_text=_("Id della tariffa del servizio."))
    quantity = serializers.CharField(help_text=_("Quantità, ad es. «10» ore o «1.5»."))
    allocation = serializers.IntegerField(required=False, allow_null=True)
    starts_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    offered_providers = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list
    )


class RecordDeliverySerializer(serializers.Serializer):
    order = serializers.IntegerField()
    date = serializers.DateField()
    quantity = serializers.CharField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class DecideSerializer(serializers.Serializer):
    upheld = serializers.BooleanField(
        help_text=_("Vero: la contestazione è accolta e la prestazione annullata.")
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class StatementSerializer(serializers.ModelSerializer):
    fund = serializers.CharField(source="fund.name", read_only=True)
    provider = serializers.CharField(source="provider.title", read_only=True)
    fund_total = serializers.DecimalField(**MONEY)
    citizen_total = serializers.DecimalField(**MONEY)

    class Meta:
        model = Statement
        fields = [
            "id",
            "fund",
            "provider",
            "month",
            "status",
            "fund_total",
            "citizen_total",
            "delivery_count",
            "approved_at",
        ]


class StatementDetailSerializer(StatementSerializer):
    deliveries = DeliverySerializer(many=True, read_only=True, source="lines")

    class Meta(StatementSerializer.Meta):
        fields = [*StatementSerializer.Meta.fields, "deliveries"]


class OpenStatementSerializer(serializers.Serializer):
    fund = serializers.IntegerField()
    provider = serializers.IntegerField()
    month = serializers.DateField(help_text=_("Un giorno qualsiasi del mese."))


class IseeSerializer(serializers.Serializer):
    value = serializers.CharField(help_text=_("Valore ISEE in euro, ad es. «12000.00»."))
    valid_until = serializers.DateField(required=False, allow_null=True)


# Company welfare: what an employer's HR reads and sends. Credits and totals only: never a
# service, a need, a cooperative or an order of an employee.


class EmployerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    tax_code = serializers.CharField(read_only=True)


class PlanSerializer(serializers.ModelSerializer):
    employer = EmployerRefSerializer(read_only=True)
    budget = serializers.DecimalField(**MONEY)
    employee_credit = serializers.DecimalField(**MONEY, allow_null=True)
    art51_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=Art51Category.choices), read_only=True
    )

    class Meta:
        model = Fund
        fields = [
            "id",
            "name",
            "employer",
            "budget",
            "valid_from",
            "valid_until",
            "art51_categories",
            "employee_credit",
        ]


class CategoryTotalSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Art51Category.choices, read_only=True)
    spent = serializers.DecimalField(**MONEY)


class PlanTotalsSerializer(serializers.Serializer):
    budget = serializers.DecimalField(**MONEY)
    employees = serializers.IntegerField(read_only=True)
    credit = serializers.DecimalField(**MONEY, help_text=_("Crediti assegnati ai dipendenti."))
    left = serializers.DecimalField(**MONEY, help_text=_("Quanto resta dei crediti."))
    used = serializers.DecimalField(**MONEY)
    committed = serializers.DecimalField(**MONEY)
    unallocated = serializers.DecimalField(**MONEY)
    by_category = CategoryTotalSerializer(many=True, read_only=True)


class EmployeeSerializer(serializers.ModelSerializer):
    category = serializers.CharField(source="category.name", read_only=True, allow_null=True)
    credit = serializers.DecimalField(**MONEY)
    left = serializers.DecimalField(**MONEY)
    registered = serializers.BooleanField(read_only=True)

    class Meta:
        model = Employee
        fields = [
            "id",
            "fiscal_code",
            "first_name",
            "last_name",
            "email",
            "category",
            "credit",
            "left",
            "registered",
            "invited_at",
        ]


class UploadSerializer(serializers.Serializer):
    content = serializers.CharField(
        trim_whitespace=False,
        max_length=5 * 1024 * 1024,
        help_text=_(
            "Il CSV come testo: intestazione codice fiscale, nome, cognome, email, credito "
            "(facoltativa: categoria), separata da «,» o «;»."
        ),
    )
    confirm = serializers.BooleanField(
        default=False,
        help_text=_("false: solo l'anteprima, nulla è salvato; true: salva (Idempotency-Key)."),
    )


class UploadRowSerializer(serializers.Serializer):
    line = serializers.IntegerField(read_only=True)
    fiscal_code = serializers.CharField(read_only=True)
    action = serializers.ChoiceField(choices=["new", "changed", "unchanged", ""], read_only=True)
    credit = serializers.DecimalField(**MONEY, allow_null=True)
    previous_credit = serializers.DecimalField(**MONEY, allow_null=True)
    errors = serializers.ListField(child=serializers.CharField(), read_only=True)


class UploadPreviewSerializer(serializers.Serializer):
    saved = serializers.BooleanField(read_only=True)
    valid = serializers.BooleanField(read_only=True, source="is_valid")
    new = serializers.IntegerField(read_only=True)
    changed = serializers.IntegerField(read_only=True)
    unchanged = serializers.IntegerField(read_only=True)
    rejected = serializers.IntegerField(read_only=True)
    rows = UploadRowSerializer(many=True, read_only=True)


# The employee's welfare credit and reimbursements; HR's side of the reimbursements.


class WelfareCreditSerializer(serializers.ModelSerializer):
    """An employee's credit on a company plan: what is left and what it may pay for."""

    plan = serializers.CharField(source="fund.name", read_only=True)
    employer = serializers.CharField(source="fund.employer.name", read_only=True)
    amount = serializers.DecimalField(**MONEY)
    available = serializers.DecimalField(**MONEY)
    art51_categories = serializers.ListField(
        source="fund.art51_categories",
        child=serializers.ChoiceField(choices=Art51Category.choices),
        read_only=True,
    )
    allows_reimbursements = serializers.BooleanField(
        source="fund.allows_reimbursements", read_only=True
    )
    plan_valid_until = serializers.DateField(source="fund.valid_until", read_only=True)

    class Meta:
        model = Allocation
        fields = [
            "id",
            "plan",
            "employer",
            "amount",
            "available",
            "art51_categories",
            "allows_reimbursements",
            "valid_until",
            "plan_valid_until",
            "status",
        ]


class ReimbursementSerializer(serializers.ModelSerializer):
    amount = serializers.DecimalField(**MONEY)
    plan = serializers.CharField(source="allocation.fund.name", read_only=True)
    employee = serializers.CharField(source="citizen.full_name", read_only=True)
    receipt_url = serializers.SerializerMethodField()

    class Meta:
        model = Reimbursement
        fields = [
            "id",
            "allocation",
            "plan",
            "employee",
            "amount",
            "category",
            "spent_on",
            "family_member_name",
            "family_member_relationship",
            "description",
            "receipt_name",
            "receipt_type",
            "receipt_url",
            "status",
            "reason",
            "submitted_at",
            "decided_at",
        ]
        read_only_fields = fields

    def get_receipt_url(self, obj) -> str:
        return f"/api/funding/reimbursements/{obj.pk}/receipt/"


class SubmitReimbursementSerializer(serializers.Serializer):
    """multipart/form-data: the fields and the receipt file (PDF, JPEG or PNG, ≤ 10 MB)."""

    allocation = serializers.IntegerField(help_text=_("Id del credito welfare."))
    amount = serializers.CharField(help_text=_("Euro, al massimo due decimali: «120.50»."))
    category = serializers.ChoiceField(choices=Art51Category.choices)
    spent_on = serializers.DateField()
    family_member_name = serializers.CharField(max_length=200)
    family_member_relationship = serializers.ChoiceField(choices=Relationship.choices)
    description = serializers.CharField(required=False, allow_blank=True, max_length=300)
    receipt = serializers.FileField(allow_empty_file=True, use_url=False)


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, allow_blank=True)
