"""Receipts of reimbursements: what an upload may be (PDF, JPEG or PNG, recognised by its
content and matching its extension, not empty, at most 10 MB) and how it is served (only
to the employee and their employer's HR, never cached)."""

import os

import filetype
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _

MAX_RECEIPT_BYTES = 10 * 1024 * 1024
# Content type → the extensions a file of that content may carry.
RECEIPT_TYPES = {
    "application/pdf": {".pdf"},
    "image/jpeg": {".jpg", ".jpeg"},
    "image/png": {".png"},
}


def clean_receipt(upload):
    """The content type of `upload` (a Django UploadedFile) after checking it; a
    ValidationError with the reason, in the user's language, otherwise."""
    if upload is None:
        raise ValidationError(_("Allega la ricevuta (PDF, JPEG o PNG)."), code="receipt_missing")
    if not upload.size:
        raise ValidationError(_("Il file della ricevuta è vuoto."), code="receipt_empty")
    if upload.size > MAX_RECEIPT_BYTES:
        raise ValidationError(
            _("La ricevuta supera i 10 MB: caricane una versione più leggera."),
            code="receipt_too_large",
        )
    extension = os.path.splitext(upload.name or "")[1].lower()
    if extension not in set().union(*RECEIPT_TYPES.values()):
        raise ValidationError(
            _("La ricevuta dev'essere un PDF, un JPEG o un PNG."), code="receipt_type"
        )
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    kind = filetype.guess(head)
    content_type = kind.mime if kind else None
    if content_type not in RECEIPT_TYPES:
        raise ValidationError(
            _(
                "Il file «%(name)s» non è un PDF, un JPEG o un PNG valido, anche se il nome "
                "lo fa pensare."
            )
            % {"name": upload.name},
            code="receipt_content",
        )
    if extension not in RECEIPT_TYPES[content_type]:
        raise ValidationError(
            _("Il file «%(name)s» non è quello che dice la sua estensione (%(ext)s).")
            % {"name": upload.name, "ext": extension},
            code="receipt_mismatch",
        )
    return content_type


def receipt_response(reimbursement):
    """The receipt as a download that no browser or proxy keeps."""
    response = FileResponse(
        reimbursement.receipt.open("rb"),
        content_type=reimbursement.receipt_type,
        as_attachment=True,
        filename=reimbursement.receipt_name,
    )
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response
