"""The citizen's pages: account, «Richiedi il servizio», «Le mie richieste», «I miei dati».

Views check who is asking and call `intake.services`; the rules (what a registration needs,
which transitions are allowed) stay there, so the HTML pages and the API answer alike.
Every request queryset starts from `requests_visible_to`, and a citizen's pages further
keep to the citizen's own requests: anything else answers 404.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy, translate_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from catalogue.rules import offered_providers, published_services
from home.models import DistrictSettings
from intake import forms
from intake.api.authentication import revoke_tokens
from intake.models import AccessAction, RequestEvent, RequestStatus
from intake.receipt import render_receipt
from intake.selectors import open_requests, requests_visible_to
from intake.services import (
    Action,
    ActivationFailed,
    IdempotencyConflict,
    IntakeError,
    ServiceUnavailable,
    activate_account,
    allowed_actions,
    citizen_note,
    erase_citizen,
    export_citizen_data,
    perform_transition,
    register_citizen,
    submit_request,
    timeline_label,
    verify_email,
)
from intake.services.access import accesses_seen_by, record_access
from intake.services.accounts import needs_privacy_consent, record_privacy_consent
from intake.services.privacy import OPEN_STATUSES

AUTH_BACKEND = "intake.auth.FiscalCodeOrEmailBackend"
NEXT_SESSION_KEY = "intake_next"


def _safe_next(request, candidate):
    """A same-site path to come back to after logging in, or None."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None


def _profile(user):
    return getattr(user, "citizen_profile", None) if user.is_authenticated else None


# --- account -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def register(request):
    """«Registrati»: creates an inactive account and sends the confirmation link."""
    if request.user.is_authenticated:
        return redirect("intake:my-requests")
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = forms.RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            profile = register_citizen(**form.service_kwargs())
        except ValidationError as error:
            forms.add_service_errors(form, error, forms.REGISTRATION_FIELD_MAP)
        else:
            request.session["intake_registered_email"] = profile.email
            if next_url:
                request.session[NEXT_SESSION_KEY] = next_url
            return redirect("intake:register-done")
    return render(
        request,
        "intake/register.html",
        {"form": form, "next": next_url, "privacy_version": settings.PRIVACY_NOTICE_VERSION},
    )


def register_done(request):
    """«Controlla la tua email»: what to do after registering."""
    return render(
        request,
        "intake/register_done.html",
        {"email": request.session.get("intake_registered_email", "")},
    )


class CitizenLoginView(auth_views.LoginView):
    """«Accedi» with the codice fiscale or the email."""

    form_class = forms.CitizenLoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_success_url(self):
        """Where the citizen was going, in the language they chose in their profile; a
        citizen who consented to an older privacy notice reads the new one first."""
        url = super().get_success_url()
        profile = _profile(self.request.user)
        if profile is None:
            return url
        if profile.preferred_language:
            url = translate_url(url, profile.preferred_language)
        if needs_privacy_consent(profile):
            update = reverse("intake:privacy-update")
            if profile.preferred_language:
                update = translate_url(update, profile.preferred_language)
            return update + "?" + urlencode({"next": url})
        return url


@login_required
@require_http_methods(["GET", "POST"])
def privacy_update(request):
    """«L'informativa sulla privacy è cambiata»: read the new version, confirm, go on."""
    profile = _profile(request.user)
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    if profile is None or not needs_privacy_consent(profile):
        return redirect(next_url)
    if request.method == "POST":
        record_privacy_consent(profile=profile)
        messages.success(request, _("Grazie: hai letto la nuova informativa sulla privacy."))
        return redirect(next_url)
    return render(
        request,
        "intake/privacy_update.html",
        {"profile": profile, "next": next_url, "privacy_version": settings.PRIVACY_NOTICE_VERSION},
    )


class CitizenLogoutView(auth_views.LogoutView):
    """«Esci» (POST only, as Django's LogoutView)."""

    next_page = "/"

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Sei uscito dal tuo account."))
        return response


password_reset = auth_views.PasswordResetView.as_view(
    form_class=forms.CitizenPasswordResetForm,
    template_name="registration/password_reset_form.html",
    success_url=reverse_lazy("intake:password-reset-done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="registration/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    form_class=forms.CitizenSetPasswordForm,
    template_name="registration/password_reset_confirm.html",
    reset_url_token="nuova-password",
    success_url=reverse_lazy("intake:password-reset-complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="registration/password_reset_complete.html"
)


@require_http_methods(["GET", "POST"])
def activate(request):
    """«Attiva l'account»: a citizen registered at a Social Point chooses a password."""
    form = forms.ActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = activate_account(
                fiscal_code=form.cleaned_data["fiscal_code"],
                code=form.cleaned_data["code"].strip(),
                password=form.cleaned_data["password1"],
            )
        except ActivationFailed as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            forms.add_service_errors(form, error, {"password": "password1"})
        else:
            login(request, user, backend=AUTH_BACKEND)
            messages.success(
                request, _("Il tuo account è attivo: d'ora in poi accedi con la nuova password.")
            )
            return redirect("intake:my-requests")
    return render(request, "intake/activate.html", {"form": form})


@require_GET
def verify_email_view(request, uidb64, token):
    """Open the link from the registration email: the account becomes active."""
    try:
        profile = verify_email(uidb64=uidb64, token=token)
    except ActivationFailed as error:
        return render(request, "intake/verify_email.html", {"error": error.message}, status=400)
    return render(
        request,
        "intake/verify_email.html",
        {"profile": profile, "next": request.session.get(NEXT_SESSION_KEY, "")},
    )


# --- requests ----------------------------------------------------------------------------


def _request_choices(service):
    """The providers, Social Points and voucher a citizen may choose among for a service."""
    providers = offered_providers(service)
    social_points = list(service.social_points.live().order_by("title"))
    return {
        "providers": providers,
        "social_points": social_points,
        "voucher": service.voucher_accepted,
    }


def _service_or_unavailable(request, service_id):
    """The published, active ServicePage, or the page that says why it cannot be asked."""
    service = published_services().filter(pk=service_id).first()
    if service is None:
        return None, render(
            request, "intake/service_unavailable.html", {"reason": "missing"}, status=404
        )
    if not service.is_active:
        return None, render(
            request,
            "intake/service_unavailable.html",
            {"reason": "inactive", "service": service},
            status=409,
        )
    return service, None


def _staff_without_profile(request):
    return render(request, "intake/no_profile.html", status=403)


def _submit_request_form(request, form, *, service, profile):
    """Send a valid request form to the lifecycle: the page to go to, or None to show the
    form again with the lifecycle's errors on it."""
    kwargs = form.service_kwargs()
    try:
        service_request = submit_request(
            citizen=profile, service=service, actor=request.user, channel="web", **kwargs
        )
    except ServiceUnavailable as error:
        return render(
            request,
            "intake/service_unavailable.html",
            {"reason": "inactive", "service": service, "message": error.message},
            status=409,
        )
    except IdempotencyConflict:
        # The same form sent again with other answers: the first one was kept.
        existing = (
            requests_visible_to(request.user)
            .filter(citizen=profile, idempotency_key=kwargs["idempotency_key"])
            .first()
        )
        messages.warning(
            request,
            _(
                "Questa richiesta era già stata inviata: l'abbiamo tenuta come la prima "
                "volta. Per chiedere altro, apri di nuovo il modulo dalla pagina del "
                "servizio."
            ),
        )
        if existing is not None:
            return redirect("intake:request-detail", reference=existing.reference)
        return redirect("intake:my-requests")
    except ValidationError as error:
        forms.add_service_errors(form, error)
    except IntakeError as error:
        form.add_error(None, error.message)
    else:
        return redirect("intake:request-submitted", reference=service_request.reference)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request, service_id):
    """«Richiedi il servizio»: the form, prefilled from the profile; one request per form."""
    service, unavailable = _service_or_unavailable(request, service_id)
    if unavailable:
        return unavailable
    profile = _profile(request.user)
    if profile is None:
        return _staff_without_profile(request)
    choices = _request_choices(service)
    if request.method == "POST":
        form = forms.ServiceRequestForm(request.POST, **choices)
    else:
        form = forms.ServiceRequestForm(
            initial={
                "contact_phone": profile.phone,
                "contact_email": profile.email or request.user.email,
                "preferred_contact": "phone" if profile.phone else "email",
                "form_token": forms.new_form_token(),
            },
            **choices,
        )
    if request.method == "POST" and form.is_valid():
        answer = _submit_request_form(request, form, service=service, profile=profile)
        if answer is not None:
            return answer
    return render(
        request,
        "intake/request_form.html",
        {
            "form": form,
            "service": service,
            "profile": profile,
            "open_request": open_requests(profile, service).first(),
            **choices,
        },
    )


def _own_requests(user):
    """The requests this citizen made (inside what the selector lets the user see)."""
    return requests_visible_to(user).filter(citizen__user=user)


@login_required
def request_submitted(request, reference):
    """The confirmation with the reference; reloading it sends nothing (Post/Redirect/Get)."""
    service_request = get_object_or_404(
        _own_requests(request.user).select_related("social_point", "citizen", "service"),
        reference=reference,
    )
    citizen = service_request.citizen
    return render(
        request,
        "intake/request_submitted.html",
        {
            "service_request": service_request,
            "email": service_request.contact_email or citizen.email,
            "phone": service_request.contact_phone or citizen.phone,
            "service": service_request.service.specific if service_request.service else None,
            "response_days": settings.INTAKE_PROVIDER_RESPONSE_WORKING_DAYS,
        },
    )


@login_required
def request_receipt(request, reference):
    """The request's receipt as a PDF, for whoever may see the request: the citizen, or staff
    within their scope (the operator prints it from the admin); anyone else gets 404."""
    service_request = get_object_or_404(
        requests_visible_to(request.user).select_related("social_point"), reference=reference
    )
    district = DistrictSettings.load(request_or_site=request)
    response = HttpResponse(
        render_receipt(service_request, district=district), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="ricevuta-{service_request.reference}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def my_requests(request):
    """«Le mie richieste»: the citizen's requests, newest first, with their status."""
    profile = _profile(request.user)
    if profile is None:
        return _staff_without_profile(request)
    requests = _own_requests(request.user).order_by("-submitted_at", "-pk")
    return render(request, "intake/my_requests.html", {"requests": list(requests)})


def _timeline(service_request):
    """The request's events as the citizen reads them: label, date, provider, reason."""
    steps = []
    for event in service_request.events.all():
        steps.append(
            {
                "label": timeline_label(event),
                "status": event.to_status,
                "created_at": event.created_at,
                "provider": event.provider.title if event.provider else "",
                "note": citizen_note(event),
            }
        )
    return steps


def _own_request_or_404(user, reference):
    events = RequestEvent.objects.select_related("provider").order_by("created_at", "pk")
    return get_object_or_404(
        _own_requests(user)
        .select_related("citizen", "service", "preferred_provider", "provider", "social_point")
        .prefetch_related(Prefetch("events", queryset=events)),
        reference=reference,
    )


@login_required
def request_detail(request, reference):
    """One request: what was asked, its status as a timeline, and «Ritira la richiesta»."""
    service_request = _own_request_or_404(request.user, reference)
    can_withdraw = Action.WITHDRAW in allowed_actions(
        service_request=service_request, user=request.user
    )
    return render(
        request,
        "intake/request_detail.html",
        {
            "service_request": service_request,
            "timeline": _timeline(service_request),
            "can_withdraw": can_withdraw,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_withdraw(request, reference):
    """«Ritira la richiesta»: a confirmation page, then the withdrawal (POST)."""
    service_request = _own_request_or_404(request.user, reference)
    detail = reverse("intake:request-detail", kwargs={"reference": reference})
    if service_request.status == RequestStatus.WITHDRAWN:
        messages.info(request, _("Hai già ritirato questa richiesta."))
        return redirect(detail)
    if Action.WITHDRAW not in allowed_actions(service_request=service_request, user=request.user):
        messages.error(
            request,
            _(
                "Questa richiesta non si può più ritirare: l'ente l'ha già accettata o è "
                "chiusa. Per rinunciare al servizio contatta l'ente."
            ),
        )
        return redirect(detail)
    form = forms.WithdrawForm(request.POST or None, initial={"version": service_request.version})
    if request.method == "POST" and form.is_valid():
        try:
            perform_transition(
                service_request=service_request,
                action=Action.WITHDRAW,
                actor=request.user,
                version=form.cleaned_data["version"],
                note=form.cleaned_data["note"].strip(),
            )
        except IntakeError as error:  # a stale version among them: the core's message
            messages.error(request, error.message)
            return redirect(detail)
        except ValidationError as error:
            forms.add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Hai ritirato la richiesta %(reference)s.") % {"reference": reference},
            )
            return redirect(detail)
    return render(
        request,
        "intake/request_withdraw.html",
        {"service_request": service_request, "form": form},
    )


# --- «I miei dati»: download and erasure ----------------------------------------------------

ERASED_SESSION_KEY = "intake_account_erased"
# How many reads of their data a citizen sees in «I miei dati» (the newest).
MY_DATA_ACCESSES = 50


@login_required
def my_data(request):
    """«I miei dati»: what the portal holds, the download, the way to erase the account."""
    profile = _profile(request.user)
    if profile is None:
        return _staff_without_profile(request)
    accesses = accesses_seen_by(profile)[:MY_DATA_ACCESSES]
    return render(request, "intake/my_data.html", {"profile": profile, "accesses": accesses})


@login_required
@require_POST
def my_data_revoke_tokens(request):
    """«Scollega tutte le app»: every API token of the citizen stops working."""
    revoke_tokens(request.user)
    messages.success(request, _("Le app collegate sono state scollegate."))
    return redirect("intake:my-data")


@login_required
@require_GET
def my_data_download(request):
    """«Scarica i miei dati»: everything about the citizen as a JSON file."""
    profile = _profile(request.user)
    if profile is None:
        return _staff_without_profile(request)
    data = export_citizen_data(profile=profile)
    record_access(actor=request.user, action=AccessAction.DATA_EXPORT, citizen=profile)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    filename = f"i-miei-dati-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def my_data_erase(request):
    """«Cancella il mio account»: says what goes and what stays, asks for the password,
    erases on POST, logs out."""
    profile = _profile(request.user)
    if profile is None:
        return _staff_without_profile(request)
    open_requests = list(
        _own_requests(request.user).filter(status__in=OPEN_STATUSES).order_by("submitted_at")
    )
    form = forms.EraseAccountForm(request.POST or None, user=request.user, request=request)
    if request.method == "POST" and form.is_valid():
        try:
            erase_citizen(profile=profile, actor=request.user)
        except IntakeError as error:
            form.add_error(None, error.message)
        else:
            logout(request)
            request.session[ERASED_SESSION_KEY] = True
            return redirect("intake:my-data-erased")
    return render(
        request,
        "intake/my_data_erase.html",
        {"profile": profile, "form": form, "open_requests": open_requests},
    )


@require_GET
def my_data_erased(request):
    """The confirmation after the erasure (the citizen is logged out by then)."""
    if not request.session.pop(ERASED_SESSION_KEY, False):
        return redirect("/")
    return render(request, "intake/my_data_erased.html")
