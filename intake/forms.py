"""The citizen's HTML forms: account pages and the service request.

Forms check the shape of the input with the core's validators, so a citizen reads the same
messages as an app using the API; the rules themselves stay in `intake.services`, whose
field errors the views put back next to the fields (see `add_service_errors`).
"""

import hashlib
import json
import re
import uuid

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from catalogue.models import Municipality
from intake.auth import confirm_password
from intake.models import PreferredContact
from intake.notifications import queue_email
from intake.validators import (
    normalize_fiscal_code,
    validate_fiscal_code,
    validate_fiscal_code_matches_birth_date,
)

OTHER_MUNICIPALITY = "altro"
FORM_TOKEN_PATTERN = re.compile(r"^[0-9a-f]{32}$")


class ItaliaBoundField(BoundField):
    """Adds Bootstrap Italia's classes to a widget; Django already links help and errors
    through aria-describedby (ids `<id>_helptext` and `<id>_error`) and sets aria-invalid."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if widget.is_hidden:
            return attrs
        if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
            base = "form-check-input"
        elif isinstance(widget, forms.Select):
            base = "form-select"
        else:
            base = "form-control"
        classes = [widget.attrs.get("class", base)]
        if self.errors:
            classes.append("is-invalid")
        attrs["class"] = " ".join(classes)
        return attrs


class ItaliaForm(forms.Form):
    """A form whose fields render as Bootstrap Italia inputs (templates/intake/forms/)."""

    bound_field_class = ItaliaBoundField


def add_service_errors(form, error, field_map=None):
    """Put a service's ValidationError back on the form: by field where the form has it
    (`field_map` renames the service's fields to the form's), as a form-wide error otherwise.
    The one copy: the citizens' pages and the back office call it."""
    field_map = field_map or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        name = field_map.get(field, field)
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


def district_municipality_choices():
    """The district's municipalities, then «altro comune», for the residence select."""
    municipalities = Municipality.objects.filter(
        locale=Locale.get_default(), in_district=True
    ).order_by("name")
    return (
        [("", _("Scegli il tuo comune"))]
        + [(str(m.pk), m.name) for m in municipalities]
        + [(OTHER_MUNICIPALITY, _("Altro comune (fuori dal distretto)"))]
    )


class FiscalCodeField(forms.CharField):
    """A codice fiscale: spaces dropped, upper case; length and checksum are checked by the
    core's validator, so the message is the API's. No maxlength on the input: a code pasted
    with spaces must not be cut short."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Codice fiscale"))
        kwargs.setdefault(
            "error_messages",
            {"required": _("Scrivi il tuo codice fiscale: 16 caratteri, lettere e numeri.")},
        )
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_fiscal_code(value.replace(" ", "")) if value else value

    def validate(self, value):
        super().validate(value)
        if value:
            validate_fiscal_code(value)


class NewPasswordMixin:
    """Two password fields checked with the site's password validators."""

    def _password_fields(self):
        self.fields["password1"] = forms.CharField(
            label=_("Password"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            help_text=_(
                "Almeno 8 caratteri, non solo numeri, non simile al tuo nome o alla tua email."
            ),
            error_messages={"required": _("Scegli una password.")},
        )
        self.fields["password2"] = forms.CharField(
            label=_("Ripeti la password"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            error_messages={"required": _("Scrivi di nuovo la password, per conferma.")},
        )

    def _check_passwords(self, user):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Le due password non sono uguali: riscrivile."))
            return
        if password1:
            try:
                password_validation.validate_password(password1, user)
            except ValidationError as error:
                self.add_error("password1", error)


class RegistrationForm(NewPasswordMixin, ItaliaForm):
    """Online registration: every CitizenProfile field, a password and the privacy consent."""

    first_name = forms.CharField(
        label=_("Nome"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={
            "required": _("Scrivi il tuo nome."),
            "max_length": _("Il nome può avere al massimo %(limit_value)d caratteri."),
        },
    )
    last_name = forms.CharField(
        label=_("Cognome"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={
            "required": _("Scrivi il tuo cognome."),
            "max_length": _("Il cognome può avere al massimo %(limit_value)d caratteri."),
        },
    )
    fiscal_code = FiscalCodeField(
        help_text=_("Lo trovi sulla tessera sanitaria. Servirà anche per accedere.")
    )
    birth_date = forms.DateField(
        label=_("Data di nascita"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
        help_text=_("Deve corrispondere a quella del codice fiscale."),
        error_messages={
            "required": _("Scrivi la tua data di nascita."),
            "invalid": _("Scrivi la data di nascita come giorno/mese/anno, ad es. 07/03/1950."),
        },
    )
    municipality = forms.ChoiceField(
        label=_("Comune di residenza"),
        error_messages={
            "required": _("Scegli il tuo comune di residenza, oppure «Altro comune»."),
            "invalid_choice": _("Scegli un comune dell'elenco, oppure «Altro comune»."),
        },
    )
    other_municipality = forms.CharField(
        label=_("Se hai scelto «Altro comune»: in quale comune risiedi?"),
        max_length=80,
        required=False,
        error_messages={
            "max_length": _("Il nome del comune può avere al massimo %(limit_value)d caratteri.")
        },
    )
    phone = forms.CharField(
        label=_("Telefono (facoltativo)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("Per essere richiamato quando fai una richiesta."),
        error_messages={
            "max_length": _("Il telefono può avere al massimo %(limit_value)d caratteri.")
        },
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Ti mandiamo un link per confermarla: l'account si attiva da lì."),
        error_messages={
            "required": _("Scrivi la tua email: serve per attivare l'account."),
            "invalid": _("L'email non sembra corretta: controlla che sia come nome@esempio.it."),
            "max_length": _("L'email può avere al massimo %(limit_value)d caratteri."),
        },
    )
    preferred_language = forms.ChoiceField(
        label=_("Lingua preferita per le comunicazioni"),
        choices=settings.LANGUAGES,
        initial="it",
        error_messages={"invalid_choice": _("Scegli una lingua dell'elenco.")},
    )
    privacy_consent = forms.BooleanField(
        label=_("Ho letto l'informativa sulla privacy e acconsento al trattamento dei miei dati"),
        error_messages={
            "required": _("Per registrarti devi accettare l'informativa sulla privacy.")
        },
    )

    field_order = [
        "first_name",
        "last_name",
        "fiscal_code",
        "birth_date",
        "municipality",
        "other_municipality",
        "phone",
        "email",
        "password1",
        "password2",
        "preferred_language",
        "privacy_consent",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._password_fields()
        self.fields["municipality"].choices = district_municipality_choices()
        self.order_fields(self.field_order)

    def clean(self):
        cleaned = super().clean()
        fiscal_code, birth_date = cleaned.get("fiscal_code"), cleaned.get("birth_date")
        if fiscal_code and birth_date:
            try:
                validate_fiscal_code_matches_birth_date(fiscal_code, birth_date)
            except ValidationError as error:
                self.add_error("birth_date", error)
        other = cleaned.get("other_municipality", "").strip()
        if cleaned.get("municipality") == OTHER_MUNICIPALITY and not other:
            self.add_error("other_municipality", _("Scrivi il nome del comune in cui risiedi."))
        user = get_user_model()(
            username=fiscal_code or "",
            email=cleaned.get("email", ""),
            first_name=cleaned.get("first_name", ""),
            last_name=cleaned.get("last_name", ""),
        )
        self._check_passwords(user)
        return cleaned

    def service_kwargs(self):
        """The keyword arguments of `register_citizen`."""
        data = self.cleaned_data
        municipality = None
        if data["municipality"] != OTHER_MUNICIPALITY:
            municipality = Municipality.objects.get(pk=data["municipality"])
        return {
            "email": data["email"],
            "password": data["password1"],
            "first_name": data["first_name"].strip(),
            "last_name": data["last_name"].strip(),
            "fiscal_code": data["fiscal_code"],
            "birth_date": data["birth_date"],
            "municipality": municipality,
            "other_municipality": (
                data["other_municipality"].strip() if municipality is None else ""
            ),
            "phone": data["phone"].strip(),
            "preferred_language": data["preferred_language"],
            "privacy_consent": data["privacy_consent"],
        }


# The service's field names, as the form calls them.
REGISTRATION_FIELD_MAP = {"password": "password1"}


class CitizenLoginForm(AuthenticationForm):
    """Login with the codice fiscale or the email, through the core's auth backend."""

    bound_field_class = ItaliaBoundField

    error_messages = {
        "invalid_login": _(
            "Codice fiscale, email o password non sono corretti. Controlla e riprova: "
            "le maiuscole nella password contano."
        ),
        "inactive": _(
            "Il tuo account non è ancora attivo. Apri il link dell'email di conferma, "
            "oppure, se ti sei registrato a un Social Point, attivalo con il codice ricevuto."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Codice fiscale o email")
        self.fields["username"].max_length = 254
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "autocapitalize": "none", "maxlength": 254}
        )
        self.fields["username"].error_messages["required"] = _(
            "Scrivi il tuo codice fiscale o la tua email."
        )
        self.fields["password"].error_messages["required"] = _("Scrivi la tua password.")

    def clean(self):
        try:
            return super().clean()
        except ValidationError as error:
            if getattr(error, "code", None) == "invalid_login" and self._is_inactive_owner():
                raise ValidationError(self.error_messages["inactive"], code="inactive") from None
            raise

    def _is_inactive_owner(self):
        """The right password of an account not activated yet: say so, not «wrong»."""
        identifier = (self.cleaned_data.get("username") or "").strip()
        password = self.cleaned_data.get("password")
        if not identifier or not password:
            return False
        user_model = get_user_model()
        candidates = user_model.objects.filter(is_active=False).filter(
            username=normalize_fiscal_code(identifier)
        ) | user_model.objects.filter(is_active=False, email__iexact=identifier)
        return any(user.check_password(password) for user in candidates[:2])


class CitizenPasswordResetForm(PasswordResetForm):
    """«Password dimenticata»: the email the account was registered with.

    The email goes through the outbox like every other, so a mail server that is down
    delays it instead of losing it.
    """

    bound_field_class = ItaliaBoundField

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        profile = getattr(context["user"], "citizen_profile", None)
        queue_email(
            to=to_email,
            template="password_reset",
            context=context,
            language=profile.preferred_language if profile else None,
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email")
        self.fields["email"].help_text = _(
            "L'email con cui ti sei registrato: ti mandiamo un link per scegliere una nuova "
            "password."
        )
        self.fields["email"].error_messages.update(
            {
                "required": _("Scrivi l'email con cui ti sei registrato."),
                "invalid": _(
                    "L'email non sembra corretta: controlla che sia come nome@esempio.it."
                ),
            }
        )


class CitizenSetPasswordForm(SetPasswordForm):
    """The new password after a reset link."""

    bound_field_class = ItaliaBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Nuova password")
        self.fields["new_password1"].help_text = _(
            "Almeno 8 caratteri, non solo numeri, non simile al tuo nome o alla tua email."
        )
        self.fields["new_password2"].label = _("Ripeti la nuova password")
        self.error_messages = {
            **self.error_messages,
            "password_mismatch": _("Le due password non sono uguali: riscrivile."),
        }


class ActivationForm(NewPasswordMixin, ItaliaForm):
    """Activating an account opened at a Social Point: codice fiscale, code, new password."""

    fiscal_code = FiscalCodeField()
    code = forms.CharField(
        label=_("Codice di attivazione"),
        max_length=64,
        help_text=_("È stampato sulla lettera che ti ha dato l'operatore del Social Point."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
        error_messages={
            "required": _("Scrivi il codice di attivazione che trovi sulla lettera."),
            "max_length": _(
                "Il codice di attivazione è più corto: controlla di averlo copiato bene."
            ),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._password_fields()

    def clean(self):
        cleaned = super().clean()
        self._check_passwords(get_user_model()(username=cleaned.get("fiscal_code") or ""))
        return cleaned


def new_form_token():
    """A one-time token for a request form: its submissions share one idempotency key."""
    return uuid.uuid4().hex


class ServiceRequestForm(ItaliaForm):
    """«Richiedi il servizio»: the need in the citizen's words and how to be contacted.

    The provider, Social Point and voucher questions appear only when the service offers a
    choice; `choices` comes from the view (`providers`, `social_points`, `voucher`).
    """

    description = forms.CharField(
        label=_("Di che cosa hai bisogno?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Racconta con parole tue la situazione e l'aiuto che cerchi (massimo 4000 "
            "caratteri). Non servono documenti ora."
        ),
        error_messages={
            "required": _("Scrivi in poche righe di che cosa hai bisogno."),
            "max_length": _(
                "La descrizione può avere al massimo %(limit_value)d caratteri (ne hai "
                "scritti %(show_value)d): accorciala."
            ),
        },
    )
    preferred_provider = forms.TypedChoiceField(
        label=_("Da quale ente preferisci ricevere il servizio?"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Scegli uno degli enti dell'elenco.")},
    )
    social_point = forms.TypedChoiceField(
        label=_("Vuoi l'aiuto di un Social Point?"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Un operatore del Social Point scelto ti aiuta a completare la richiesta."),
        error_messages={"invalid_choice": _("Scegli uno dei Social Point dell'elenco.")},
    )
    preferred_contact = forms.ChoiceField(
        label=_("Come preferisci essere contattato?"),
        choices=PreferredContact.choices,
        initial=PreferredContact.PHONE,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Scegli come preferisci essere contattato."),
            "invalid_choice": _("Scegli uno dei modi di contatto dell'elenco."),
        },
    )
    contact_phone = forms.CharField(
        label=_("Numero di telefono"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={
            "max_length": _("Il telefono può avere al massimo %(limit_value)d caratteri.")
        },
    )
    contact_email = forms.EmailField(
        label=_("Indirizzo email"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("L'email non sembra corretta: controlla che sia come nome@esempio.it."),
            "max_length": _("L'email può avere al massimo %(limit_value)d caratteri."),
        },
    )
    voucher_requested = forms.BooleanField(
        label=_("Voglio usare il voucher comunale per questo servizio"),
        required=False,
        help_text=_("Il Comune verifica se ne hai diritto."),
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, providers=(), social_points=(), voucher=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.providers = {page.pk: page for page in providers}
        self.social_points = {page.pk: page for page in social_points}
        if len(self.providers) > 1:
            self.fields["preferred_provider"].choices = [
                ("", _("Nessuna preferenza: decide l'Ufficio di Piano"))
            ] + [(page.pk, page.title) for page in providers]
        else:
            del self.fields["preferred_provider"]
        if self.social_points:
            self.fields["social_point"].choices = [("", _("No, faccio da solo"))] + [
                (page.pk, page.title) for page in social_points
            ]
        else:
            del self.fields["social_point"]
            self.fields["preferred_contact"].choices = [
                choice
                for choice in PreferredContact.choices
                if choice[0] != PreferredContact.SOCIAL_POINT
            ]
        if not voucher:
            del self.fields["voucher_requested"]

    def clean_form_token(self):
        token = self.cleaned_data.get("form_token", "")
        if not FORM_TOKEN_PATTERN.match(token):
            raise ValidationError(
                _("Il modulo non è più valido: ricarica la pagina e invia di nuovo la richiesta.")
            )
        return token

    def clean(self):
        cleaned = super().clean()
        contact = cleaned.get("preferred_contact")
        if contact == PreferredContact.PHONE and not cleaned.get("contact_phone", "").strip():
            self.add_error(
                "contact_phone", _("Scrivi il numero a cui chiamarti, o scegli un altro contatto.")
            )
        if contact == PreferredContact.EMAIL and not cleaned.get("contact_email"):
            self.add_error(
                "contact_email", _("Scrivi l'email a cui scriverti, o scegli un altro contatto.")
            )
        if contact == PreferredContact.SOCIAL_POINT and not cleaned.get("social_point"):
            self.add_error("social_point", _("Scegli il Social Point che ti contatterà."))
        return cleaned

    def service_kwargs(self):
        """The keyword arguments of `submit_request` that come from the citizen's answers."""
        data = self.cleaned_data
        kwargs = {
            "description": data["description"].strip(),
            "preferred_provider": self.providers.get(data.get("preferred_provider")),
            "social_point": self.social_points.get(data.get("social_point")),
            "preferred_contact": data["preferred_contact"],
            "contact_phone": data.get("contact_phone", "").strip(),
            "contact_email": data.get("contact_email", ""),
            "voucher_requested": bool(data.get("voucher_requested")),
        }
        answers = {key: getattr(value, "pk", value) for key, value in sorted(kwargs.items())}
        kwargs["idempotency_key"] = f"web-{data['form_token']}"
        kwargs["fingerprint"] = hashlib.sha256(
            json.dumps(answers, sort_keys=True, default=str).encode()
        ).hexdigest()
        return kwargs


class WithdrawForm(ItaliaForm):
    """The confirmation of a withdrawal: the version the citizen saw, an optional reason."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    note = forms.CharField(
        label=_("Vuoi dirci perché? (facoltativo)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("Il motivo può avere al massimo %(limit_value)d caratteri.")
        },
    )


class EraseAccountForm(ItaliaForm):
    """«Cancella il mio account»: the password again, so that nobody else at an open
    computer erases the account."""

    password = forms.CharField(
        label=_("La tua password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Scrivi la tua password per confermare.")},
    )

    def __init__(self, *args, user, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not confirm_password(self.request, self.user, password):
            raise ValidationError(
                _(
                    "La password non è corretta: scrivi quella con cui accedi al portale "
                    "(le maiuscole contano)."
                ),
                code="password_incorrect",
            )
        return password
