"""A second factor for staff: everyone who can open /admin/ enrols a TOTP app (with recovery
codes) and gives a code at each login, when `STAFF_2FA_REQUIRED` is on.

Built on django-otp (its TOTP and static devices): the library keeps the secrets, checks the
codes, throttles wrong guesses and marks the session as verified (`OTPMiddleware`); this module
adds the rule of who must use it, the enrolment and verification pages in Wagtail's admin
layout (no inline scripts: the QR code is an SVG drawn by segno on the server), and the reset
of a lost device by an administrator. Citizens never see any of it.
"""

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_otp import device_classes, devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
app_name = "second_factor"


def is_staff_user(user):
    """Who must use a second factor: a user who can open Wagtail's admin."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def required_for(user):
    """True when this user must give a second factor (the setting is on and they are staff)."""
    return settings.STAFF_2FA_REQUIRED and is_staff_user(user)


def is_enrolled(user):
    """The user has a confirmed authenticator app."""
    return user_has_device(user, confirmed=True)


def verify_code(user, code):
    """The device that accepts this code (TOTP or a recovery code, used up), or None."""
    code = "".join((code or "").split())
    if not code:
        return None
    return match_token(user, code)


def may_reset(user):
    """Who may reset someone's second factor: whoever may change users in the admin."""
    return user.is_authenticated and (user.is_superuser or user.has_perm("auth.change_user"))


def enrolled_user_ids():
    """The ids of every user with a confirmed device: one query per kind of device, so that a
    listing of users asks once rather than once a row."""
    ids: set[int] = set()
    for model in device_classes():
        ids.update(model.objects.filter(confirmed=True).values_list("user_id", flat=True))
    return ids


def reset_devices(user):
    """Remove every device of this user: at the next login they enrol again."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()


class StaffSecondFactorMiddleware:
    """Sends a staff session without a verified second factor to enrolment or verification.

    Admin pages redirect there; the intake API answers 403 to such a session (a token is
    not given to staff without the code, see intake/api/views.py). Public pages are not
    personal and stay open. Goes after django_otp's OTPMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and required_for(user) and not user.is_verified():
            path_ = request.path
            if path_.startswith("/api/intake/") and "HTTP_AUTHORIZATION" not in request.META:
                return JsonResponse(
                    {
                        "detail": gettext("Serve il secondo fattore: accedi dall'area riservata."),
                        "code": "second_factor_required",
                    },
                    status=403,
                )
            if path_.startswith("/admin/") and not path_.startswith(self.exempt_prefixes()):
                target = "verify" if is_enrolled(user) else "enrol"
                url = reverse(f"second_factor:{target}")
                return HttpResponseRedirect(f"{url}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def exempt_prefixes():
        return (
            reverse("second_factor:enrol").rsplit("/", 2)[0] + "/",
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_login"),
            "/admin/jsi18n/",
            "/admin/sprite/",  # the icons every admin page loads: no personal data
        )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Codice"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/admin/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _staff_only(request):
    if not is_staff_user(request.user):
        raise PermissionDenied


def _pending_device(user):
    """The unconfirmed TOTP device being enrolled (a fresh secret the first time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=gettext("App di autenticazione"), confirmed=False
        )
    return device


def _new_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=gettext("Codici di recupero"))
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    device.token_set.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@require_http_methods(["GET", "POST"])
def enrol(request):
    """First login: scan the QR code, type a code to confirm, receive the recovery codes."""
    _staff_only(request)
    if is_enrolled(request.user) and not request.user.is_verified():
        return redirect(f"{reverse('second_factor:verify')}?next={_next_url(request)}")
    if is_enrolled(request.user):
        return redirect(_next_url(request))
    device = _pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token("".join(form.cleaned_data["code"].split())):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            codes = _new_recovery_codes(request.user)
            return render(
                request,
                "intake/admin/second_factor/recovery_codes.html",
                {"codes": codes, "next_url": _next_url(request)},
            )
        form.add_error("code", _("Codice non valido: controlla l'ora del telefono e riprova."))
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "intake/admin/second_factor/enrol.html",
        {
            "form": form,
            "qr_svg": qr.svg_inline(scale=4, title=gettext("Codice QR per l'app")),
            "secret": _base32(device),
            "next_url": _next_url(request),
        },
    )


def _base32(device):
    return b32encode(device.bin_key).decode()


@require_http_methods(["GET", "POST"])
def verify(request):
    """Each login: a code from the app, or one of the recovery codes (each works once)."""
    _staff_only(request)
    if not is_enrolled(request.user):
        return redirect(f"{reverse('second_factor:enrol')}?next={_next_url(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = verify_code(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", _("Codice non valido."))
    return render(
        request,
        "intake/admin/second_factor/verify.html",
        {"form": form, "next_url": _next_url(request)},
    )


@require_http_methods(["GET", "POST"])
def reset(request, user_id):
    """An administrator removes a user's devices (a lost phone): they enrol again."""
    if not may_reset(request.user):
        raise PermissionDenied
    staff = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        reset_devices(staff)
        messages.success(
            request,
            gettext("Secondo fattore azzerato: al prossimo accesso %(user)s ne configura uno.")
            % {"user": staff.get_username()},
        )
        return redirect("wagtailusers_users:edit", staff.pk)
    return render(
        request,
        "intake/admin/second_factor/reset.html",
        {"staff": staff, "enrolled": is_enrolled(staff)},
    )


urlpatterns = [
    path("configura/", enrol, name="enrol"),
    path("verifica/", verify, name="verify"),
    path("azzera/<int:user_id>/", reset, name="reset"),
]
