"""Reads behind the HSDS API and export: only live, public pages, related rows prefetched.

Every function returns a queryset (or a list built from a fixed number of queries), so a
listing costs the same number of queries whatever its page size. A service appears only
while its provider is live and public too, so every service has its organisation.
"""

from django.db.models import Prefetch, Q
from wagtail.models import Locale

from catalogue.choices import Art51Category
from catalogue.hsds import ids
from catalogue.hsds.mapping import WELFARE, FixedTerm
from catalogue.models import (
    Audience,
    Municipality,
    Need,
    ProviderPage,
    ServicePage,
    SocialPointPage,
)
from catalogue.rules import art51_condition, provider_path, published_services

# The two published taxonomies: (slug, model). Their names and descriptions are in mapping.
TAXONOMY_MODELS = {"bisogni": Need, "destinatari": Audience}
# The service's many-to-many that holds each taxonomy's terms.
TERM_FIELDS = {"bisogni": "needs", "destinatari": "audiences"}
# Every published taxonomy: the two above and the fixed art. 51 categories.
TAXONOMY_SLUGS = [*TAXONOMY_MODELS, WELFARE]


def live_providers(locale):
    return (
        ProviderPage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("locale", "municipality", "logo")
        .prefetch_related("logo__renditions")
        .order_by("title", "pk")
    )


def live_social_points(locale):
    return (
        SocialPointPage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("locale", "municipality")
        .prefetch_related("opening_hours", "closures", "languages")
        .order_by("title", "pk")
    )


def live_services(locale):
    """The published services of `locale` (catalogue.rules), in the listings' order."""
    return (
        published_services(locale=locale)
        .annotate(provider_path=provider_path())
        .select_related("locale")
        .order_by("title", "pk")
    )


def with_details(services, locale):
    """Everything a fully nested HSDS service reads, fetched once for the whole list."""
    return services.prefetch_related(
        "needs__locale",
        "audiences__locale",
        "municipalities__locale",
        "cost_options",
        "required_documents",
        "languages",
        "contacts",
        "access_steps",
        Prefetch(
            "social_points",
            queryset=live_social_points(locale),
            to_attr="hsds_social_points",
        ),
    )


def attach_providers(services, locale):
    """Set `hsds_provider` on each service (one query for the whole list)."""
    services = list(services)
    paths = {service.provider_path for service in services}
    by_path = {p.path: p for p in live_providers(locale).filter(path__in=paths)}
    for service in services:
        service.hsds_provider = by_path.get(service.provider_path)
    return services


def services_of(providers, locale, *, full=False):
    """The live services of each provider, as {provider.path: [service, ...]}."""
    paths = [provider.path for provider in providers]
    services = live_services(locale).filter(provider_path__in=paths)
    if full:
        services = with_details(services, locale)
    grouped = {path: [] for path in paths}
    by_path = {provider.path: provider for provider in providers}
    for service in services:
        service.hsds_provider = by_path[service.provider_path]
        grouped[service.provider_path].append(service)
    return grouped


def district_municipalities(locale):
    """The district's municipalities: the area of a service that names none."""
    return list(
        Municipality.objects.filter(locale=locale, in_district=True)
        .select_related("locale")
        .order_by("name")
    )


def taxonomy_terms(locale, slugs=None):
    """The terms of the published taxonomies, as a list of (taxonomy slug, term)."""
    terms = []
    for slug, model in TAXONOMY_MODELS.items():
        if slugs is not None and slug not in slugs:
            continue
        queryset = model.objects.filter(locale=locale).select_related("locale")
        terms.extend((slug, term) for term in queryset.order_by("sort_order", "name", "pk"))
    if slugs is None or WELFARE in slugs:
        terms.extend((WELFARE, FixedTerm(code, locale)) for code in Art51Category.values)
    return terms


def find_term(hsds_id):
    """(taxonomy slug, term) for an HSDS taxonomy term id, in any language, or None."""
    for slug, model in TAXONOMY_MODELS.items():
        term = ids.find(model.objects.select_related("locale"), hsds_id)
        if term is not None:
            return slug, term
    for locale in Locale.objects.all():
        for code in Art51Category.values:
            term = FixedTerm(code, locale)
            if ids.object_id(term) == str(hsds_id).lower():
                return WELFARE, term
    return None


def service_location_pairs(services, locale):
    """Every (service, location) link of `services`, in order, as light tuples.

    A service is offered at the live Social Points that help with it, and at its
    provider's office when the provider gives an address. Each tuple is
    (service_pk, "social_point" or "provider", location page pk).
    """
    services = list(services.values_list("pk", "provider_path"))
    service_pks = [pk for pk, _ in services]
    points = set(live_social_points(locale).values_list("pk", flat=True))
    through = ServicePage.social_points.through.objects.filter(
        servicepage_id__in=service_pks, socialpointpage_id__in=points
    ).order_by("socialpointpage__title", "socialpointpage_id")
    by_service = {}
    for service_pk, point_pk in through.values_list("servicepage_id", "socialpointpage_id"):
        by_service.setdefault(service_pk, []).append(("social_point", point_pk))
    offices = dict(
        ProviderPage.objects.filter(path__in={path for _, path in services})
        .exclude(address="")
        .exclude(municipality=None)  # an office is an address in a municipality, as in mapping
        .values_list("path", "pk")
    )
    pairs = []
    for service_pk, parent in services:
        if parent in offices:
            pairs.append((service_pk, "provider", offices[parent]))
        pairs.extend((service_pk, kind, pk) for kind, pk in by_service.get(service_pk, []))
    return pairs


# --- filters of the listings -------------------------------------------------------------


def search_pages(pages, model, locale, text):
    """`pages` matching a free-text search (Wagtail's search: PostgreSQL full text)."""
    matches = model.objects.live().filter(locale=locale).search(text, operator="and")
    return pages.filter(pk__in=[page.pk for page in matches])


def taxonomies_with_id(hsds_id, locale):
    """The slugs of the taxonomies (0 or 1) whose id, in `locale`, is `hsds_id`."""
    return [
        slug
        for slug in TAXONOMY_SLUGS
        if ids.taxonomy_id(slug, locale.language_code) == str(hsds_id)
    ]


def by_taxonomy(services, values, locale):
    """The HSDS taxonomy filters (a term, a whole taxonomy); None when an id is unknown."""
    if values.get("taxonomy_term_id"):
        found = find_term(values["taxonomy_term_id"])
        if found is None:
            return None
        slug, term = found
        if slug == WELFARE:
            services = services.filter(art51_condition([term.slug]))
        else:
            services = services.filter(**{TERM_FIELDS[slug]: term}).distinct()
    if values.get("taxonomy_id"):
        slugs = taxonomies_with_id(values["taxonomy_id"], locale)
        if not slugs:
            return None
        if slugs[0] == WELFARE:
            services = services.filter(art51_condition())
        else:
            services = services.filter(**{f"{TERM_FIELDS[slugs[0]]}__isnull": False}).distinct()
    return services


def filter_services(services, values, locale):
    """The HSDS filters of /services and /service_at_locations; they add up."""
    if values.get("search"):
        services = search_pages(services, ServicePage, locale, values["search"])
    if values.get("organization_id"):
        provider = ids.find(ProviderPage.objects.filter(locale=locale), values["organization_id"])
        if provider is None:
            return services.none()
        services = services.filter(provider_path=provider.path)
    narrowed = by_taxonomy(services, values, locale)
    if narrowed is None:
        return services.none()
    services = narrowed
    if values.get("modified_after"):
        moment = values["modified_after"]
        services = services.filter(
            Q(last_published_at__gte=moment)
            | Q(last_published_at__isnull=True, first_published_at__gte=moment)
        )
    if values.get("postcode"):
        services = covering_postcode(services, values["postcode"], locale)
    return services


def covering_postcode(services, postcode, locale):
    """Services whose area covers the municipality with `postcode` (none named: all)."""
    towns = Municipality.objects.filter(locale=locale, postcode=postcode)
    covered = Q(municipalities__in=towns)
    if towns.filter(in_district=True).exists():
        covered |= Q(municipalities__isnull=True)
    return services.filter(covered).distinct()


# --- service at location -----------------------------------------------------------------


def services_at_locations(pairs, locale):
    """(service, kind, location page) for (service_pk, kind, location_pk) tuples.

    Three queries whatever the number of pairs: the services, their providers, the
    Social Points.
    """
    services = live_services(locale).filter(pk__in={pk for pk, _kind, _loc in pairs})
    services = {s.pk: s for s in attach_providers(services, locale)}
    point_pks = {loc for _pk, kind, loc in pairs if kind == "social_point"}
    points = {p.pk: p for p in live_social_points(locale).filter(pk__in=point_pks)}
    found = []
    for service_pk, kind, location_pk in pairs:
        service = services[service_pk]
        place = service.hsds_provider if kind == "provider" else points[location_pk]
        found.append((service, kind, place))
    return found


def find_service_at_location(hsds_id):
    """(locale, pair) of the service_at_location whose id is `hsds_id`, or None.

    Its id is derived from both ends, so it is computed for every link from light rows
    (ids and translation keys), in a fixed number of queries per language.
    """
    wanted = str(hsds_id)
    for locale in Locale.objects.all():
        code = locale.language_code
        pairs = service_location_pairs(live_services(locale), locale)
        keys = {
            model: dict(model.objects.filter(locale=locale).values_list("pk", "translation_key"))
            for model in (ServicePage, SocialPointPage, ProviderPage)
        }
        for service_pk, kind, location_pk in pairs:
            service_id = ids.localised(keys[ServicePage][service_pk], code)
            if kind == "provider":
                owner = ids.localised(keys[ProviderPage][location_pk], code)
                location_id = ids.child_id(owner, "location", "office")
            else:
                location_id = ids.localised(keys[SocialPointPage][location_pk], code)
            if ids.child_id(service_id, "service_at_location", location_id) == wanted:
                return locale, (service_pk, kind, location_pk)
    return None
