"""The catalogue's facets: what each one filters and how many services each choice leaves.

A facet reads its selected values from the query string, turns them into a filter on
ServicePage, and counts its choices with one aggregate query over the services that the
*other* facets leave (disjunctive faceting: choices of one facet add up, facets narrow
each other). Nothing here runs a query per service.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from catalogue.choices import ART51_SHORT_LABELS, LANGUAGE_CHOICES, Art51Category, Funding
from catalogue.models import Municipality, ProviderPage, ServiceLanguage, ServicePage
from catalogue.rules import art51_condition, free_condition, italian_below, provider_path

SLUG = re.compile(r"[-\w]+")


@dataclass
class Choice:
    """One choice of a facet, as the template shows it."""

    value: str
    label: str
    count: int = 0
    selected: bool = False


@dataclass
class FacetState:
    """A facet after counting: its choices and the ones the citizen picked."""

    key: str
    label: str
    choices: list = field(default_factory=list)
    selected: list = field(default_factory=list)
    collapsed: bool = False

    @property
    def selected_choices(self):
        return [choice for choice in self.choices if choice.selected]


class Facet:
    """A dimension of the catalogue; subclasses say how to filter and how to count."""

    key = ""
    label = ""
    # Long lists (providers) start folded so a phone shows the other facets first.
    collapsed = False
    # Choices without services are hidden (unless selected) instead of shown with 0.
    hide_empty = False

    def parse(self, params):
        """The selected values, keeping only the ones this facet knows how to read."""
        values = []
        for value in params.getlist(self.key):
            value = value.strip()
            if value and value not in values and self.accepts(value):
                values.append(value)
        return values

    def accepts(self, value):
        """Plausible slugs only: anything else in the URL is ignored, not an error."""
        return len(value) <= 100 and SLUG.fullmatch(value) is not None

    def filter(self, values):
        """A Q on ServicePage keeping the services that match any of `values`."""
        raise NotImplementedError

    def counts(self, services):
        """{value: number of services in `services` that match it} in one query."""
        raise NotImplementedError

    def labelled_choices(self, counts, selected):
        """[(value, label)] in display order: the values `counts` found and the selected."""
        raise NotImplementedError

    def state(self, services, selected):
        """The facet's choices with their counts over `services` (one or two queries)."""
        counts = self.counts(services)
        choices = []
        for value, label in self.labelled_choices(counts, selected):
            count = counts.get(value, 0)
            if self.hide_empty and not count and value not in selected:
                continue
            choices.append(Choice(value, str(label), count, value in selected))
        return FacetState(self.key, str(self.label), choices, selected, self.collapsed)


class FixedChoicesFacet(Facet):
    """A facet whose choices are a fixed vocabulary (funding, cost, delivery mode)."""

    choices = []

    def accepts(self, value):
        return value in dict(self.choices)

    def labelled_choices(self, counts, selected):
        return list(self.choices)


def one_per_slug(terms):
    """One term per slug, in the visitor's language where it is translated (else the
    source's), in the order of `terms`' first occurrence of each slug."""
    language = translation.get_language()
    chosen, order = {}, []
    for term in terms.select_related("locale"):
        if term.slug not in chosen:
            order.append(term.slug)
            chosen[term.slug] = term
        elif term.locale.language_code == language:
            chosen[term.slug] = term
    return [chosen[slug] for slug in order]


class TaxonomyFacet(Facet):
    """A many-to-many to a snippet (need, audience, municipality), selected by slug."""

    relation = ""  # the ParentalManyToManyField on ServicePage
    target = ""  # the through model's field pointing at the snippet

    def _through(self):
        return getattr(ServicePage, self.relation).through

    def _model(self):
        return ServicePage._meta.get_field(self.relation).related_model

    def filter(self, values):
        rows = self._through().objects.filter(
            servicepage_id=OuterRef("pk"), **{f"{self.target}__slug__in": values}
        )
        return Q(Exists(rows))

    def counts(self, services):
        rows = (
            self._through()
            .objects.filter(servicepage_id__in=services.values("pk"))
            .values(f"{self.target}__slug")
            .annotate(n=Count("servicepage_id", distinct=True))
        )
        return {row[f"{self.target}__slug"]: row["n"] for row in rows}

    def labelled_choices(self, counts, selected):
        terms = self._model().objects.filter(slug__in=set(counts) | set(selected))
        terms = one_per_slug(terms.order_by(*self._model()._meta.ordering or ["name"]))
        return [(term.slug, term.name) for term in terms]


class NeedFacet(TaxonomyFacet):
    key = "bisogno"
    label = _("Bisogno")
    relation = "needs"
    target = "need"


class AudienceFacet(TaxonomyFacet):
    key = "destinatari"
    label = _("A chi è rivolto")
    relation = "audiences"
    target = "audience"


class MunicipalityFacet(TaxonomyFacet):
    """Municipality served: a service with no municipality serves them all."""

    key = "comune"
    label = _("Comune servito")
    relation = "municipalities"
    target = "municipality"

    def filter(self, values):
        through = self._through()
        any_rows = through.objects.filter(servicepage_id=OuterRef("pk"))
        return super().filter(values) | ~Q(Exists(any_rows))

    def counts(self, services):
        counts = super().counts(services)
        through = self._through()
        everywhere = (
            services.alias(_served=Exists(through.objects.filter(servicepage_id=OuterRef("pk"))))
            .filter(_served=False)
            .count()
        )
        everywhere_counts = {slug: n + everywhere for slug, n in counts.items()}
        everywhere_counts["*"] = everywhere
        return everywhere_counts

    def labelled_choices(self, counts, selected):
        everywhere = counts.get("*", 0)
        terms = Municipality.objects.filter(in_district=True) | Municipality.objects.filter(
            slug__in=[slug for slug in counts if slug != "*"]
        )
        choices = []
        for term in one_per_slug(terms.order_by("name")):
            counts.setdefault(term.slug, everywhere)
            choices.append((term.slug, term.name))
        return choices


FREE = "gratuito"
PAID = "a-pagamento"


class CostFacet(FixedChoicesFacet):
    key = "costo"
    label = _("Costo")
    choices = [(FREE, _("Gratuito")), (PAID, _("A pagamento (anche in parte)"))]

    def filter(self, values):
        condition = Q()
        if FREE in values:
            condition |= free_condition()
        if PAID in values:
            condition |= ~free_condition()
        return condition

    def counts(self, services):
        totals = services.aggregate(total=Count("pk"), free=Count("pk", filter=free_condition()))
        return {FREE: totals["free"], PAID: totals["total"] - totals["free"]}


class VoucherFacet(FixedChoicesFacet):
    key = "voucher"
    label = _("Voucher comunale")
    choices = [("si", _("Accetta il voucher comunale"))]

    def filter(self, values):
        return Q(voucher_accepted=True)

    def counts(self, services):
        return {"si": services.filter(voucher_accepted=True).count()}


class CompanyWelfareFacet(FixedChoicesFacet):
    """«Pagabile con il welfare aziendale»: any art. 51 category, or one in particular."""

    key = "welfare"
    label = _("Pagabile con il welfare aziendale")
    codes = {
        "si": None,
        "f": Art51Category.F,
        "f-bis": Art51Category.F_BIS,
        "f-ter": Art51Category.F_TER,
    }
    choices = [
        ("si", _("Pagabile con il credito welfare")),
        *((slug, ART51_SHORT_LABELS[code]) for slug, code in codes.items() if code),
    ]

    def filter(self, values):
        if "si" in values:
            return art51_condition()
        return art51_condition([self.codes[value] for value in values])

    def counts(self, services):
        return services.aggregate(
            **{
                value: Count("pk", filter=art51_condition(None if code is None else [code]))
                for value, code in self.codes.items()
            }
        )


class FundingFacet(FixedChoicesFacet):
    key = "finanziamento"
    label = _("Finanziamento")
    codes = {
        "pubblico": Funding.PUBLIC,
        "accreditato": Funding.ACCREDITED,
        "privato": Funding.PRIVATE,
    }
    choices = [(slug, Funding(code).label) for slug, code in codes.items()]

    def filter(self, values):
        return Q(funding__in=[self.codes[value] for value in values])

    def counts(self, services):
        by_code = {
            row["funding"]: row["n"]
            for row in services.order_by().values("funding").annotate(n=Count("pk"))
        }
        return {slug: by_code.get(code, 0) for slug, code in self.codes.items()}


class DeliveryFacet(FixedChoicesFacet):
    key = "modalita"
    label = _("Dove si riceve")
    fields = {
        "domicilio": "delivered_at_home",
        "ente": "delivered_at_provider",
        "social-point": "delivered_at_social_point",
        "distanza": "delivered_remotely",
    }
    choices = [
        ("domicilio", _("A domicilio")),
        ("ente", _("Presso l'ente")),
        ("social-point", _("Presso un Social Point")),
        ("distanza", _("A distanza (telefono o video)")),
    ]

    def filter(self, values):
        condition = Q()
        for value in values:
            condition |= Q(**{self.fields[value]: True})
        return condition

    def counts(self, services):
        return services.aggregate(
            **{value: Count("pk", filter=Q(**{name: True})) for value, name in self.fields.items()}
        )


class LanguageFacet(FixedChoicesFacet):
    key = "lingua"
    label = _("Lingua")
    choices = LANGUAGE_CHOICES
    hide_empty = True

    def filter(self, values):
        rows = ServiceLanguage.objects.filter(page_id=OuterRef("pk"), language__in=values)
        return Q(Exists(rows))

    def counts(self, services):
        rows = (
            ServiceLanguage.objects.filter(page_id__in=services.values("pk"))
            .values("language")
            .annotate(n=Count("page_id", distinct=True))
        )
        return {row["language"]: row["n"] for row in rows}


class ProviderFacet(Facet):
    """Who delivers the service, by slug: the provider that publishes it (its parent page)
    or one of the partner providers a citizen may choose (accredited services)."""

    key = "ente"
    label = _("Ente")
    collapsed = True
    hide_empty = True

    def __init__(self, root=None):
        self.root = root
        self._providers = None
        self._pages = {}

    def providers(self):
        """The live providers, read once per request: {slug: provider}, in the catalogue's
        language where translated; `_pages` keeps every page of a slug (the Italian one
        too, whose untranslated services a language's catalogue lists)."""
        if self._providers is None:
            providers = ProviderPage.objects.live().public()
            if self.root is not None:
                mine = Q(path__startswith=self.root.path, depth__gt=self.root.depth)
                providers = providers.filter(mine | italian_below(self.root))
            self._providers = {}
            for provider in providers.only(
                "id", "path", "depth", "slug", "title", "locale_id"
            ).order_by("title"):
                self._pages.setdefault(provider.slug, []).append(provider)
                mine = self.root is None or provider.locale_id == self.root.locale_id
                if mine or provider.slug not in self._providers:
                    self._providers[provider.slug] = provider
            self._providers = dict(sorted(self._providers.items(), key=lambda item: item[1].title))
        return self._providers

    def accepts(self, value):
        return value in self.providers()

    @staticmethod
    def _partners():
        return ServicePage.partner_providers.through

    def filter(self, values):
        condition = Q()
        self.providers()
        chosen = [page for value in values for page in self._pages[value]]
        for provider in chosen:
            condition |= Q(path__startswith=provider.path, depth=provider.depth + 1)
        partners = self._partners().objects.filter(
            servicepage_id=OuterRef("pk"), providerpage_id__in=[p.pk for p in chosen]
        )
        return condition | Q(Exists(partners))

    def counts(self, services):
        """Published services by parent path, plus partnerships (two queries)."""
        rows = (
            services.order_by()
            .annotate(_parent=provider_path())
            .values("_parent")
            .annotate(n=Count("pk"))
        )
        by_path = {row["_parent"]: row["n"] for row in rows}
        partnered = (
            self._partners()
            .objects.filter(servicepage_id__in=services.values("pk"))
            # a provider partner of its own service counts it once
            .exclude(servicepage__path__startswith=F("providerpage__path"))
            .values("providerpage_id")
            .annotate(n=Count("servicepage_id", distinct=True))
        )
        by_id = {row["providerpage_id"]: row["n"] for row in partnered}
        self.providers()
        return {
            slug: sum(by_path.get(page.path, 0) + by_id.get(page.pk, 0) for page in pages)
            for slug, pages in self._pages.items()
        }

    def labelled_choices(self, counts, selected):
        return [(slug, provider.title) for slug, provider in self.providers().items()]


def build_facets(root=None):
    """The catalogue's facets in the order the page shows them (fresh per request)."""
    return [
        NeedFacet(),
        AudienceFacet(),
        MunicipalityFacet(),
        CostFacet(),
        VoucherFacet(),
        CompanyWelfareFacet(),
        FundingFacet(),
        DeliveryFacet(),
        LanguageFacet(),
        ProviderFacet(root),
    ]


def narrow(services, conditions):
    """`services` filtered by every Q in `conditions`."""
    for condition in conditions:
        services = services.filter(condition)
    return services


def facet_conditions(facets, selections):
    """{facet key: the Q its selected values make}, for the facets with a selection."""
    return {
        facet.key: facet.filter(selections[facet.key])
        for facet in facets
        if selections.get(facet.key)
    }


def facet_states(services, facets, selections):
    """Count every facet's choices over the services the other facets' choices leave."""
    conditions = facet_conditions(facets, selections)
    states = []
    for facet in facets:
        others = [condition for key, condition in conditions.items() if key != facet.key]
        states.append(facet.state(narrow(services, others), selections.get(facet.key, [])))
    return states, list(conditions.values())
