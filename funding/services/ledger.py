"""The double-entry ledger: the only code that writes postings or moves a balance.

`post` writes one transaction whose postings sum to zero and moves each account's balance
in the same database transaction. The CHECK constraint on spendable accounts turns an
overdraft into an IntegrityError, which becomes `NotEnoughLeft`: the database, not Python,
is the last word on "not below zero".
"""

import uuid

from django.db import IntegrityError, transaction
from django.db.models import BigIntegerField, Case, F, Value, When

from funding.models import Account, AccountKind, Posting, Transaction
from funding.services.errors import LedgerUnbalanced, NotEnoughLeft


def new_account(kind, *, fund=None):
    """A fresh account for one object (a fund's budget, an allocation, an order)."""
    return Account.objects.create(key=f"{kind}:{uuid.uuid4().hex}", kind=kind, fund=fund)


def new_accounts(kind, *, fund=None, count):
    """`count` fresh accounts in one insert (an upload's allocations), in order."""
    return Account.objects.bulk_create(
        [Account(key=f"{kind}:{uuid.uuid4().hex}", kind=kind, fund=fund) for _i in range(count)]
    )


def shared_account(kind, key, *, fund=None):
    """The one account named `key` (a provider's earnings from a fund, a citizen's share)."""
    account, _created = Account.objects.get_or_create(
        key=key, defaults={"kind": kind, "fund": fund}
    )
    return account


def provider_earned(fund, provider):
    return shared_account(
        AccountKind.PROVIDER_EARNED, f"fund:{fund.pk}:provider:{provider.pk}:earned", fund=fund
    )


def provider_approved(fund, provider):
    return shared_account(
        AccountKind.PROVIDER_APPROVED, f"fund:{fund.pk}:provider:{provider.pk}:approved", fund=fund
    )


def citizen_share(citizen):
    return shared_account(AccountKind.CITIZEN, f"citizen:{citizen.pk}")


def provider_copayment(provider):
    return shared_account(AccountKind.PROVIDER_COPAYMENT, f"provider:{provider.pk}:copayment")


def post(*, kind, legs, actor=None, memo="", **refs):
    """Write one transaction of `legs` ([(account, cents), ...], zero legs dropped).

    Must run inside the caller's atomic block (one transaction per user action). Raises
    LedgerUnbalanced if the legs do not sum to zero, NotEnoughLeft if a spendable account
    would go below zero.
    """
    legs = [(account, int(cents)) for account, cents in legs if int(cents) != 0]
    if sum(cents for _account, cents in legs) != 0:
        raise LedgerUnbalanced(f"{kind}: {[(a.key, c) for a, c in legs]}")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ledger.post must run inside transaction.atomic()")
    entry = Transaction.objects.create(kind=kind, actor=actor, memo=memo[:255], **refs)
    if not legs:
        return entry
    Posting.objects.bulk_create(
        [Posting(transaction=entry, account=account, amount_cents=cents) for account, cents in legs]
    )
    try:
        with transaction.atomic():
            if len(legs) <= BATCH_FROM:
                for account, cents in legs:
                    Account.objects.filter(pk=account.pk).update(
                        balance_cents=F("balance_cents") + cents
                    )
            else:
                _move_in_batches(legs)
    except IntegrityError as error:
        raise NotEnoughLeft() from error
    for account, cents in legs:
        account.balance_cents += cents
    return entry


# A transaction of more legs than this (an upload's credits) moves its balances a few
# hundred accounts per UPDATE, in the accounts' id order, instead of one UPDATE each.
BATCH_FROM = 20
BATCH_SIZE = 500


def _move_in_batches(legs):
    """Each UPDATE adds to its accounts one amount, or a CASE of a branch per distinct
    amount (an upload's credits are a few amounts: the plan's default, its categories')."""
    by_account = {}
    for account, cents in legs:
        by_account[account.pk] = by_account.get(account.pk, 0) + cents
    ids = sorted(by_account)
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        by_amount = {}
        for pk in chunk:
            by_amount.setdefault(by_account[pk], []).append(pk)
        if len(by_amount) == 1:
            (amount,) = by_amount
            increment = Value(amount, output_field=BigIntegerField())
        else:
            increment = Case(
                *[When(pk__in=pks, then=Value(amount)) for amount, pks in by_amount.items()],
                output_field=BigIntegerField(),
            )
        Account.objects.filter(pk__in=chunk).update(balance_cents=F("balance_cents") + increment)


def reverse(entry, *, actor=None, memo=""):
    """A transaction that undoes `entry` leg by leg (a correction: `entry` stays as it was)."""
    legs = [(posting.account, -posting.amount_cents) for posting in entry.postings.all()]
    return post(
        kind="reversal",
        legs=legs,
        actor=actor,
        memo=memo or f"Storno del movimento {entry.pk}",
        reverses=entry,
        fund=entry.fund,
        allocation=entry.allocation,
        order=entry.order,
        delivery=entry.delivery,
    )
