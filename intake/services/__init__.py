"""Writes with rules of the intake: registration, the request lifecycle, the citizen's data.

Views, serializers, admin actions and management commands call these functions; they do
not repeat the rules.
"""

from .accounts import (
    AssistedRegistration,
    activate_account,
    issue_activation_code,
    profile_created,
    register_citizen,
    register_citizen_assisted,
    verify_email,
)
from .errors import (
    ActivationFailed,
    IdempotencyConflict,
    IntakeError,
    ServiceUnavailable,
    StaleRequest,
    TransitionNotAllowed,
)
from .lifecycle import (
    TRANSITIONS,
    Action,
    allowed_actions,
    citizen_note,
    note_for,
    note_help,
    perform_transition,
    submit_request,
    timeline_label,
)
from .privacy import erase_citizen, export_citizen_data

__all__ = [
    "TRANSITIONS",
    "Action",
    "ActivationFailed",
    "AssistedRegistration",
    "IdempotencyConflict",
    "IntakeError",
    "ServiceUnavailable",
    "StaleRequest",
    "TransitionNotAllowed",
    "activate_account",
    "allowed_actions",
    "citizen_note",
    "erase_citizen",
    "export_citizen_data",
    "issue_activation_code",
    "note_for",
    "note_help",
    "perform_transition",
    "profile_created",
    "register_citizen",
    "register_citizen_assisted",
    "submit_request",
    "timeline_label",
    "verify_email",
]
