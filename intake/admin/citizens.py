"""«Cittadini» in the Wagtail admin: what a Social Point operator does at the desk.

Find a citizen (by name, codice fiscale or phone), register one (the core's assisted
registration) and hand over the one-time activation code on a printable letter, issue a new
code, and file a request on the citizen's behalf. Only operators reach these views; the
rules themselves live in `intake.services`.
"""

import uuid

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Q, Value
from django.db.models.functions import Replace
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from catalogue.models import Municipality, ProviderPage, ServicePage, SocialPointPage
from catalogue.rules import provider_path, published_services
from intake.forms import add_service_errors
from intake.models import AccessAction, CitizenProfile, PreferredContact, RequestChannel
from intake.roles import is_operator
from intake.selectors import requests_visible_to
from intake.services import (
    IntakeError,
    issue_activation_code,
    register_citizen_assisted,
    submit_request,
)
from intake.services.access import record_access
from intake.services.accounts import PROFILE_FIELDS

SEARCH_LIMIT = 50
SESSION_CODES = "intake_activation_codes"
SESSION_SOCIAL_POINT = "intake_operator_social_point"


# --- selectors of these views ---------------------------------------------------------------


def find_citizens(query, *, limit=SEARCH_LIMIT):
    """Profiles matching every word of `query` on a name, the codice fiscale or the phone.

    Phones are compared digits only, so «0331 123456» is found by «0331123456».
    """
    words = query.split()
    if not words:
        return CitizenProfile.objects.none()
    profiles = CitizenProfile.objects.select_related("municipality", "user").annotate(
        phone_digits=Replace(
            Replace(Replace(F("phone"), Value(" "), Value("")), Value("-"), Value("")),
            Value("."),
            Value(""),
        )
    )
    for word in words:
        condition = (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(fiscal_code__icontains=word)
        )
        digits = "".join(ch for ch in word if ch.isdigit())
        if len(digits) >= 4 and len(digits) == len(word.strip("+-.")):
            condition |= Q(phone_digits__contains=digits)
        profiles = profiles.filter(condition)
    return profiles.order_by("last_name", "first_name")[:limit]


def service_choices():
    """Published, active services as (id, «title – provider») in two queries, by title."""
    services = list(
        published_services()
        .filter(is_active=True)
        .annotate(provider_path=provider_path())
        .only("title", "path", "depth")
    )
    provider_titles = dict(
        ProviderPage.objects.filter(
            path__in={service.provider_path for service in services}
        ).values_list("path", "title")
    )
    choices = []
    for service in sorted(services, key=lambda s: s.title.lower()):
        provider = provider_titles.get(service.provider_path)
        label = f"{service.title} – {provider}" if provider else service.title
        choices.append((service.pk, label))
    return choices


def activation_url():
    """Where the citizen chooses a password with the code (the public site's page)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("intake:activate")


# --- forms --------------------------------------------------------------------------------


def _social_points():
    return SocialPointPage.objects.live().order_by("title")


def _municipalities():
    return Municipality.objects.filter(locale=Locale.get_default()).order_by("name")


class AssistedRegistrationForm(forms.Form):
    """The profile fields an operator fills in at the desk; the core validates them."""

    first_name = forms.CharField(label=_("Nome"), max_length=80)
    last_name = forms.CharField(label=_("Cognome"), max_length=80)
    fiscal_code = forms.CharField(label=_("Codice fiscale"), max_length=16)
    birth_date = forms.DateField(
        label=_("Data di nascita"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Deve corrispondere al codice fiscale."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Comune di residenza"),
        queryset=None,
        required=False,
        empty_label=_("Un altro comune, fuori dal distretto"),
    )
    other_municipality = forms.CharField(
        label=_("Altro comune di residenza"),
        max_length=80,
        required=False,
        help_text=_("Solo se il comune non è nell'elenco."),
    )
    phone = forms.CharField(label=_("Telefono"), max_length=40, required=False)
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Facoltativa: chi non ha un'email accede con il codice fiscale."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Lingua preferita"), choices=settings.LANGUAGES, initial="it"
    )
    social_point = forms.ModelChoiceField(
        label=_("Social Point dove ti trovi"), queryset=None, empty_label=None
    )
    privacy_consent = forms.BooleanField(
        label=_("Il cittadino ha letto l'informativa sulla privacy e la accetta"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = _municipalities()
        self.fields["social_point"].queryset = _social_points()


class FileRequestForm(forms.Form):
    """A request filed by an operator for a citizen at the desk or on the phone."""

    service = forms.TypedChoiceField(label=_("Servizio"), coerce=int, choices=())
    description = forms.CharField(
        label=_("Di cosa ha bisogno il cittadino"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Con le parole del cittadino, come le ha dette."),
    )
    channel = forms.ChoiceField(
        label=_("Come è arrivata la richiesta"),
        choices=[
            (RequestChannel.SOCIAL_POINT, RequestChannel.SOCIAL_POINT.label),
            (RequestChannel.PHONE, RequestChannel.PHONE.label),
        ],
        widget=forms.RadioSelect,
        initial=RequestChannel.SOCIAL_POINT,
    )
    social_point = forms.ModelChoiceField(
        label=_("Social Point"), queryset=None, required=False, empty_label=_("Nessuno")
    )
    preferred_contact = forms.ChoiceField(
        label=_("Come preferisce essere contattato"),
        choices=PreferredContact.choices,
        initial=PreferredContact.PHONE,
    )
    contact_phone = forms.CharField(
        label=_("Telefono di contatto"),
        max_length=40,
        required=False,
        help_text=_("Vuoto: quello del profilo."),
    )
    contact_email = forms.EmailField(
        label=_("Email di contatto"), required=False, help_text=_("Vuoto: quella del profilo.")
    )
    voucher_requested = forms.BooleanField(
        label=_("Chiede di usare il voucher comunale"), required=False
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", _("Scegli il servizio"))] + service_choices()
        self.fields["social_point"].queryset = _social_points()


# --- views --------------------------------------------------------------------------------


class OperatorRequiredMixin:
    """Only Social Point operators (and superusers) may use these views."""

    def dispatch(self, request, *args, **kwargs):
        if not is_operator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CitizenAdminMixin(OperatorRequiredMixin, WagtailAdminTemplateMixin):
    header_icon = "user"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("intake_citizens:search"), "label": _("Cittadini")},
            *self.extra_breadcrumbs(),
        ]

    def extra_breadcrumbs(self):
        return []


class CitizenSearchView(CitizenAdminMixin, TemplateView):
    """Find a citizen by name, codice fiscale or phone."""

    page_title = _("Cittadini")
    template_name = "intake/admin/citizens/search.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": _("Cittadini")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:100]
        context["query"] = query
        context["citizens"] = list(find_citizens(query)) if query else None
        context["search_limit"] = SEARCH_LIMIT
        return context


class CitizenRegisterView(CitizenAdminMixin, FormView):
    """Register a citizen at the desk; the letter with the code comes next."""

    page_title = _("Registra un cittadino")
    template_name = "intake/admin/citizens/register.html"
    form_class = AssistedRegistrationForm

    def extra_breadcrumbs(self):
        return [{"url": "", "label": self.page_title}]

    def get_initial(self):
        return {"social_point": self.request.session.get(SESSION_SOCIAL_POINT)}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            registration = register_citizen_assisted(
                operator=self.request.user,
                social_point=data["social_point"],
                **{field: data[field] for field in PROFILE_FIELDS},
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except IntakeError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        self.request.session[SESSION_SOCIAL_POINT] = data["social_point"].pk
        profile = registration.profile
        remember_code(self.request, profile, registration.activation_code)
        messages.success(
            self.request,
            _("%(name)s è registrato. Stampa la lettera e consegnala: il codice si vede una volta.")
            % {"name": profile.full_name},
        )
        return redirect("intake_citizens:letter", pk=profile.pk)


def remember_code(request, profile, code):
    """Keep the plain code in the session until the letter shows it, once."""
    codes = request.session.get(SESSION_CODES, {})
    codes[str(profile.pk)] = code
    request.session[SESSION_CODES] = codes


def take_code(request, profile):
    """The code waiting for this profile's letter, removed from the session."""
    codes = request.session.get(SESSION_CODES, {})
    code = codes.pop(str(profile.pk), None)
    request.session[SESSION_CODES] = codes
    return code


class CitizenProfileMixin(CitizenAdminMixin):
    def get_profile(self):
        if not hasattr(self, "_profile"):
            self._profile = get_object_or_404(
                CitizenProfile.objects.select_related(
                    "user", "municipality", "registered_at", "registered_by"
                ),
                pk=self.kwargs["pk"],
            )
        return self._profile

    def extra_breadcrumbs(self):
        profile = self.get_profile()
        return [
            {
                "url": reverse("intake_citizens:detail", args=[profile.pk]),
                "label": profile.full_name,
            },
            *self.more_breadcrumbs(),
        ]

    def more_breadcrumbs(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["profile"] = self.get_profile()
        return context


class CitizenDetailView(CitizenProfileMixin, TemplateView):
    """A citizen's profile, their requests, and what the operator can do for them."""

    template_name = "intake/admin/citizens/detail.html"

    def get_page_title(self):
        return self.get_profile().full_name

    def extra_breadcrumbs(self):
        return [{"url": "", "label": self.get_profile().full_name}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = context["profile"]
        requests = list(
            requests_visible_to(self.request.user)
            .filter(citizen=profile)
            .select_related("provider", "social_point")
            .order_by("-submitted_at")
        )
        context["requests"] = requests
        record_access(actor=self.request.user, action=AccessAction.VIEW_CITIZEN, citizen=profile)
        context["pending_code"] = (
            profile.activation_codes.filter(used_at__isnull=True).order_by("-created_at").first()
        )
        return context


class CitizenLetterView(CitizenProfileMixin, TemplateView):
    """The printable letter: how to log in, with the one-time code shown this once."""

    template_name = "intake/admin/citizens/letter.html"
    page_title = _("Lettera per il cittadino")

    def more_breadcrumbs(self):
        return [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = context["profile"]
        context["code"] = take_code(self.request, profile)
        record_access(
            actor=self.request.user, action=AccessAction.ACTIVATION_LETTER, citizen=profile
        )
        context["code_record"] = profile.activation_codes.order_by("-created_at").first()
        context["activation_url"] = activation_url()
        context["social_point"] = profile.registered_at
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["Cache-Control"] = "no-store"
        return response


class CitizenNewCodeView(CitizenProfileMixin, View):
    """Issue a new one-time code (the earlier ones stop working) and show its letter."""

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, *args, **kwargs):
        profile = self.get_profile()
        code = issue_activation_code(profile=profile, operator=request.user)
        remember_code(request, profile, code)
        messages.success(
            request,
            _("Nuovo codice creato: i codici consegnati prima non valgono più."),
        )
        return redirect("intake_citizens:letter", pk=profile.pk)


class FileRequestView(CitizenProfileMixin, FormView):
    """File a request for the citizen, with channel «Social Point» or «Telefono»."""

    template_name = "intake/admin/citizens/file_request.html"
    form_class = FileRequestForm
    page_title = _("Nuova richiesta per conto del cittadino")

    def more_breadcrumbs(self):
        return [{"url": "", "label": _("Nuova richiesta")}]

    def get_initial(self):
        return {
            "social_point": self.request.session.get(SESSION_SOCIAL_POINT),
            "submission_key": uuid.uuid4().hex,
            "service": self.request.GET.get("servizio", ""),
        }

    def form_valid(self, form):
        data = form.cleaned_data
        profile = self.get_profile()
        service = ServicePage.objects.filter(pk=data["service"]).first()
        try:
            service_request = submit_request(
                citizen=profile,
                service=service,
                description=data["description"],
                actor=self.request.user,
                channel=data["channel"],
                social_point=data["social_point"],
                preferred_contact=data["preferred_contact"],
                contact_phone=data["contact_phone"],
                contact_email=data["contact_email"],
                voucher_requested=data["voucher_requested"],
                idempotency_key=f"operator:{data['submission_key']}",
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except IntakeError as error:
            form.add_error("service" if service is None else None, error.message)
            return self.form_invalid(form)
        if data["social_point"] is not None:
            self.request.session[SESSION_SOCIAL_POINT] = data["social_point"].pk
        messages.success(
            self.request,
            _("Richiesta %(reference)s inviata per %(name)s.")
            % {"reference": service_request.reference, "name": profile.full_name},
        )
        return redirect("intake_citizens:detail", pk=profile.pk)


app_name = "intake_citizens"
urlpatterns = [
    path("", CitizenSearchView.as_view(), name="search"),
    path("nuovo/", CitizenRegisterView.as_view(), name="register"),
    path("<int:pk>/", CitizenDetailView.as_view(), name="detail"),
    path("<int:pk>/lettera/", CitizenLetterView.as_view(), name="letter"),
    path("<int:pk>/nuovo-codice/", CitizenNewCodeView.as_view(), name="new-code"),
    path("<int:pk>/richiesta/", FileRequestView.as_view(), name="file-request"),
]
