"""Checks on what a citizen types about themselves, shared by forms, the API and services.

The codice fiscale is checked with python-codicefiscale (format, omocodia, check character)
and against the birth date it encodes, so a typo in either is caught before anything is
saved.
"""

from codicefiscale import codicefiscale
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalize_fiscal_code(value):
    """The canonical spelling of a codice fiscale: no spaces, upper case."""
    return "".join((value or "").split()).upper()


def validate_fiscal_code(value):
    """Refuse a codice fiscale that is malformed or whose check character is wrong."""
    code = normalize_fiscal_code(value)
    if len(code) != 16:
        raise ValidationError(
            _("Il codice fiscale ha 16 caratteri, lettere e numeri: ne hai scritti %(count)d."),
            code="fiscal_code_length",
            params={"count": len(code)},
        )
    if not codicefiscale.is_valid(code):
        raise ValidationError(
            _("Questo codice fiscale non è valido: controlla lettere e numeri sulla tessera."),
            code="fiscal_code_invalid",
        )


def validate_fiscal_code_matches_birth_date(fiscal_code, birth_date):
    """Refuse a birth date that contradicts the one encoded in the codice fiscale.

    The code stores the year in two digits, so only day, month and the year's last two
    digits are compared.
    """
    code = normalize_fiscal_code(fiscal_code)
    if not birth_date or not codicefiscale.is_valid(code):
        return
    encoded = codicefiscale.decode(code)["birthdate"]
    if (encoded.day, encoded.month, encoded.year % 100) != (
        birth_date.day,
        birth_date.month,
        birth_date.year % 100,
    ):
        raise ValidationError(
            _(
                "La data di nascita non corrisponde al codice fiscale (che indica il "
                "%(date)s): controlla l'una o l'altro."
            ),
            code="birth_date_mismatch",
            params={"date": encoded.strftime("%d/%m/") + f"{encoded.year % 100:02d}"},
        )
