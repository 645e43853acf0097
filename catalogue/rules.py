"""The catalogue's vocabulary: each rule about services and providers, written once.

- a service's **provider** is the ProviderPage it sits under (`ServicePage.provider`);
- the providers that **offer** a service are its provider and its partners, live ones only,
  its own first (`offered_providers`);
- a service is **free** when every cost option is free, or it has none and is publicly
  funded (`is_free` in Python, `free_condition` in SQL);
- a service is **payable with company welfare** when it qualifies for at least one art. 51
  category (`art51_condition` in SQL; the spending rules in funding call `art51_allowed`);
- the **published services** are live and public, under a live and public provider
  (`published_services`): what citizens find (discovery, home page), what the open data
  (HSDS) and the request form offer, and what the lifecycle accepts a request for; in a
  language's catalogue, every published service: its translation where published, else
  the Italian page (`with_italian`).

A request form asks both questions of one service on every submission: `kept_offer`
keeps the two answers until the next publication.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Length, Substr
from wagtail.models import Locale, Page

from catalogue.choices import CostKind, Funding
from catalogue.content_cache import until_next_publication

if TYPE_CHECKING:  # the models import this module (is_free)
    from catalogue.models import ProviderPage, ServicePage


def provider_path() -> Substr:
    """The path of a page's parent (its provider, for a service), as an SQL expression."""
    return Substr("path", 1, Length("path") - Page.steplen)


def is_free(cost_kinds: Iterable[str], funding: str) -> bool:
    """Free: every cost option is free, or there is none and the service is public."""
    kinds = set(cost_kinds)
    return kinds == {CostKind.FREE} if kinds else funding == Funding.PUBLIC


def free_condition() -> Q:
    """`is_free` as a filter on ServicePage querysets."""
    # Imported here: the models call is_free, so this module cannot import them at the top.
    from catalogue.models import ServiceCostOption

    options = ServiceCostOption.objects.filter(page_id=OuterRef("pk"))
    return ~Q(Exists(options.exclude(kind=CostKind.FREE))) & (
        Q(Exists(options)) | Q(funding=Funding.PUBLIC)
    )


def art51_condition(categories: Iterable[str] | None = None) -> Q:
    """Services qualifying for any of the art. 51 `categories` (for any, when None).

    The categories are a JSON list of codes; a code is matched with its quotes, so "f" never
    matches "f_bis", and the same SQL runs on SQLite and PostgreSQL."""
    if categories is None:
        return ~Q(art51_categories=[])
    condition = Q(pk__in=[])
    for code in categories:
        condition |= Q(art51_categories__icontains=f'"{code}"')
    return condition


def art51_allowed(service_categories: Iterable[str], allowed: Iterable[str]) -> set[str]:
    """The art. 51 categories a service qualifies for that a plan also allows."""
    return set(service_categories or ()) & set(allowed or ())


def published_services(
    *, root: Page | None = None, locale: Locale | None = None, with_italian: bool = False
) -> QuerySet[ServicePage]:
    """Live, public services under a live, public provider (below `root`, in `locale`).

    `with_italian` makes a language's catalogue: below `root` (a translated HomePage), its
    published services, and for every published Italian service without a published
    translation there, the Italian page (shown at its address in that language, with the
    notice). Still one queryset, with no query more: the catalogue counts, facets and
    searches it at once.

    The provider test is a `pk__in` subquery, not a filter on an annotation, so that the
    search backend can still search the result."""
    from catalogue.models import ProviderPage, ServicePage  # see free_condition

    # Wagtail's `.public()` reads the view restrictions once per queryset: read them once.
    private = Page.objects.private_q()
    providers = ProviderPage.objects.live().exclude(private)
    services = ServicePage.objects.live().exclude(private)
    if locale is not None:
        providers = providers.filter(locale=locale)
        services = services.filter(locale=locale)
    under_live_provider = ServicePage.objects.annotate(parent=provider_path()).filter(
        parent__in=providers.values("path")
    )
    everywhere = services.filter(pk__in=under_live_provider.values("pk"))
    published = everywhere.descendant_of(root) if root is not None else everywhere
    if not with_italian or root is None:
        return published
    untranslated = everywhere.filter(italian_below(root)).exclude(
        translation_key__in=published.values("translation_key")
    )
    return ServicePage.objects.filter(
        Q(pk__in=published.values("pk")) | Q(pk__in=untranslated.values("pk"))
    )


def italian_below(root: Page) -> Q:
    """Pages of the Italian tree `root` translates (none if `root` is Italian itself), as a
    filter: a subquery, so that a language's catalogue costs no query more."""
    source = (
        Page.objects.filter(
            translation_key=root.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .exclude(pk=root.pk)
        .values("path")[:1]
    )
    return Q(path__startswith=Subquery(source), locale__language_code=settings.LANGUAGE_CODE)


def is_published(service: ServicePage | None) -> bool:
    """Whether a citizen may find and request this service now (see published_services)."""
    return (
        service is not None
        and service.pk is not None
        and published_services().filter(pk=service.pk).exists()
    )


def offered_providers(service: ServicePage) -> list[ProviderPage]:
    """The live providers that offer `service`: its own first, then its partners by title."""
    own = service.provider
    providers = [own] if own is not None and own.live else []
    # .all(), not .live(): a page being edited holds its partners in memory (modelcluster).
    partners = sorted(service.partner_providers.all(), key=lambda page: page.title)
    providers += [
        partner for partner in partners if partner.live and (own is None or partner.pk != own.pk)
    ]
    return providers


@dataclass(frozen=True)
class Offer:
    """What a request for a service checks: `is_published` and `offered_providers`."""

    published: bool
    provider_title: str
    offered: frozenset[int]  # the pks of offered_providers


def kept_offer(service: ServicePage) -> Offer:
    """`service`'s Offer as last published: read once, then kept until the next publication
    (which publishing, unpublishing, moving a page or changing its privacy all are)."""

    def compute() -> Offer:
        own = service.provider
        return Offer(
            published=is_published(service),
            provider_title=own.title if own is not None else "",
            offered=frozenset(provider.pk for provider in offered_providers(service)),
        )

    return until_next_publication(f"offer:{service.pk}", compute)
