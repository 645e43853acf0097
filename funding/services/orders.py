"""Orders: the provider proposes a priced plan (a quote) for a request assigned to it; the
citizen (or an operator for them) accepts or refuses it; accepting commits the fund's share
on the allocation; cancelling or completing releases what was not delivered."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.choices import COST_KINDS_WITH_AMOUNT, art51_short_label
from catalogue.money import format_eur, from_cents, to_cents
from catalogue.rules import art51_allowed
from funding.models import (
    AccountKind,
    Allocation,
    AllocationStatus,
    FundKind,
    Order,
    OrderStatus,
)
from funding.selectors import cents_of, citizen_share_percent, fund_covers, split_unit
from funding.services import ledger
from funding.services.errors import FundingError, NotEnoughLeft, NotPermitted
from funding.services.funds import clean_quantity, ensure_usable, short_date
from intake.models import RequestStatus
from intake.roles import is_district_office, is_operator, provider_ids

QUOTABLE_REQUEST_STATUSES = {
    RequestStatus.ASSIGNED,
    RequestStatus.ACCEPTED,
    RequestStatus.IN_PROGRESS,
}


# What the employee can do when a company voucher cannot pay the whole order.
PAY_PRIVATELY = gettext_lazy(
    "Puoi comunque avere il servizio pagandolo privatamente: chiedi all'ente un preventivo "
    "senza buono."
)


def _labels(categories):
    return ", ".join(str(art51_short_label(code)) for code in sorted(categories)) or "–"


def ensure_plan_pays(fund, service):
    """A company plan pays only for a service in one of the art. 51 categories it allows;
    returns those categories (a municipal fund: empty, not checked here)."""
    if fund.kind != FundKind.COMPANY:
        return set()
    service_categories = set(service.art51_categories or []) if service is not None else set()
    paid = art51_allowed(service_categories, fund.art51_categories)
    if paid:
        return paid
    if not service_categories:
        message = _(
            "Questo servizio non si può pagare con il welfare aziendale: non rientra in "
            "nessuna categoria dell'art. 51 del TUIR. %(hint)s"
        ) % {"hint": PAY_PRIVATELY}
    else:
        message = _(
            "Il piano welfare «%(plan)s» non paga questo servizio: il servizio rientra in "
            "«%(service)s», il piano ammette «%(allowed)s». %(hint)s"
        ) % {
            "plan": fund.name,
            "service": _labels(service_categories),
            "allowed": _labels(fund.art51_categories),
            "hint": PAY_PRIVATELY,
        }
    raise FundingError(message, code="art51_category")


def ensure_whole_service(fund, *, need_cents, left_cents):
    """DM 25 March 2016: a company voucher pays one whole service at its full value, so the
    credit must cover the whole order; the employee never tops it up."""
    if fund.kind != FundKind.COMPANY or need_cents <= left_cents:
        return
    raise NotEnoughLeft(
        _(
            "Il credito welfare non copre l'intero preventivo: servono %(need)s, restano "
            "%(left)s. Il buono welfare paga il servizio per intero e non ammette "
            "integrazioni a carico del dipendente. %(hint)s"
        )
        % {
            "need": format_eur(from_cents(need_cents)),
            "left": format_eur(from_cents(left_cents)),
            "hint": PAY_PRIVATELY,
        },
        code="no_top_up",
    )


def acts_for_citizen(actor, citizen):
    """The citizen themselves (False) or an operator for them (True); anyone else may not."""
    if citizen.user_id == actor.pk:
        return False
    if is_operator(actor):
        return True
    raise NotPermitted(_("Solo il cittadino, o un operatore per lui, può farlo."))


def _fund_and_share(allocation, request, starts_on):
    """(fund, citizen's share in percent) for a quote paid by `allocation` (or by nobody):
    the allocation's own rules, and a company plan's (personal, before its end, in one of
    its art. 51 categories, no co-payment)."""
    if allocation is None:
        return None, 100
    fund = allocation.fund
    if allocation.citizen_id != request.citizen_id:
        if fund.kind == FundKind.COMPANY:
            raise FundingError(
                _(
                    "Il credito welfare è personale: paga solo i servizi richiesti dal "
                    "dipendente a cui è assegnato."
                ),
                code="allocation_citizen",
            )
        raise FundingError(_("Il buono è di un'altra persona."), code="allocation_citizen")
    ensure_usable(allocation)
    if fund.kind == FundKind.COMPANY and starts_on and starts_on > fund.valid_until:
        raise FundingError(
            _(
                "Il servizio inizierebbe il %(start)s, dopo la fine del piano welfare "
                "(%(end)s): il credito non lo può pagare."
            )
            % {"start": short_date(starts_on), "end": short_date(fund.valid_until)},
            code="plan_ended",
        )
    ensure_plan_pays(fund, request.service)
    if not fund_covers(fund, request.service):
        raise FundingError(
            _("Il fondo «%(fund)s» non paga questo servizio.") % {"fund": fund.name},
            code="service_not_covered",
        )
    # A company plan has no co-payment: its voucher pays the whole service or nothing.
    percent = 0 if fund.kind == FundKind.COMPANY else citizen_share_percent(fund, request.citizen)
    if percent is None:
        raise FundingError(
            _(
                "Manca l'ISEE del cittadino: serve per calcolare la sua quota. "
                "Lo può indicare il cittadino in «I miei buoni» o un operatore."
            ),
            code="isee_missing",
        )
    return fund, percent


@transaction.atomic
def propose_order(
    *,
    request,
    cost_option,
    quantity,
    actor,
    allocation=None,
    starts_on=None,
    note="",
    offered_providers=(),
):
    """The provider's quote for `request`: `quantity` units of one of the service's cost
    options, paid by `allocation` (if any) less the citizen's co-payment."""
    provider = request.provider
    if provider is None or provider.pk not in provider_ids(actor):
        raise NotPermitted(
            _("Solo l'ente a cui è assegnata la richiesta può proporre un preventivo.")
        )
    if request.status not in QUOTABLE_REQUEST_STATUSES:
        raise FundingError(
            _("La richiesta è «%(status)s»: non si può proporre un preventivo.")
            % {"status": request.get_status_display()},
            code="request_not_quotable",
        )
    quantity = clean_quantity(quantity)
    if (
        cost_option is None
        or cost_option.page_id != request.service_id
        or cost_option.kind not in COST_KINDS_WITH_AMOUNT
        or cost_option.amount is None
    ):
        raise FundingError(
            _("Scegli una delle tariffe del servizio che hanno un importo."), code="cost_option"
        )
    unit_cents = to_cents(cost_option.amount)
    fund, percent = _fund_and_share(allocation, request, starts_on)
    fund_unit, citizen_unit = split_unit(unit_cents, percent)
    fund_total = cents_of(quantity, fund_unit)
    citizen_total = cents_of(quantity, citizen_unit)
    if fund is not None and not fund.allows_top_up and citizen_total:
        raise FundingError(
            _("Questo buono paga il servizio per intero: non ammette una quota a carico. %(hint)s")
            % {"hint": PAY_PRIVATELY},
            code="no_top_up",
        )
    if allocation is not None:
        ensure_whole_service(
            fund, need_cents=fund_total, left_cents=allocation.account.balance_cents
        )
    if allocation is not None and fund_total > allocation.account.balance_cents:
        raise NotEnoughLeft(
            _("Il preventivo supera il disponibile del buono: restano %(left)s, servono %(need)s.")
            % {
                "left": format_eur(allocation.account.balance),
                "need": format_eur(from_cents(fund_total)),
            }
        )
    return Order.objects.create(
        request=request,
        citizen=request.citizen,
        provider=provider,
        service=request.service,
        service_title=request.service_title,
        allocation=allocation,
        fund=fund,
        unit=cost_option.unit or cost_option.get_kind_display(),
        unit_price=cost_option.amount,
        quantity=quantity,
        citizen_share_percent=percent,
        fund_unit_price=from_cents(fund_unit),
        citizen_unit_price=from_cents(citizen_unit),
        fund_total=from_cents(fund_total),
        citizen_total=from_cents(citizen_total),
        offered_providers=[int(pk) for pk in offered_providers],
        starts_on=starts_on,
        note=note,
        proposed_by=actor,
        committed_account=ledger.new_account(AccountKind.ORDER_COMMITTED, fund=fund),
    )


def _lock(order):
    """Lock the order's allocation, then the order (always in this order: no deadlock)."""
    if order.allocation_id:
        Allocation.objects.select_for_update(of=("self",)).filter(pk=order.allocation_id).first()
    return (
        Order.objects.select_for_update(of=("self",))
        .select_related("allocation__account", "allocation__fund", "committed_account", "citizen")
        .get(pk=order.pk)
    )


@transaction.atomic
def accept_order(*, order, actor):
    """The citizen accepts the quote: the fund's share is committed on the allocation."""
    order = _lock(order)
    on_behalf = acts_for_citizen(actor, order.citizen)
    if order.status != OrderStatus.PROPOSED:
        raise FundingError(
            _("Il preventivo è «%(status)s»: non si può più accettare.")
            % {"status": order.get_status_display()},
            code="order_not_proposed",
        )
    allocation = order.allocation
    if allocation is not None:
        ensure_usable(allocation)
        ensure_plan_pays(order.fund, order.service)
        need = to_cents(order.fund_total)
        left = allocation.account.balance_cents
        ensure_whole_service(order.fund, need_cents=need, left_cents=left)
        if need > left:
            raise NotEnoughLeft(
                _("Sul buono non è rimasto abbastanza: restano %(left)s, servono %(need)s.")
                % {"left": format_eur(from_cents(left)), "need": format_eur(order.fund_total)}
            )
        ledger.post(
            kind="commitment",
            legs=[(allocation.account, -need), (order.committed_account, need)],
            actor=actor,
            on_behalf_of=order.citizen if on_behalf else None,
            memo=f"Impegno per {order.service_title}"[:255],
            fund=order.fund,
            allocation=allocation,
            order=order,
        )
    order.status = OrderStatus.ACCEPTED
    order.decided_by = actor
    order.decided_on_behalf = on_behalf
    order.decided_at = timezone.now()
    order.save(update_fields=["status", "decided_by", "decided_on_behalf", "decided_at"])
    return order


@transaction.atomic
def refuse_order(*, order, actor):
    order = _lock(order)
    on_behalf = acts_for_citizen(actor, order.citizen)
    if order.status != OrderStatus.PROPOSED:
        raise FundingError(
            _("Il preventivo è «%(status)s»: non si può più rifiutare.")
            % {"status": order.get_status_display()},
            code="order_not_proposed",
        )
    order.status = OrderStatus.REFUSED
    order.decided_by = actor
    order.decided_on_behalf = on_behalf
    order.decided_at = order.closed_at = timezone.now()
    order.save(
        update_fields=["status", "decided_by", "decided_on_behalf", "decided_at", "closed_at"]
    )
    return order


def release(order, *, actor, memo):
    """Give what the order still holds back to its allocation (or to the fund, when the
    allocation is no longer usable)."""
    left = order.committed_account.balance_cents
    if not left:
        return
    allocation = order.allocation
    target = (
        allocation.account
        if allocation.status in (AllocationStatus.GRANTED, AllocationStatus.SUSPENDED)
        else allocation.fund.unallocated_account
    )
    ledger.post(
        kind="release",
        legs=[(order.committed_account, -left), (target, left)],
        actor=actor,
        memo=memo,
        fund=order.fund,
        allocation=allocation,
        order=order,
    )


def _close(order, *, status, actor):
    release(order, actor=actor, memo=f"Rilascio: ordine {order.get_status_display()}")
    order.status = status
    order.closed_at = timezone.now()
    order.save(update_fields=["status", "closed_at"])
    return order


@transaction.atomic
def cancel_order(*, order, actor):
    """Cancelled by the provider, the citizen (or an operator) or the Ufficio di Piano:
    the unspent commitment goes back to the allocation at once."""
    order = _lock(order)
    if not (
        order.provider_id in provider_ids(actor)
        or order.citizen.user_id == actor.pk
        or is_operator(actor)
        or is_district_office(actor)
    ):
        raise NotPermitted()
    if order.status not in (OrderStatus.PROPOSED, OrderStatus.ACCEPTED, OrderStatus.IN_DELIVERY):
        raise FundingError(
            _("L'ordine è «%(status)s»: non si può annullare.")
            % {"status": order.get_status_display()},
            code="order_closed",
        )
    return _close(order, status=OrderStatus.CANCELLED, actor=actor)


@transaction.atomic
def complete_order(*, order, actor):
    """The provider closes the order: what was not delivered goes back to the allocation."""
    order = _lock(order)
    if order.provider_id not in provider_ids(actor) and not is_district_office(actor):
        raise NotPermitted()
    if order.status not in (OrderStatus.ACCEPTED, OrderStatus.IN_DELIVERY):
        raise FundingError(
            _("L'ordine è «%(status)s»: non si può concludere.")
            % {"status": order.get_status_display()},
            code="order_closed",
        )
    return _close(order, status=OrderStatus.COMPLETED, actor=actor)
