"""Checks on the identifiers of an employer, shared by models, forms and the API.

An employer is identified by its partita IVA (11 digits) or, for a sole trader or an
association without one, its codice fiscale (16 characters, or 11 digits for a legal
person); python-stdnum checks the format and the check digit of each.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.it import codicefiscale, iva


def normalize_tax_code(value):
    """The canonical spelling: no spaces, dots or dashes, no «IT» prefix, upper case."""
    code = "".join(ch for ch in (value or "") if ch not in " \t.-/").upper()
    if code.startswith("IT") and code[2:].isdigit():
        code = code[2:]
    return code


def validate_employer_tax_code(value):
    """Refuse a partita IVA or codice fiscale whose format or check digit is wrong."""
    code = normalize_tax_code(value)
    if len(code) == 11 and code.isdigit():
        valid = iva.is_valid(code)
    elif len(code) == 16:
        valid = codicefiscale.is_valid(code)
    else:
        valid = False
    if not valid:
        raise ValidationError(
            _(
                "Scrivi una partita IVA (11 cifre) o un codice fiscale (16 caratteri) "
                "valido: questo non lo è."
            ),
            code="invalid_tax_code",
        )
