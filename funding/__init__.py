"""Funding: funds, allocations, orders, deliveries, statements, on a double-entry ledger."""
