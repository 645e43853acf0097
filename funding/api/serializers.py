"""Shapes of the funding API: amounts as strings with two decimals («160.00»), dates ISO."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from funding.models import Allocation, Delivery, Fund, Order, Statement

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
    citizen = serializers.CharField(source="citizen.full_name", read_only=True)
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
