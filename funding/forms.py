"""The citizen's forms of «I miei buoni»: their ISEE, the reason of a contest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import ServicePage
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


class FundForm(forms.Form):
    """A new fund in the admin; the bands are written «6000:0; 15000:20; :40» (ISEE up to,
    in euros, then the citizen's share in percent; an empty limit means any ISEE above)."""

    name = forms.CharField(label=_("Nome"), max_length=200)
    payer = forms.CharField(label=_("Chi paga"), max_length=200)
    budget = MoneyFormField(label=_("Budget (euro)"), localize=True)
    valid_from = forms.DateField(
        label=_("Valido dal"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Valido fino al"), widget=forms.DateInput(attrs={"type": "date"})
    )
    per_beneficiary_cap = MoneyFormField(
        label=_("Massimo per beneficiario (euro)"), required=False, localize=True
    )
    services = forms.ModelMultipleChoiceField(
        label=_("Servizi pagati"), queryset=None, required=False
    )
    bands = forms.CharField(
        label=_("Fasce ISEE e quota del cittadino"),
        initial="6000:0; 15000:20; :40",
        help_text=_("ISEE fino a (euro) : quota del cittadino (%), separate da «;»."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = ServicePage.objects.live().order_by("title")

    def clean_bands(self):
        bands = []
        try:
            for part in filter(None, (p.strip() for p in self.cleaned_data["bands"].split(";"))):
                up_to, percent = part.split(":")
                bands.append((up_to.strip().replace(",", ".") or None, int(percent)))
        except ValueError as error:
            raise forms.ValidationError(
                _("Scrivi le fasce come «6000:0; 15000:20; :40».")
            ) from error
        return bands


class AllocationStepForm(forms.Form):
    """The reason of a suspension, reinstatement or revocation, kept with the allocation."""

    reason = forms.CharField(
        label=_("Motivazione"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Resta nella storia del buono."),
    )

    def __init__(self, *args, reason_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required


class DecideContestForm(forms.Form):
    """The Ufficio di Piano's decision on a contested delivery, with its note."""

    UPHOLD = "accolta"
    REJECT = "respinta"

    decision = forms.ChoiceField(
        label=_("Decisione"),
        widget=forms.RadioSelect,
        choices=[
            (UPHOLD, _("Accolgo la contestazione: la prestazione è annullata e non si paga")),
            (REJECT, _("Respingo la contestazione: la prestazione è confermata e si paga")),
        ],
    )
    note = forms.CharField(
        label=_("Nota della decisione"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("La leggono il cittadino e l'ente."),
    )
