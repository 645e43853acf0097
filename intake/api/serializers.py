"""Shapes of the intake API: what each endpoint accepts and answers.

Input serializers check types, lengths and choices only (lengths come from the models);
every rule about codice fiscale, services and statuses is in `intake.services`, which the
views call with the validated data.
"""

import copy

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from catalogue.models import Municipality, ProviderPage, ServicePage, SocialPointPage
from intake.auth import confirm_password
from intake.models import (
    CitizenProfile,
    NotificationStatus,
    RegistrationChannel,
    RequestEvent,
    RequestStatus,
    ServiceRequest,
)
from intake.services import Action, allowed_actions, note_for
from intake.services.accounts import PROFILE_FIELDS

REQUIRED = _("Questo campo è obbligatorio.")


class FieldsBuiltOnce:
    """For a ModelSerializer whose fields depend on its class alone: DRF reads the model's
    fields again for every instance (most of the CPU of a small answer); build them once per
    class, then give each instance its own copy, as DRF does with declared fields."""

    def get_fields(self):
        built = type(self).__dict__.get("_fields_built_once")
        if built is None:
            built = super().get_fields()  # type: ignore[misc]
            type(self)._fields_built_once = built  # type: ignore[attr-defined]
        return copy.deepcopy(built)


class IntakeErrorSerializer(serializers.Serializer):
    """The body of an error that is not about one field (documentation only)."""

    detail = serializers.CharField(help_text=_("Che cosa è successo, da mostrare all'utente."))
    code = serializers.CharField(help_text=_("Lo stesso errore, per il programma."))


# --- accounts -----------------------------------------------------------------------------


class RegistrationSerializer(serializers.ModelSerializer):
    """A citizen registering online: the profile's fields, the login email and password."""

    email = serializers.EmailField(label=_("email"), max_length=254)
    password = serializers.CharField(
        label=_("password"),
        write_only=True,
        trim_whitespace=False,
        max_length=128,
        style={"input_type": "password"},
    )
    privacy_consent = serializers.BooleanField(
        label=_("consenso all'informativa sulla privacy"),
        help_text=_("Deve essere vero: il cittadino ha letto e accetta l'informativa."),
    )
    # Shape only: the core normalises and checks the codice fiscale (and uniqueness).
    fiscal_code = serializers.CharField(label=_("codice fiscale"), max_length=32)
    municipality = serializers.PrimaryKeyRelatedField(
        label=_("comune di residenza"),
        queryset=Municipality.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Vuoto se il comune non è nel distretto: indicalo in other_municipality."),
        error_messages={"does_not_exist": _("Questo comune non esiste: scegline uno dalla lista.")},
    )

    class Meta:
        model = CitizenProfile
        fields = ["password", *PROFILE_FIELDS]
        extra_kwargs = {
            "first_name": {"error_messages": {"blank": REQUIRED}},
            "last_name": {"error_messages": {"blank": REQUIRED}},
        }


class RegistrationResultSerializer(serializers.Serializer):
    detail = serializers.CharField()


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(
        label=_("codice fiscale o email"),
        max_length=254,
        help_text=_("Il codice fiscale o l'email con cui il cittadino si è registrato."),
    )
    password = serializers.CharField(
        label=_("password"),
        max_length=128,
        trim_whitespace=False,
        style={"input_type": "password"},
    )
    otp_code = serializers.CharField(
        label=_("codice del secondo fattore"),
        max_length=12,
        required=False,
        help_text=_(
            "Solo per il personale: il codice dell'app di autenticazione (o un codice di "
            "recupero). Senza, il token non è rilasciato."
        ),
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Da inviare come «Authorization: Token <token>»."))


class ProfileSerializer(serializers.ModelSerializer):
    """The citizen's own profile. Identity (names, codice fiscale, birth date) is read-only:
    it is corrected by an operator, not by the citizen."""

    municipality = serializers.PrimaryKeyRelatedField(
        label=_("comune di residenza"),
        queryset=Municipality.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("Questo comune non esiste: scegline uno dalla lista.")},
    )
    municipality_name = serializers.CharField(
        source="municipality.name", read_only=True, default=""
    )

    class Meta:
        model = CitizenProfile
        fields = [
            "first_name",
            "last_name",
            "fiscal_code",
            "birth_date",
            "email",
            "municipality",
            "municipality_name",
            "other_municipality",
            "phone",
            "preferred_language",
            "registration_channel",
            "privacy_notice_version",
            "privacy_consent_at",
            "email_verified_at",
        ]
        read_only_fields = [
            "first_name",
            "last_name",
            "fiscal_code",
            "birth_date",
            "email",
            "registration_channel",
            "privacy_notice_version",
            "privacy_consent_at",
            "email_verified_at",
        ]

    def validate(self, attrs):
        """Residence is one of the district's municipalities, or another town by name."""
        if "municipality" not in attrs and "other_municipality" not in attrs:
            return attrs
        municipality = attrs.get("municipality", self.instance.municipality)
        other = attrs.get("other_municipality", self.instance.other_municipality).strip()
        if municipality is not None:
            other = ""
        elif not other:
            raise serializers.ValidationError(
                {
                    "municipality": [
                        _("Scegli il comune di residenza, oppure scrivi il nome del tuo comune.")
                    ]
                }
            )
        attrs["other_municipality"] = other
        return attrs


# --- requests -----------------------------------------------------------------------------


def page_field(queryset, label, missing):
    return serializers.PrimaryKeyRelatedField(
        label=label,
        queryset=queryset,
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": missing},
    )


class ServiceRequestCreateSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    """What a citizen sends to request a service."""

    service = serializers.PrimaryKeyRelatedField(
        label=_("servizio"),
        queryset=ServicePage.objects.all(),
        help_text=_("L'id della pagina del servizio (come in /api/v2/pages/)."),
        error_messages={
            "does_not_exist": _(
                "Questo servizio non esiste o è stato eliminato: scegli un servizio dal catalogo."
            ),
            "required": _("Indica il servizio che vuoi richiedere."),
            "null": _("Indica il servizio che vuoi richiedere."),
        },
    )
    preferred_provider = page_field(
        ProviderPage.objects.all(),
        _("ente preferito"),
        _("Questo ente non esiste: scegli uno degli enti che offrono il servizio."),
    )
    social_point = page_field(
        SocialPointPage.objects.all(),
        _("Social Point"),
        _("Questo Social Point non esiste: scegline uno dalla lista."),
    )

    class Meta:
        model = ServiceRequest
        fields = [
            "service",
            "description",
            "preferred_provider",
            "social_point",
            "preferred_contact",
            "contact_phone",
            "contact_email",
            "voucher_requested",
        ]
        extra_kwargs = {
            "description": {
                "help_text": _("Il bisogno, con le parole del cittadino."),
                "error_messages": {
                    "blank": _("Descrivi di che cosa hai bisogno."),
                    "required": _("Descrivi di che cosa hai bisogno."),
                },
            }
        }


class RequestEventSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    """One step of the timeline. The staff member's name is not shown, only the step."""

    from_status_label = serializers.SerializerMethodField()
    to_status_label = serializers.CharField(source="get_to_status_display", read_only=True)
    provider_title = serializers.CharField(source="provider.title", read_only=True, default="")
    note = serializers.SerializerMethodField()

    class Meta:
        model = RequestEvent
        fields = [
            "action",
            "from_status",
            "from_status_label",
            "to_status",
            "to_status_label",
            "note",
            "provider_title",
            "created_at",
        ]

    def get_from_status_label(self, event) -> str:
        return event.get_from_status_display() if event.from_status else ""

    def get_note(self, event) -> str:
        """The citizen reads only the notes meant for them; staff read every note."""
        return note_for(event, self.context["request"].user)


class ServiceRequestSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    """A request as its citizen (or the staff handling it) sees it, in a listing."""

    url = serializers.HyperlinkedIdentityField(
        view_name="intake-api:request-detail", lookup_field="reference"
    )
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    channel_label = serializers.CharField(source="get_channel_display", read_only=True)
    provider = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    assigned_provider_title = serializers.CharField(
        source="provider.title", read_only=True, default=""
    )

    class Meta:
        model = ServiceRequest
        fields = [
            "reference",
            "url",
            "status",
            "status_label",
            "service",
            "service_title",
            "provider_title",
            "preferred_provider",
            "provider",
            "assigned_provider_title",
            "social_point",
            "channel",
            "channel_label",
            "description",
            "preferred_contact",
            "contact_phone",
            "contact_email",
            "voucher_requested",
            "submitted_at",
            "updated_at",
            "assigned_at",
            "accepted_at",
            "closed_at",
            "version",
        ]
        read_only_fields = fields


class ServiceRequestDetailSerializer(ServiceRequestSerializer):
    """A request with its timeline and what the caller may do with it now."""

    events = RequestEventSerializer(many=True, read_only=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta(ServiceRequestSerializer.Meta):
        fields = [*ServiceRequestSerializer.Meta.fields, "events", "allowed_actions"]
        read_only_fields = fields

    def get_allowed_actions(self, service_request) -> list[str]:
        request = self.context["request"]
        return [
            str(action)
            for action in allowed_actions(service_request=service_request, user=request.user)
        ]


class WithdrawSerializer(serializers.Serializer):
    """Withdrawing: the version the citizen saw (optional) and a reason (optional)."""

    version = serializers.IntegerField(
        label=_("versione"),
        min_value=1,
        required=False,
        help_text=_("La versione della richiesta letta dal client: se è cambiata, 409."),
    )
    note = serializers.CharField(
        label=_("motivo"), max_length=2000, required=False, allow_blank=True, default=""
    )


class TransitionSerializer(serializers.Serializer):
    """A staff step on a request (or the citizen's withdrawal)."""

    action = serializers.ChoiceField(label=_("azione"), choices=Action.choices)
    version = serializers.IntegerField(
        label=_("versione"),
        min_value=1,
        help_text=_(
            "La versione della richiesta letta dal client: se nel frattempo è cambiata, "
            "la risposta è 409 e nulla viene modificato."
        ),
    )
    note = serializers.CharField(
        label=_("nota"),
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Obbligatoria per decline e reject (il motivo)."),
    )
    provider = serializers.PrimaryKeyRelatedField(
        label=_("ente"),
        queryset=ProviderPage.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Obbligatorio per assign: l'ente a cui si assegna la richiesta."),
        error_messages={"does_not_exist": _("Questo ente non esiste: scegline uno dalla lista.")},
    )


# --- the citizen's own data ---------------------------------------------------------------


class EraseAccountSerializer(serializers.Serializer):
    """Erasing the account: the password again, so that a stolen token alone cannot."""

    password = serializers.CharField(
        label=_("password"),
        max_length=128,
        trim_whitespace=False,
        style={"input_type": "password"},
        error_messages={
            "required": _("Scrivi la tua password per confermare."),
            "blank": _("Scrivi la tua password per confermare."),
        },
    )

    def validate_password(self, value):
        request = self.context["request"]
        if not confirm_password(request._request, request.user, value):
            raise serializers.ValidationError(
                _(
                    "La password non è corretta: scrivi quella con cui accedi al portale "
                    "(le maiuscole contano)."
                )
            )
        return value


# The export is built by `intake.services.export_citizen_data`; these serializers only
# describe its shape in the schema.


class ExportProfileSerializer(serializers.Serializer):
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    fiscal_code = serializers.CharField()
    birth_date = serializers.DateField()
    email = serializers.CharField()
    phone = serializers.CharField()
    municipality = serializers.CharField(help_text=_("Il nome del comune del distretto."))
    other_municipality = serializers.CharField()
    preferred_language = serializers.CharField()
    registration_channel = serializers.ChoiceField(choices=RegistrationChannel.choices)
    registration_channel_label = serializers.CharField()
    registered_at_social_point = serializers.CharField()
    registered_on = serializers.DateTimeField()
    privacy_notice_version = serializers.CharField()
    privacy_consent_at = serializers.DateTimeField()
    email_verified_at = serializers.DateTimeField(allow_null=True)


class ExportAccountSerializer(serializers.Serializer):
    username = serializers.CharField()
    email = serializers.CharField()
    date_joined = serializers.DateTimeField()
    last_login = serializers.DateTimeField(allow_null=True)


class ExportEventSerializer(serializers.Serializer):
    created_at = serializers.DateTimeField()
    action = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.ChoiceField(choices=RequestStatus.choices)
    to_status_label = serializers.CharField()
    note = serializers.CharField()
    provider = serializers.CharField()


class ExportRequestSerializer(serializers.Serializer):
    reference = serializers.CharField()
    service_title = serializers.CharField()
    provider_title = serializers.CharField()
    preferred_provider = serializers.CharField()
    assigned_provider = serializers.CharField()
    social_point = serializers.CharField()
    channel = serializers.CharField()
    status = serializers.ChoiceField(choices=RequestStatus.choices)
    status_label = serializers.CharField()
    description = serializers.CharField()
    preferred_contact = serializers.CharField()
    contact_phone = serializers.CharField()
    contact_email = serializers.CharField()
    voucher_requested = serializers.BooleanField()
    submitted_at = serializers.DateTimeField()
    assigned_at = serializers.DateTimeField(allow_null=True)
    accepted_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    events = ExportEventSerializer(many=True)


class ExportEmailSerializer(serializers.Serializer):
    to = serializers.CharField()
    subject = serializers.CharField()
    created_at = serializers.DateTimeField()
    sent_at = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(choices=NotificationStatus.choices)


class CitizenDataExportSerializer(serializers.Serializer):
    """Everything the portal holds about the caller (documentation only)."""

    exported_at = serializers.DateTimeField()
    profile = ExportProfileSerializer()
    account = ExportAccountSerializer()
    requests = ExportRequestSerializer(many=True)
    emails = ExportEmailSerializer(many=True)
