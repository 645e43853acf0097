"""Deliveries: a session the provider records against an order, paid on the ledger from
the order's commitment (the fund's share) and charged to the citizen (the co-payment).
The citizen may contest it within CONTEST_DAYS; the Ufficio di Piano decides, and a
contest upheld reverses the delivery's transaction."""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.money import from_cents, to_cents
from funding.models import Delivery, DeliveryStatus, Order, OrderStatus, TransactionKind
from funding.selectors import cents_of
from funding.services import ledger
from funding.services.errors import FundingError, NotPermitted
from funding.services.funds import (
    clean_quantity,
    ensure_usable,
    require_district_office,
    short_date,
)
from funding.services.orders import _lock, acts_for_citizen, release
from intake.roles import provider_ids

CONTEST_DAYS = 7


def _ensure_open_for_deliveries(order):
    """Deliveries are recorded only on an accepted order still in delivery."""
    if order.status in (OrderStatus.CANCELLED, OrderStatus.REFUSED):
        raise FundingError(
            _("L'ordine è annullato: non si registrano prestazioni."), code="order_cancelled"
        )
    if order.status == OrderStatus.COMPLETED:
        raise FundingError(
            _("L'ordine è concluso: non si registrano altre prestazioni."), code="order_completed"
        )
    if order.status == OrderStatus.PROPOSED:
        raise FundingError(
            _("Il preventivo non è ancora stato accettato dal cittadino."),
            code="order_not_accepted",
        )


@transaction.atomic
def record_delivery(*, order, date, quantity, actor, note=""):
    """Record `quantity` units delivered on `date`; the order's row lock and its CHECK
    (delivered ≤ ordered) keep concurrent recordings within the ordered quantity."""
    if order.provider_id not in provider_ids(actor):
        raise NotPermitted(_("Solo l'ente dell'ordine può registrare le prestazioni."))
    quantity = clean_quantity(quantity)
    if date > timezone.localdate():
        raise FundingError(
            _("La data della prestazione è nel futuro: registra solo prestazioni già svolte."),
            code="delivery_in_future",
        )
    order = _lock(order)
    _ensure_open_for_deliveries(order)
    if order.allocation is not None:
        ensure_usable(order.allocation, on=date)
    remaining = order.quantity - order.delivered_quantity
    if quantity > remaining:
        raise FundingError(
            _("Supera la quantità ordinata: restano %(left)s %(unit)s.")
            % {"left": remaining.normalize(), "unit": order.unit},
            code="over_quantity",
        )
    committed = order.committed_account.balance_cents
    fund_cents = cents_of(quantity, to_cents(order.fund_unit_price))
    if quantity == remaining or fund_cents > committed:
        fund_cents = committed  # the last session takes the rounding left on the order
    citizen_cents = cents_of(quantity, to_cents(order.citizen_unit_price))
    delivery = Delivery.objects.create(
        order=order,
        date=date,
        quantity=quantity,
        note=note,
        fund_amount=from_cents(fund_cents),
        citizen_amount=from_cents(citizen_cents),
        recorded_by=actor,
    )
    legs = [(ledger.citizen_share(order.citizen), -citizen_cents)]
    legs.append((ledger.provider_copayment(order.provider), citizen_cents))
    if order.fund is not None:
        legs.append((order.committed_account, -fund_cents))
        legs.append((ledger.provider_earned(order.fund, order.provider), fund_cents))
    ledger.post(
        kind=TransactionKind.DELIVERY,
        legs=legs,
        actor=actor,
        memo=f"{order.service_title} {date:%Y-%m-%d} × {quantity}"[:255],
        fund=order.fund,
        allocation=order.allocation,
        order=order,
        delivery=delivery,
    )
    Order.objects.filter(pk=order.pk).update(delivered_quantity=F("delivered_quantity") + quantity)
    order.refresh_from_db(fields=["delivered_quantity"])
    order.status = (
        OrderStatus.COMPLETED
        if order.delivered_quantity == order.quantity
        else OrderStatus.IN_DELIVERY
    )
    if order.status == OrderStatus.COMPLETED:
        order.closed_at = timezone.now()
    order.save(update_fields=["status", "closed_at"])
    return delivery


@transaction.atomic
def contest_delivery(*, delivery, reason, actor):
    """The citizen (or an operator for them) says a session did not happen as recorded;
    it stays out of the statement until the Ufficio di Piano decides."""
    delivery = (
        Delivery.objects.select_for_update(of=("self",))
        .select_related("order__citizen")
        .get(pk=delivery.pk)
    )
    acts_for_citizen(actor, delivery.order.citizen)
    if not (reason or "").strip():
        raise FundingError(_("Scrivi il motivo della contestazione."), code="reason_required")
    if delivery.status != DeliveryStatus.RECORDED or delivery.statement_id:
        raise FundingError(
            _("Questa prestazione non si può più contestare."), code="not_contestable"
        )
    deadline = delivery.recorded_at + datetime.timedelta(days=CONTEST_DAYS)
    if timezone.now() > deadline:
        raise FundingError(
            _("Il termine per contestare è scaduto il %(date)s.")
            % {"date": short_date(timezone.localtime(deadline).date())},
            code="contest_too_late",
        )
    delivery.status = DeliveryStatus.CONTESTED
    delivery.contest_reason = reason.strip()
    delivery.contested_by = actor
    delivery.contested_at = timezone.now()
    delivery.save(update_fields=["status", "contest_reason", "contested_by", "contested_at"])
    return delivery


@transaction.atomic
def decide_contest(*, delivery, upheld, actor, note=""):
    """The Ufficio di Piano decides, with a note the citizen and the provider read: upheld
    voids the delivery (its transaction reversed, its quantity back on the order);
    otherwise it is confirmed and goes on a statement."""
    require_district_office(actor)
    order = _lock(delivery.order)
    delivery = Delivery.objects.select_for_update(of=("self",)).get(pk=delivery.pk)
    if delivery.status != DeliveryStatus.CONTESTED:
        raise FundingError(_("La prestazione non è contestata."), code="not_contested")
    delivery.decided_by = actor
    delivery.decided_at = timezone.now()
    delivery.decision_note = (note or "").strip()
    decided = ["status", "decided_by", "decided_at", "decision_note"]
    if not upheld:
        delivery.status = DeliveryStatus.CONFIRMED
        delivery.save(update_fields=decided)
        return delivery
    original = delivery.transactions.get(kind=TransactionKind.DELIVERY)
    ledger.reverse(original, actor=actor, memo=f"Contestazione accolta: prestazione {delivery.pk}")
    delivery.status = DeliveryStatus.VOIDED
    delivery.save(update_fields=decided)
    Order.objects.filter(pk=order.pk).update(
        delivered_quantity=F("delivered_quantity") - delivery.quantity
    )
    order.refresh_from_db(fields=["delivered_quantity"])
    order.committed_account.refresh_from_db()
    if order.status == OrderStatus.CANCELLED:
        release(order, actor=actor, memo="Rilascio: prestazione annullata su ordine annullato")
    elif order.status == OrderStatus.COMPLETED and order.delivered_quantity < order.quantity:
        order.status = OrderStatus.IN_DELIVERY
        order.closed_at = None
        order.save(update_fields=["status", "closed_at"])
    return delivery
