"""Money: `Decimal` euros in code, integer cents in the database, «1.234,50 €» on screen.

The one home of the money rules every app shares (prices in the catalogue, funds, orders and
the ledger): no float anywhere, at most two decimals, and one way to write an amount.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")


def to_cents(amount: Decimal | int | str) -> int:
    """Whole cents of `amount` in euros; more than two decimals is an error, never rounded."""
    message = _("Scrivi un importo in euro con al massimo due decimali, ad es. 12,50.")
    try:
        value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
        exact = value.is_finite() and value == value.quantize(CENT)
    except (InvalidOperation, ValueError, TypeError) as error:
        raise ValidationError(message, code="invalid_amount") from error
    if not exact:
        raise ValidationError(message, code="invalid_amount")
    return int(value / CENT)


def from_cents(cents: int | None) -> Decimal | None:
    """Euros, with exactly two decimals, of a whole number of cents."""
    if cents is None:
        return None
    return (Decimal(int(cents)) * CENT).quantize(CENT)


def format_eur(value) -> str:
    """An amount in euro as the active language writes it: «15.000,00 €» in Italian."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return ""
    number = formats.number_format(amount, 2, use_l10n=True, force_grouping=True)
    return f"{number}\N{NO-BREAK SPACE}€"


class MoneyFormField(forms.DecimalField):
    """Euros with at most two decimals; the error says so in the user's language."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)
        self.error_messages["max_decimal_places"] = _(
            "Scrivi un importo in euro con al massimo due decimali, ad es. 12,50."
        )


class MoneyField(models.BigIntegerField):
    """An amount stored as integer cents and read back as a `Decimal` in euros."""

    def from_db_value(self, value, expression, connection):
        return from_cents(value)

    def to_python(self, value):
        if value is None or isinstance(value, Decimal):
            return value
        try:
            return Decimal(str(value))
        except InvalidOperation as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error

    def get_prep_value(self, value):
        if value is None:
            return None
        return to_cents(value)

    def formfield(self, **kwargs):
        return super(models.BigIntegerField, self).formfield(
            **{"form_class": MoneyFormField, **kwargs}
        )
