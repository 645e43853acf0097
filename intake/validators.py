"""Checks on what a citizen types about themselves, shared by forms, the API and services.

The codice fiscale is checked with python-codicefiscale (format, omocodia, check character)
and against the birth date it encodes, so a typo in either is caught before anything is
saved. A file of thousands of codes (an employer's staff) is checked for form and check
character only: the library's full decode costs about a millisecond a code.
"""

from codicefiscale import codicefiscale
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalize_fiscal_code(value):
    """The canonical spelling of a codice fiscale: no spaces, upper case."""
    return "".join((value or "").split()).upper()


def validate_fiscal_code(value, *, decode=True):
    """Refuse a codice fiscale that is malformed or whose check character is wrong.

    With `decode=False` only its form and check character are checked (the library's
    `decode_raw` and `encode_cin`, microseconds), not that the birth date and place it
    encodes exist (its full decode, which also lists the omocodes: about a millisecond).
    The check character misses only a digit typed as the letter of the same rank (0 as A,
    1 as B...) where omocodia allows a letter: 70 of 5,600 single mistyped characters in
    ten codes, which the decode refuses.
    """
    code = normalize_fiscal_code(value)
    if len(code) != 16:
        raise ValidationError(
            _("Il codice fiscale ha 16 caratteri, lettere e numeri: ne hai scritti %(count)d."),
            code="fiscal_code_length",
            params={"count": len(code)},
        )
    if not (codicefiscale.is_valid(code) if decode else _has_valid_check_character(code)):
        raise ValidationError(
            _("Questo codice fiscale non è valido: controlla lettere e numeri sulla tessera."),
            code="fiscal_code_invalid",
        )


def _has_valid_check_character(code):
    try:
        codicefiscale.decode_raw(code)
    except ValueError:
        return False
    return codicefiscale.encode_cin(code) == code[15]


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
