"""Citizen profiles and service requests (filled in by the Intake issue)."""
