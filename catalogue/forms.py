"""The public form of «Quanto sono utili le informazioni in questa pagina?»."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import PageFeedback

RATING_CHOICES = [
    (1, _("1 su 5: per niente utili")),
    (2, _("2 su 5: poco utili")),
    (3, _("3 su 5: abbastanza utili")),
    (4, _("4 su 5: molto utili")),
    (5, _("5 su 5: del tutto utili")),
]


class PageFeedbackForm(forms.Form):
    """A 1–5 rating, then an optional reason and a short comment."""

    rating = forms.TypedChoiceField(
        label=_("Quanto sono utili le informazioni in questa pagina?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Scegli un voto da 1 a 5."),
            "invalid_choice": _("Il voto deve essere un numero da 1 a 5."),
        },
    )
    reason = forms.ChoiceField(
        label=_("Qual è il motivo della tua valutazione? (facoltativo)"),
        choices=[("", _("Nessun motivo in particolare"))] + list(PageFeedback.Reason.choices),
        required=False,
        error_messages={"invalid_choice": _("Scegli uno dei motivi dell'elenco.")},
    )
    comment = forms.CharField(
        label=_("Vuoi aggiungere qualcosa? (facoltativo)"),
        help_text=_("Massimo 200 caratteri. Non scrivere dati personali."),
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 200}),
        error_messages={"max_length": _("Il commento può avere al massimo 200 caratteri.")},
    )
