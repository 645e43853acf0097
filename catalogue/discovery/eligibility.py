"""«Quali servizi posso avere?»: the citizen's age, residence, ISEE band and voucher.

The answers become one filter over the services' structured eligibility (age range, the
ages of the groups a service is for, municipalities served, residence in the district, ISEE
threshold, voucher) and, for the services it leaves out, a sentence per unmet requirement.
A service meant only for groups of other ages (parenting groups, for an 82-year-old) is left
out; a service for no group in particular is for everyone.
"""

from decimal import Decimal

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from catalogue.models import ServicePage
from catalogue.money import format_eur

OUTSIDE_DISTRICT = "altro"
NO_ISEE = "nessuno"

# ISEE bands (key, label, the highest ISEE in the band; None: open-ended above).
ISEE_BANDS = [
    ("6000", _("fino a 6.000 €"), Decimal("6000")),
    ("10000", _("da 6.000 a 10.000 €"), Decimal("10000")),
    ("15000", _("da 10.000 a 15.000 €"), Decimal("15000")),
    ("20000", _("da 15.000 a 20.000 €"), Decimal("20000")),
    ("30000", _("da 20.000 a 30.000 €"), Decimal("30000")),
    ("oltre", _("oltre 30.000 €"), None),
    (NO_ISEE, _("non ho un ISEE"), None),
]
BAND_CEILINGS = {key: ceiling for key, _label, ceiling in ISEE_BANDS}
TOP_BAND_FLOOR = Decimal("30000")


class EligibilityForm(forms.Form):
    """The four questions; every answer is optional, and a wrong one is explained."""

    eta = forms.IntegerField(
        label=_("La tua età (anni)"),
        required=False,
        min_value=0,
        max_value=120,
        error_messages={
            "invalid": _("Scrivi l'età in anni, con un numero, ad es. 72."),
            "min_value": _("L'età non può essere negativa: scrivi gli anni compiuti."),
            "max_value": _("Scrivi un'età fino a 120 anni."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "form-control"}),
    )
    residenza = forms.ChoiceField(
        label=_("Comune in cui vivi"),
        required=False,
        error_messages={"invalid_choice": _("Scegli il comune dall'elenco.")},
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    isee = forms.ChoiceField(
        label=_("Il tuo ISEE"),
        required=False,
        choices=[("", _("non lo so / non importa"))]
        + [(key, label) for key, label, _ceiling in ISEE_BANDS],
        error_messages={"invalid_choice": _("Scegli una fascia ISEE dall'elenco.")},
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = {m.slug: m for m in municipalities}
        self.fields["residenza"].choices = (
            [("", _("non importa"))]
            + [(slug, m.name) for slug, m in self.municipalities.items()]
            + [(OUTSIDE_DISTRICT, _("un comune fuori dal distretto"))]
        )

    def profile(self):
        """The valid answers as a dict; an invalid field counts as not answered."""
        data = {}
        if self.is_bound:
            self.is_valid()
            data = {name: self.cleaned_data.get(name) for name in self.fields}
        residence = data.get("residenza") or ""
        return {
            "age": data.get("eta"),
            "residence": residence,
            "municipality": self.municipalities.get(residence),
            "isee": data.get("isee") or "",
        }


def is_answered(profile):
    return bool(profile["age"] is not None or profile["residence"] or profile["isee"])


def eligibility_condition(profile):
    """A Q on ServicePage keeping the services whose requirements admit the citizen."""
    condition = Q()
    age = profile["age"]
    if age is not None:
        condition &= Q(min_age__isnull=True) | Q(min_age__lte=age)
        condition &= Q(max_age__isnull=True) | Q(max_age__gte=age)
        audiences = ServicePage.audiences.through.objects.filter(servicepage_id=OuterRef("pk"))
        fitting = audiences.filter(
            Q(audience__min_age__isnull=True) | Q(audience__min_age__lte=age),
            Q(audience__max_age__isnull=True) | Q(audience__max_age__gte=age),
        )
        condition &= ~Q(Exists(audiences)) | Q(Exists(fitting))
    residence = profile["residence"]
    if residence:
        through = ServicePage.municipalities.through
        restricted = Q(Exists(through.objects.filter(servicepage_id=OuterRef("pk"))))
        municipality = profile["municipality"]
        if municipality is None:  # outside the district
            condition &= Q(residence_required=False) & ~restricted
        else:
            served_here = Q(
                Exists(
                    through.objects.filter(
                        servicepage_id=OuterRef("pk"), municipality_id=municipality.pk
                    )
                )
            )
            condition &= ~restricted | served_here
            if not municipality.in_district:
                condition &= Q(residence_required=False)
    band = profile["isee"]
    if band == NO_ISEE:
        condition &= Q(isee_max__isnull=True)
    elif band == "oltre":
        condition &= Q(isee_max__isnull=True) | Q(isee_max__gt=TOP_BAND_FLOOR)
    elif band:
        condition &= Q(isee_max__isnull=True) | Q(isee_max__gte=BAND_CEILINGS[band])
    return condition


def _age_reasons(service, age):
    if age is None:
        return []
    reasons = []
    if service.min_age is not None and age < service.min_age:
        reasons.append(_("È per chi ha almeno %(age)s anni.") % {"age": service.min_age})
    if service.max_age is not None and age > service.max_age:
        reasons.append(_("È per chi ha al massimo %(age)s anni.") % {"age": service.max_age})
    return reasons


def _residence_reasons(service, municipality, municipality_ids):
    if municipality is None:
        if service.residence_required:
            return [_("È riservato a chi vive in un comune del distretto.")]
        if municipality_ids:
            return [_("È offerto solo in alcuni comuni del distretto.")]
        return []
    reasons = []
    if municipality_ids and municipality.pk not in municipality_ids:
        reasons.append(_("Non è offerto a chi vive a %(name)s.") % {"name": municipality.name})
    if service.residence_required and not municipality.in_district:
        reasons.append(_("È riservato a chi vive in un comune del distretto."))
    return reasons


def _isee_reasons(service, band):
    if not band or service.isee_max is None:
        return []
    ceiling = BAND_CEILINGS.get(band)
    if band == NO_ISEE:
        return [
            _("Serve un'attestazione ISEE non superiore a %(max)s.")
            % {"max": format_eur(service.isee_max)}
        ]
    if (band == "oltre" and service.isee_max <= TOP_BAND_FLOOR) or (
        ceiling is not None and service.isee_max < ceiling
    ):
        return [_("È per chi ha un ISEE fino a %(max)s.") % {"max": format_eur(service.isee_max)}]
    return []


def _audience_reasons(age, audiences):
    """A service only for groups of other ages (its audiences) does not admit this age."""
    if age is None or not audiences or any(a.admits_age(age) for a in audiences):
        return []
    names = ", ".join(audience.name for audience in audiences)
    return [_("È pensato per: %(groups)s.") % {"groups": names}]


def exclusion_reasons(service, profile, municipality_ids, audiences=()):
    """Why `service` does not admit the citizen, one Italian sentence per requirement.

    `municipality_ids` is the set of municipalities the service is restricted to (empty:
    all) and `audiences` the groups it is for, read beforehand so this runs no query.
    """
    reasons = _audience_reasons(profile["age"], audiences)
    reasons += _age_reasons(service, profile["age"])
    if profile["residence"]:
        reasons += _residence_reasons(service, profile["municipality"], municipality_ids)
    return reasons + _isee_reasons(service, profile["isee"])
