"""What can go wrong in the intake, as errors that carry a message for the user."""

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class IntakeError(Exception):
    """A rule of the intake refused an action; `message` says why, in the user's language."""

    default_message = _("Operazione non consentita.")
    code = "intake_error"

    def __init__(self, message: StrOrPromise | None = None, *, code: str | None = None) -> None:
        self.message = message or self.default_message
        if code:
            self.code = code
        super().__init__(str(self.message))


class TransitionNotAllowed(IntakeError):
    default_message = _("Questa operazione non è possibile per la richiesta nel suo stato attuale.")
    code = "transition_not_allowed"


class StaleRequest(IntakeError):
    default_message = _(
        "La richiesta è stata modificata da qualcun altro nel frattempo: "
        "ricarica la pagina e riprova."
    )
    code = "stale_request"


class ServiceUnavailable(IntakeError):
    default_message = _(
        "Questo servizio non si può richiedere online in questo momento: contatta un Social Point."
    )
    code = "service_unavailable"


class IdempotencyConflict(IntakeError):
    default_message = _("Questa chiave di idempotenza è già stata usata per una richiesta diversa.")
    code = "idempotency_conflict"


class ActivationFailed(IntakeError):
    default_message = _("Il codice non è valido o è scaduto: chiedine uno nuovo al Social Point.")
    code = "activation_failed"
