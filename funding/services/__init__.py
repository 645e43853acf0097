"""Writes with rules on funds, allocations, orders, deliveries and statements.

Views, the API, the admin and the management commands call these; they never post to the
ledger themselves.
"""

from funding.services.allocations import (
    expire_allocations,
    grant_allocation,
    reinstate_allocation,
    revoke_allocation,
    suspend_allocation,
)
from funding.services.deliveries import contest_delivery, decide_contest, record_delivery
from funding.services.errors import FundingError, LedgerUnbalanced, NotEnoughLeft, NotPermitted
from funding.services.funds import create_fund, set_citizen_isee
from funding.services.orders import (
    accept_order,
    cancel_order,
    complete_order,
    propose_order,
    refuse_order,
)
from funding.services.reimbursements import (
    approve_reimbursement,
    reject_reimbursement,
    submit_reimbursement,
)
from funding.services.statements import (
    approve_statement,
    open_statement,
    open_statements_for_month,
)

__all__ = [
    "FundingError",
    "LedgerUnbalanced",
    "NotEnoughLeft",
    "NotPermitted",
    "accept_order",
    "approve_reimbursement",
    "approve_statement",
    "cancel_order",
    "complete_order",
    "contest_delivery",
    "create_fund",
    "decide_contest",
    "expire_allocations",
    "grant_allocation",
    "open_statement",
    "open_statements_for_month",
    "propose_order",
    "record_delivery",
    "refuse_order",
    "reject_reimbursement",
    "reinstate_allocation",
    "revoke_allocation",
    "set_citizen_isee",
    "submit_reimbursement",
    "suspend_allocation",
]
