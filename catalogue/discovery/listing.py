"""The catalogue listing: search words, facets and eligibility over the live services.

`discover_services` reads the query string and returns everything the catalogue and the
search page show, as lists; its query count is fixed, whatever the number of services.
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, When
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from catalogue.content_cache import until_next_publication
from catalogue.discovery import eligibility, search
from catalogue.discovery.facets import build_facets, facet_conditions, facet_states, narrow
from catalogue.localization import address_in
from catalogue.models import (
    Municipality,
    Need,
    ProviderPage,
    ServiceIndexPage,
    ServicePage,
    SocialPointPage,
)
from catalogue.rules import published_services

PAGE_SIZE = 20
EXCLUDED_SHOWN = 30
SORT_RELEVANCE = "rilevanza"
SORT_NAME = "nome"
# Query-string keys that change the page shown, not the facet counts.
NOT_COUNTED = ("pagina", "ordina")


def live_services(root=None):
    """The published services of a site (below `root`, its HomePage, in its language, with
    the Italian page of each service not translated into it): catalogue.rules."""
    return published_services(root=root, with_italian=True)


def query_string(params, *, drop=None, **changes):
    """`params` as a query string with `changes`, without the pair `drop` nor the page.

    A link that changes a choice starts again from the first page.
    """
    pairs = []
    for key in params:
        if key == "pagina" or key in changes:
            continue
        for value in params.getlist(key):
            if drop and key == drop[0] and value == drop[1]:
                continue
            if value != "":
                pairs.append((key, value))
    for key, value in changes.items():
        if value not in (None, ""):
            pairs.append((key, value))
    return "?" + urlencode(pairs) if pairs else "?"


def _attach_providers(services):
    """Give each service on the page its provider (one query for the whole page)."""
    paths = {service.path[: -Page.steplen] for service in services}
    providers = {
        provider.path: provider
        for provider in ProviderPage.objects.filter(path__in=paths).only("id", "path", "title")
    }
    for service in services:
        service.listing_provider = providers.get(service.path[: -Page.steplen])
    return services


def _mark_italian(services, root):
    """An Italian service in another language's catalogue (not translated into it) keeps its
    Italian title and summary, marked as such, and links to its address in that language."""
    language = get_language()
    for service in services:
        if root is not None and service.locale_id != root.locale_id:
            service.text_language = settings.LANGUAGE_CODE
            service.listing_url = address_in(service.url, language)


def _by_name(services, root):
    """By title; in a language's catalogue its own services first, then the Italian ones."""
    if root is None:
        return services.order_by("title", "pk")
    foreign = Case(When(locale_id=root.locale_id, then=0), default=1)
    return services.alias(_foreign=foreign).order_by("_foreign", "title", "pk")


def discover_services(params, *, root=None, page_size=PAGE_SIZE, record=True):
    """Search, facet and eligibility results for the query string `params` (a QueryDict).

    Returns a dict with the page of services, the facet states with their counts, the
    eligibility form, the services the eligibility answers exclude (with reasons), the
    search interpretation (corrected query, editors' picks) and the links to loosen an
    empty result.
    """
    base = live_services(root)
    query = search.clean_query(params.get("q", ""))
    terms, corrected = search.interpret(query) if query else ([], None)
    ranked = None
    picks = []
    if query:
        ranked, _operator = search.ranked_ids(
            base, terms, limit=search.SERVICE_MATCH_LIMIT, text=query
        )
        if record and not params.get("pagina"):  # one hit per search, not per page
            picks = search.record_query(query)
        base = base.filter(pk__in=ranked)

    municipalities = list(
        Municipality.objects.filter(in_district=True)
        .order_by("name")
        .only("id", "slug", "name", "in_district")
    )
    form = eligibility.EligibilityForm(params or None, municipalities=municipalities)
    profile = form.profile()
    eligible = eligibility.eligibility_condition(profile)

    facets = build_facets(root)
    selections = {facet.key: facet.parse(params) for facet in facets}
    # The counts depend on everything in the query string but the page and the order.
    pairs = params.lists() if hasattr(params, "lists") else params.items()
    counted = sorted(
        (key, value)
        for key, values in pairs
        for value in ([values] if isinstance(values, str) else values)
        if key not in NOT_COUNTED
    )
    digest = hashlib.sha256(urlencode(counted).encode()).hexdigest()
    states = until_next_publication(
        f"facets:{getattr(root, 'pk', None)}:{get_language()}:{digest}",
        lambda: facet_states(base.filter(eligible), facets, selections)[0],
    )
    conditions = list(facet_conditions(facets, selections).values())

    results = narrow(base.filter(eligible), conditions)
    inactive = []
    if eligibility.is_answered(profile):
        # What the citizen can have now first; suspended services apart, not mixed in.
        inactive = list(
            results.filter(is_active=False)
            .order_by("title")
            .only("id", "path", "depth", "title", "slug", "url_path", "inactive_reason")[
                :EXCLUDED_SHOWN
            ]
        )
        results = results.filter(is_active=True)
    sort = params.get("ordina")
    if sort not in (SORT_RELEVANCE, SORT_NAME):
        sort = SORT_RELEVANCE if query else SORT_NAME
    if sort == SORT_RELEVANCE and ranked is not None:
        allowed = set(results.values_list("pk", flat=True))
        ordered_ids = [pk for pk in ranked if pk in allowed]
    else:
        # Sliced by the paginator in SQL: a count and one page of ids, however many match.
        ordered_ids = _by_name(results, root).values_list("pk", flat=True)

    paginator = Paginator(ordered_ids, page_size)
    page = paginator.get_page(params.get("pagina"))
    page_ids = list(page.object_list)
    shown = {
        service.pk: service
        for service in ServicePage.objects.filter(pk__in=page_ids).only(
            "id",
            "path",
            "depth",
            "title",
            "slug",
            "url_path",
            "summary",
            "is_active",
            "voucher_accepted",
            "art51_categories",
            "funding",
            "locale_id",
        )
    }
    services = _attach_providers([shown[pk] for pk in page_ids if pk in shown])
    _mark_italian(services, root)

    excluded = []
    excluded_count = 0
    voucher_on = bool(selections.get("voucher"))
    if eligibility.is_answered(profile) or voucher_on:
        others = [
            facet.filter(selections[facet.key])
            for facet in facets
            if selections.get(facet.key) and facet.key != "voucher"
        ]
        candidates = narrow(base, others)
        admitted = candidates.filter(eligible)
        if voucher_on:
            admitted = admitted.filter(voucher_accepted=True)
        left_out = candidates.exclude(pk__in=admitted.values("pk")).order_by("title")
        excluded_count = left_out.count()
        excluded = _with_reasons(
            list(left_out.prefetch_related("municipalities", "audiences")[:EXCLUDED_SHOWN]),
            profile,
            voucher_on,
        )

    total = paginator.count
    loosen = []
    help_needs, help_points = [], []
    if not paginator.count:
        loosen = _loosen(params, states, base, eligible, facets, selections, profile)
        help_needs, help_points = _where_else(terms, root)
    return {
        "query": query,
        "search_terms": terms,
        "corrected_query": corrected,
        "editors_picks": picks,
        "services": services,
        "total": total,
        "facets": {state.key: state for state in states},
        "facet_list": states,
        "active_filters": _active_filters(params, states, form, profile),
        "form": form,
        "excluded": excluded,
        "inactive": inactive,
        "help_needs": help_needs,
        "help_points": help_points,
        "excluded_count": excluded_count,
        "excluded_more": max(excluded_count - len(excluded), 0),
        "sort": sort,
        "sort_choices": [
            (SORT_RELEVANCE, _("Rilevanza")),
            (SORT_NAME, _("Nome (A-Z)")),
        ]
        if query
        else [(SORT_NAME, _("Nome (A-Z)"))],
        "loosen": loosen,
        "page_links": _page_links(params, page),
    }


def _with_reasons(services, profile, voucher_on):
    rows = []
    for service in services:
        restricted = {m.pk for m in service.municipalities.all()}
        reasons = eligibility.exclusion_reasons(
            service, profile, restricted, list(service.audiences.all())
        )
        if voucher_on and not service.voucher_accepted:
            reasons.append(_("Non accetta il voucher comunale."))
        rows.append({"service": service, "reasons": reasons})
    return rows


def _active_filters(params, states, form, profile):
    """Each active choice with the link that removes it (the «chips» above the results)."""
    active = []
    if params.get("q"):
        active.append(
            {
                "label": _("Parole: «%(q)s»") % {"q": params.get("q")},
                "url": query_string(params, q=""),
            }
        )
    for state in states:
        for choice in state.selected_choices:
            active.append(
                {
                    "label": f"{state.label}: {choice.label}",
                    "url": query_string(params, drop=(state.key, choice.value)),
                    "key": state.key,
                }
            )
    if profile["age"] is not None:
        active.append(
            {
                "label": _("Età: %(age)s anni") % {"age": profile["age"]},
                "url": query_string(params, eta=""),
                "key": "eta",
            }
        )
    if profile["residence"]:
        label = dict(form.fields["residenza"].choices).get(profile["residence"], "")
        active.append(
            {
                "label": _("Vivi a: %(name)s") % {"name": label},
                "url": query_string(params, residenza=""),
                "key": "residenza",
            }
        )
    if profile["isee"]:
        label = dict(form.fields["isee"].choices).get(profile["isee"], "")
        active.append(
            {
                "label": _("ISEE: %(band)s") % {"band": label},
                "url": query_string(params, isee=""),
                "key": "isee",
            }
        )
    return active


def _loosen(params, states, base, eligible, facets, selections, profile):
    """For an empty result: how many services dropping each active facet would show.

    One count per active facet, plus one without the eligibility answers (bounded by the
    facets, not by the services).
    """
    suggestions = []
    services = base.filter(eligible)
    conditions = {
        facet.key: facet.filter(selections[facet.key])
        for facet in facets
        if selections.get(facet.key)
    }
    labels = {state.key: state.label for state in states}
    for key in conditions:
        others = [condition for other, condition in conditions.items() if other != key]
        count = narrow(services, others).count()
        if count:
            suggestions.append(
                {
                    "label": labels[key],
                    "count": count,
                    "url": query_string(params, **{key: ""}),
                }
            )
    if eligibility.is_answered(profile):
        count = narrow(base, list(conditions.values())).count()
        if count:
            suggestions.append(
                {
                    "label": _("Le tue risposte su età, comune e ISEE"),
                    "count": count,
                    "url": query_string(params, eta="", residenza="", isee=""),
                }
            )
    return suggestions


def _where_else(terms, root):
    """For an empty result, never a dead end: the needs closest to the words (all of them if
    none is close), each with its catalogue link, and the Social Points with their phone
    numbers (three queries)."""
    needs = list(Need.objects.filter(locale=Locale.get_active()).order_by("sort_order", "name"))
    close = [need for need in needs if search.mentions(terms, f"{need.name} {need.lay_terms}")]
    pages = {}
    for model in (ServiceIndexPage, SocialPointPage):
        pages[model] = model.objects.live().public()
        if root is not None:
            pages[model] = pages[model].descendant_of(root)
    catalogue = pages[ServiceIndexPage].first()
    catalogue_url = catalogue.url if catalogue else ""
    suggested = [
        {"name": need.name, "url": f"{catalogue_url}?bisogno={need.slug}"}
        for need in (close or needs)
    ]
    points = pages[SocialPointPage].order_by("path")
    return suggested, list(points.only("id", "path", "depth", "title", "url_path", "phone"))


def _page_links(params, page):
    """Previous/next and numbered links that keep every other parameter."""
    if page.paginator.num_pages <= 1:
        return {}

    def link(number):
        return query_string(params, pagina=number if number > 1 else "")

    numbers = [
        n
        for n in page.paginator.page_range
        if n in (1, page.paginator.num_pages) or abs(n - page.number) <= 2
    ]
    return {
        "previous": link(page.number - 1) if page.has_previous() else None,
        "next": link(page.number + 1) if page.has_next() else None,
        "numbers": [(n, link(n), n == page.number) for n in numbers],
    }


__all__ = ["discover_services", "live_services", "query_string"]
