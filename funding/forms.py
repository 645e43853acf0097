"""The citizen's forms of «I miei buoni»: their ISEE, the reason of a contest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.money import MoneyFormField
from intake.forms import ItaliaForm


class IseeForm(ItaliaForm):
    value = MoneyFormField(
        label=_("Valore ISEE (euro)"),
        min_value=0,
        localize=True,
        help_text=_("Lo trovi sull'attestazione ISEE in corso di validità."),
    )
    valid_until = forms.DateField(
        label=_("Attestazione valida fino al"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class ContestForm(ItaliaForm):
    reason = forms.CharField(
        label=_("Che cosa non va in questa prestazione?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
