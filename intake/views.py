"""The citizen's HTML pages of the intake."""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from intake.services import ActivationFailed, verify_email


@require_GET
def verify_email_view(request, uidb64, token):
    """Open the link from the registration email: the account becomes active."""
    try:
        profile = verify_email(uidb64=uidb64, token=token)
    except ActivationFailed as error:
        return TemplateResponse(
            request, "intake/verify_email.html", {"error": error.message}, status=400
        )
    return TemplateResponse(request, "intake/verify_email.html", {"profile": profile})
