"""The API's own table: one row per Idempotency-Key, holding the answer to replay.

Imported by `intake/models.py` so that Django registers it with the intake app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyRecord(models.Model):
    """A POST made with an Idempotency-Key: who sent it, what it carried, what it got.

    The unique constraint on (owner, key) is what guarantees that one key runs once:
    the first request inserts the row and runs; any other finds the row and either waits
    its turn (409), is told the key is already bound to another body (422), or gets the
    stored answer again.
    """

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In elaborazione")
        COMPLETED = "completed", _("Completata")

    # "user:<pk>" for a logged-in caller, "anonymous" for registration.
    owner = models.CharField(_("chiamante"), max_length=64)
    key = models.CharField(_("chiave"), max_length=255)
    # The method and path the key was first used with, for the operators' eyes.
    operation = models.CharField(_("operazione"), max_length=255)
    # HMAC of method, path and body: the body is never stored (it may hold a password).
    fingerprint = models.CharField(_("impronta della richiesta"), max_length=64)
    state = models.CharField(
        _("stato"), max_length=16, choices=State.choices, default=State.IN_PROGRESS
    )
    response_status = models.PositiveSmallIntegerField(_("codice di risposta"), null=True)
    # The JSON text as first sent (jsonb would reorder the keys of a replayed answer).
    response_body = models.TextField(_("corpo della risposta"), blank=True)
    response_headers = models.JSONField(_("intestazioni della risposta"), default=dict)
    created_at = models.DateTimeField(_("creata il"), auto_now_add=True)
    # While in progress, the row is held until then; a crashed request frees it after.
    locked_until = models.DateTimeField(_("in elaborazione fino al"))
    expires_at = models.DateTimeField(_("scade il"), db_index=True)

    class Meta:
        verbose_name = _("chiave di idempotenza")
        verbose_name_plural = _("chiavi di idempotenza")
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="unique_idempotency_key")
        ]

    def __str__(self):
        return f"{self.owner} {self.key}"
