"""Citizen profiles, service requests and their append-only history.

The lifecycle rules live in `intake/services.py`; these models only hold the state.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from catalogue.immutable import ImmutableModel


class RegistrationChannel(models.TextChoices):
    WEB = "web", _("Online, dal cittadino")
    SOCIAL_POINT = "social_point", _("Allo sportello di un Social Point")
    PHONE = "phone", _("Al telefono")


class RequestChannel(models.TextChoices):
    WEB = "web", _("Online")
    SOCIAL_POINT = "social_point", _("Social Point")
    PHONE = "phone", _("Telefono")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Inviata")
    IN_REVIEW = "in_review", _("In valutazione")
    ASSIGNED = "assigned", _("Assegnata a un ente")
    ACCEPTED = "accepted", _("Accettata dall'ente")
    IN_PROGRESS = "in_progress", _("In corso")
    COMPLETED = "completed", _("Conclusa")
    REJECTED = "rejected", _("Respinta")
    WITHDRAWN = "withdrawn", _("Ritirata")


class PreferredContact(models.TextChoices):
    PHONE = "phone", _("Telefono")
    EMAIL = "email", _("Email")
    SOCIAL_POINT = "social_point", _("Tramite il Social Point")


class CitizenProfile(models.Model):
    """The person behind an account: one per user and one per codice fiscale."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utente"),
        on_delete=models.CASCADE,
        related_name="citizen_profile",
    )
    first_name = models.CharField(_("nome"), max_length=80)
    last_name = models.CharField(_("cognome"), max_length=80)
    fiscal_code = models.CharField(_("codice fiscale"), max_length=16, unique=True)
    birth_date = models.DateField(_("data di nascita"))
    municipality = models.ForeignKey(
        "catalogue.Municipality",
        verbose_name=_("comune di residenza"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="residents",
    )
    other_municipality = models.CharField(
        _("altro comune di residenza"),
        max_length=80,
        blank=True,
        help_text=_("Se il comune di residenza non è nel distretto."),
    )
    phone = models.CharField(_("telefono"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    preferred_language = models.CharField(
        _("lingua preferita"), max_length=8, choices=settings.LANGUAGES, default="it"
    )
    registration_channel = models.CharField(
        _("registrato"),
        max_length=16,
        choices=RegistrationChannel.choices,
        default=RegistrationChannel.WEB,
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrato da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_at = models.ForeignKey(
        "catalogue.SocialPointPage",
        verbose_name=_("registrato presso"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_notice_version = models.CharField(_("versione dell'informativa"), max_length=20)
    privacy_consent_at = models.DateTimeField(_("consenso all'informativa il"))
    email_verified_at = models.DateTimeField(_("email verificata il"), null=True, blank=True)
    created_at = models.DateTimeField(_("creato il"), auto_now_add=True)
    updated_at = models.DateTimeField(_("aggiornato il"), auto_now=True)
    # Set when the citizen's personal data were erased (see `erase_citizen`): the row stays,
    # anonymised, so the district's statistics still count the requests.
    erased_at = models.DateTimeField(_("dati cancellati il"), null=True, blank=True)

    class Meta:
        verbose_name = _("profilo del cittadino")
        verbose_name_plural = _("profili dei cittadini")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.last_name} {self.first_name} ({self.fiscal_code})"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


class ReferenceSequence(models.Model):
    """The last reference number handed out in a year (RW-2026-000042)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("numeratore delle richieste")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class ServiceRequest(models.Model):
    """A citizen's request for a service, from submission to completion."""

    # Not stored: submit_request sets it True when it answers with an earlier submission.
    replayed = False

    reference = models.CharField(_("riferimento"), max_length=20, unique=True, editable=False)
    citizen = models.ForeignKey(
        CitizenProfile,
        verbose_name=_("cittadino"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    service = models.ForeignKey(
        "catalogue.ServicePage",
        verbose_name=_("servizio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    # Snapshots taken at submission: they survive the page being moved or deleted.
    service_title = models.CharField(_("servizio (alla richiesta)"), max_length=255)
    provider_title = models.CharField(_("ente (alla richiesta)"), max_length=255, blank=True)
    preferred_provider = models.ForeignKey(
        "catalogue.ProviderPage",
        verbose_name=_("ente preferito"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    provider = models.ForeignKey(
        "catalogue.ProviderPage",
        verbose_name=_("ente assegnatario"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_requests",
    )
    social_point = models.ForeignKey(
        "catalogue.SocialPointPage",
        verbose_name=_("Social Point"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    channel = models.CharField(
        _("canale"), max_length=16, choices=RequestChannel.choices, default=RequestChannel.WEB
    )
    description = models.TextField(_("descrizione del bisogno"), max_length=4000)
    preferred_contact = models.CharField(
        _("contatto preferito"),
        max_length=16,
        choices=PreferredContact.choices,
        default=PreferredContact.PHONE,
    )
    contact_phone = models.CharField(_("telefono di contatto"), max_length=40, blank=True)
    contact_email = models.EmailField(_("email di contatto"), blank=True)
    voucher_requested = models.BooleanField(_("chiede il voucher comunale"), default=False)
    status = models.CharField(
        _("stato"),
        max_length=16,
        choices=RequestStatus.choices,
        default=RequestStatus.SUBMITTED,
        db_index=True,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inserita da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("inviata il"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("aggiornata il"), auto_now=True)
    assigned_at = models.DateTimeField(_("assegnata il"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accettata il"), null=True, blank=True)
    closed_at = models.DateTimeField(_("chiusa il"), null=True, blank=True)
    version = models.PositiveIntegerField(_("versione"), default=1)
    # A retry of the same submission (Idempotency-Key, or the web form's one-time token)
    # finds the request it already created; the constraint below makes it one row.
    idempotency_key = models.CharField(
        _("chiave di idempotenza"), max_length=255, blank=True, editable=False
    )
    request_fingerprint = models.CharField(
        _("impronta della richiesta"), max_length=64, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("richiesta di servizio")
        verbose_name_plural = _("richieste di servizio")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="unique_request_per_idempotency_key",
            )
        ]

    def __str__(self):
        return f"{self.reference} – {self.service_title}"


class RequestEvent(models.Model):
    """One step in a request's history: who, when, from which status to which, why."""

    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("richiesta"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("autore"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("azione"), max_length=32)
    from_status = models.CharField(
        _("da"), max_length=16, choices=RequestStatus.choices, blank=True
    )
    to_status = models.CharField(_("a"), max_length=16, choices=RequestStatus.choices)
    note = models.TextField(_("nota"), blank=True, max_length=2000)
    provider = models.ForeignKey(
        "catalogue.ProviderPage",
        verbose_name=_("ente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("il"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("evento della richiesta")
        verbose_name_plural = _("storia della richiesta")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.request_id}: {self.from_status} → {self.to_status}"


class ProviderMembership(models.Model):
    """A staff user's membership of a provider: gives its content group and its requests."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utente"),
        on_delete=models.CASCADE,
        related_name="provider_memberships",
    )
    provider = models.ForeignKey(
        "catalogue.ProviderPage",
        verbose_name=_("ente"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    created_at = models.DateTimeField(_("dal"), auto_now_add=True)

    class Meta:
        verbose_name = _("appartenenza a un ente")
        verbose_name_plural = _("appartenenze agli enti")
        constraints = [
            models.UniqueConstraint(fields=["user", "provider"], name="unique_provider_membership")
        ]

    def __str__(self):
        return f"{self.user} @ {self.provider}"


class ActivationCode(models.Model):
    """A one-time code an operator hands to a citizen registered at the desk.

    Only a hash is stored: the code itself is shown once, on the letter.
    """

    profile = models.ForeignKey(
        CitizenProfile,
        verbose_name=_("cittadino"),
        on_delete=models.CASCADE,
        related_name="activation_codes",
    )
    code_hash = models.CharField(_("impronta del codice"), max_length=128)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consegnato da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("creato il"), auto_now_add=True)
    expires_at = models.DateTimeField(_("scade il"))
    used_at = models.DateTimeField(_("usato il"), null=True, blank=True)

    class Meta:
        verbose_name = _("codice di attivazione")
        verbose_name_plural = _("codici di attivazione")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.profile} ({self.created_at:%Y-%m-%d})"


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Da inviare")
    # "Inviata" is also a request status ("Submitted"); an email is "Sent".
    SENT = "sent", pgettext_lazy("notifica", "Inviata")
    FAILED = "failed", _("Non inviata (tentativi esauriti)")


class Notification(models.Model):
    """The email outbox: written in the transaction that caused it, sent by the worker."""

    to_email = models.EmailField(_("destinatario"))
    subject = models.CharField(_("oggetto"), max_length=200)
    body = models.TextField(_("testo"))
    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("richiesta"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    status = models.CharField(
        _("stato"),
        max_length=16,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("tentativi"), default=0)
    next_attempt_at = models.DateTimeField(_("prossimo tentativo"), null=True, blank=True)
    last_error = models.CharField(_("ultimo errore"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("creata il"), auto_now_add=True)
    sent_at = models.DateTimeField(_("inviata il"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifica")
        verbose_name_plural = _("notifiche")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.to_email}: {self.subject}"


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


def owner_of_user(user):
    """The owner key of a logged-in caller's Idempotency-Key records ("user:<pk>"): the API
    writes them under it, erasing the account deletes them by it."""
    return f"user:{user.pk}"


class AccessAction(models.TextChoices):
    VIEW_REQUEST = "view_request", _("Apertura di una richiesta")
    VIEW_CITIZEN = "view_citizen", _("Apertura della scheda di un cittadino")
    ACTIVATION_LETTER = "activation_letter", _("Lettera di attivazione")
    EXPORT = "export", _("Esportazione di un elenco")
    DATA_EXPORT = "data_export", _("Esportazione dei dati personali")
    ERASURE = "erasure", _("Cancellazione dei dati personali")
    API_VIEW_REQUEST = "api_view_request", _("Lettura di una richiesta dall'API")


class AccessRecord(ImmutableModel):
    """One read of personal data: who (with role and organisation, kept as text so that the
    record survives the account), when, which action, about whom. Append-only: written once
    by intake/services/access.py, never changed; only the retention task deletes it
    (`purge`). Deleting an account empties `actor` or `citizen` (the names stay as text): the
    only change the PostgreSQL trigger lets through (migration 0007)."""

    update_refused = "Access records are append-only."
    delete_refused = "Access records are deleted only by the retention task."
    purgeable = True

    at = models.DateTimeField(_("il"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chi"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("utente"), max_length=150)
    role = models.CharField(_("ruolo"), max_length=80, blank=True)
    organisation = models.CharField(_("organizzazione"), max_length=255, blank=True)
    action = models.CharField(_("azione"), max_length=32, choices=AccessAction.choices)
    citizen = models.ForeignKey(
        CitizenProfile,
        verbose_name=_("cittadino"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="access_records",
    )
    request_reference = models.CharField(_("richiesta"), max_length=32, blank=True)
    details = models.JSONField(_("dettagli"), default=dict, blank=True)

    class Meta:
        verbose_name = _("accesso ai dati personali")
        verbose_name_plural = _("accessi ai dati personali")
        ordering = ["-at", "-pk"]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"
