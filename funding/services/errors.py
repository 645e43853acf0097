"""What can go wrong with money, as errors that carry a message for the user.

They are intake errors, so that the API's error mapping (intake/api/errors.py) answers them
as it answers the intake's: 400 with the message, 403 for a step the role may never take.
"""

from django.utils.translation import gettext_lazy as _

from intake.services.errors import IntakeError, TransitionNotAllowed


class FundingError(IntakeError):
    """A funding rule refused the action; nothing was changed."""

    default_message = _("Operazione non consentita.")
    code = "funding_error"


class NotEnoughLeft(FundingError):
    """An allocation, an order or a fund has less left than the action needs."""

    default_message = _("Non è rimasto abbastanza sul buono per questa operazione.")
    code = "not_enough_left"


class NotPermitted(TransitionNotAllowed):
    """The caller's role may never take this step (answered 403)."""

    default_message = _("Il tuo ruolo non consente questa operazione.")
    code = "forbidden"


class LedgerUnbalanced(Exception):
    """A programming error: postings that do not sum to zero were about to be written."""
