"""The citizen's forms of «I miei buoni» (their ISEE, the reason of a contest) and the
admin's (a fund; an employer, its HR contacts, its plan, the employees' upload)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from catalogue.choices import ART51_REIMBURSABLE, ART51_SHORT_LABELS, Art51Category
from catalogue.models import ServicePage
from catalogue.money import MoneyFormField, to_cents
from funding.models import Relationship
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


class ReimbursementForm(ItaliaForm):
    """The employee's request to be paid back from the welfare credit, with the receipt.
    Only the shape: the rules (categories, dates, the receipt's content) are the service's."""

    allocation = forms.IntegerField(widget=forms.HiddenInput)
    category = forms.ChoiceField(
        label=_("Per che cosa"),
        choices=[(code, ART51_SHORT_LABELS[code]) for code in sorted(ART51_REIMBURSABLE)],
    )
    amount = MoneyFormField(label=_("Importo della ricevuta (euro)"), min_value=0, localize=True)
    spent_on = forms.DateField(
        label=_("Data della spesa"), widget=forms.DateInput(attrs={"type": "date"})
    )
    family_member_name = forms.CharField(label=_("Familiare: nome e cognome"), max_length=200)
    family_member_relationship = forms.ChoiceField(
        label=_("Familiare: parentela"), choices=Relationship.choices
    )
    description = forms.CharField(
        label=_("Descrizione (facoltativa)"), max_length=300, required=False
    )
    receipt = forms.FileField(
        label=_("Ricevuta o fattura"),
        help_text=_("PDF, JPEG o PNG, al massimo 10 MB."),
        allow_empty_file=True,  # an empty file is refused by the service, with its message
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class RejectReimbursementForm(forms.Form):
    reason = forms.CharField(
        label=_("Perché il rimborso è respinto (il dipendente lo legge)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EmployerForm(forms.Form):
    """A new employer in the admin (the Ufficio di Piano)."""

    name = forms.CharField(label=_("Ragione sociale"), max_length=200)
    tax_code = forms.CharField(
        label=_("Partita IVA o codice fiscale"),
        max_length=30,
        help_text=_("11 cifre (partita IVA) o 16 caratteri (codice fiscale)."),
    )
    address = forms.CharField(label=_("Indirizzo"), max_length=255, required=False)
    postcode = forms.CharField(label=_("CAP"), max_length=5, required=False)
    city = forms.CharField(label=_("Comune"), max_length=100, required=False)
    email = forms.EmailField(label=_("Email di contatto"), required=False)
    phone = forms.CharField(label=_("Telefono di contatto"), max_length=40, required=False)


class HRContactForm(forms.Form):
    """An employer's HR contact: an existing staff account, or a new one."""

    username = forms.CharField(label=_("Nome utente"), max_length=150)
    email = forms.EmailField(label=_("Email"), required=False)
    first_name = forms.CharField(label=_("Nome"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Cognome"), max_length=150, required=False)


class PlanForm(forms.Form):
    """An employer's welfare plan of one year."""

    name = forms.CharField(label=_("Nome del piano"), max_length=200)
    budget = MoneyFormField(label=_("Budget (euro)"), localize=True)
    valid_from = forms.DateField(
        label=_("Valido dal"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Valido fino al"), widget=forms.DateInput(attrs={"type": "date"})
    )
    art51_categories = forms.MultipleChoiceField(
        label=_("Categorie dell'art. 51 ammesse"),
        choices=Art51Category.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    employee_credit = MoneyFormField(
        label=_("Credito per dipendente (euro)"),
        required=False,
        localize=True,
        min_value=0,
        help_text=_("Per chi non ha un credito nel file né una categoria."),
    )
    allows_reimbursements = forms.BooleanField(
        label=_("Ammette i rimborsi (lett. f-bis e f-ter, con la ricevuta)"),
        required=False,
    )
    categories = forms.CharField(
        label=_("Categorie di dipendenti e loro credito"),
        required=False,
        help_text=_("Ad es. «Impiegati: 500; Quadri: 800», separate da «;»."),
    )

    def clean_categories(self):
        categories = []
        try:
            for part in filter(
                None, (p.strip() for p in self.cleaned_data["categories"].split(";"))
            ):
                name, credit = part.rsplit(":", 1)
                categories.append((name.strip(), to_cents(credit.strip().replace(",", "."))))
        except (ValueError, ValidationError) as error:
            raise forms.ValidationError(
                _("Scrivi le categorie come «Impiegati: 500; Quadri: 800».")
            ) from error
        if any(cents < 0 or not name for name, cents in categories):
            raise forms.ValidationError(_("Ogni categoria ha un nome e un credito non negativo."))
        return [(name, Decimal(cents) / 100) for name, cents in categories]


class UploadForm(forms.Form):
    """HR's CSV of employees: codice fiscale, nome, cognome, email, credito (categoria)."""

    file = forms.FileField(
        label=_("File CSV dei dipendenti"),
        help_text=_(
            "Colonne: codice fiscale, nome, cognome, email, credito (facoltativa: categoria). "
            "Separate da virgola o punto e virgola, in UTF-8 come lo salva Excel."
        ),
    )
