"""The ledger's invariants, checked from the rows themselves (`manage.py check_ledger`):
every transaction sums to zero, every account's balance equals the sum of its postings,
no spendable account is below zero, and every order's delivered quantity equals the sum
of its standing deliveries."""

from django.db.models import DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce

from funding.models import (
    FLOORED_KINDS,
    Account,
    DeliveryStatus,
    Order,
    Posting,
)


def ledger_problems():
    """A list of human-readable mismatches (empty when the ledger is sound)."""
    problems = []
    unbalanced = (
        Posting.objects.values("transaction_id")
        .annotate(total=Sum("amount_cents"))
        .exclude(total=0)
    )
    for row in unbalanced:
        problems.append(f"transaction {row['transaction_id']} sums to {row['total']} cents")
    drifted = Account.objects.annotate(posted=Coalesce(Sum("postings__amount_cents"), 0)).exclude(
        balance_cents=F("posted")
    )
    for account in drifted:
        problems.append(
            f"account {account.key}: balance {account.balance_cents} "
            f"but postings sum to {account.posted}"
        )
    for account in Account.objects.filter(kind__in=FLOORED_KINDS, balance_cents__lt=0):
        problems.append(f"account {account.key} is below zero ({account.balance_cents})")
    standing = Q(
        deliveries__status__in=[
            DeliveryStatus.RECORDED,
            DeliveryStatus.CONTESTED,
            DeliveryStatus.CONFIRMED,
        ]
    )
    orders = Order.objects.annotate(
        counted=Coalesce(
            Sum("deliveries__quantity", filter=standing),
            Value(0),
            output_field=DecimalField(max_digits=10, decimal_places=2),
        )
    ).exclude(delivered_quantity=F("counted"))
    for order in orders:
        problems.append(
            f"order {order.pk}: delivered {order.delivered_quantity} "
            f"but its deliveries sum to {order.counted}"
        )
    return problems
