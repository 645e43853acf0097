"""Validators for Italian identifiers that editors type in by hand."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.it import codicefiscale, iva


def validate_organisation_tax_code(value):
    """Accept a valid partita IVA (11 digits) or a valid codice fiscale (16 characters)."""
    cleaned = value.replace(" ", "").upper()
    if len(cleaned) == 11 and iva.is_valid(cleaned):
        return
    if len(cleaned) == 16 and codicefiscale.is_valid(cleaned):
        return
    raise ValidationError(
        _(
            "«%(value)s» non è una partita IVA (11 cifre) né un codice fiscale (16 caratteri) "
            "valido: controlla le cifre."
        ),
        params={"value": value},
        code="invalid_tax_code",
    )
