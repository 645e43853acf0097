"""HSDS 3.0 read-only endpoints at /api/hsds/, following the specification's OpenAPI file.

Listings answer the specification's paging envelope (total_items, total_pages,
page_number, size, first_page, last_page, empty, contents). A page past the end answers
200 with no contents; per_page above the maximum is served at the maximum; a malformed
parameter answers 400 with an Italian message per parameter.
"""

import math

from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Locale

from catalogue.hsds import ids, params, selectors
from catalogue.hsds.mapping import HSDS_VERSION, Mapper
from catalogue.hsds.params import fmt_lazy
from catalogue.models import ProviderPage, ServicePage, SocialPointPage

PROFILE_URL = "https://docs.openreferral.org/en/latest/hsds/"
SPEC = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
TAGS = ["Open Referral HSDS 3.0"]


def _envelope_schema(item_schema):
    return {
        "type": "object",
        "properties": {
            "total_items": {"type": "integer"},
            "total_pages": {"type": "integer"},
            "page_number": {"type": "integer"},
            "size": {"type": "integer"},
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"},
            "contents": {
                "type": "array",
                "items": {"type": "object", "description": f"HSDS {SPEC}{item_schema}"},
            },
        },
    }


def _object_schema(item_schema):
    return {"type": "object", "description": f"HSDS {SPEC}{item_schema}"}


ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}, "errors": {"type": "object"}},
}
ID_PARAMETER = OpenApiParameter(
    "id", str, OpenApiParameter.PATH, description=gettext_lazy("Identificativo HSDS (UUID).")
)


def documented(
    operation_id, summary, params_class=None, item_schema=None, listing=True, path_id=False
):
    """The endpoint in /api/schema/: the specification's operation id, parameters, shapes."""
    responses = {
        200: _envelope_schema(item_schema) if listing else _object_schema(item_schema),
        400: ERROR_SCHEMA,
    }
    if path_id:
        responses[404] = ERROR_SCHEMA
    description = gettext_lazy(
        "Open Referral HSDS 3.0, sola lettura. La risposta segue lo schema %(schema)s."
    )
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=fmt_lazy(description, {"schema": f"{SPEC}{item_schema}"}),
        tags=TAGS,
        parameters=[
            *([params_class] if params_class else []),
            *([ID_PARAMETER] if path_id else []),
        ],
        responses=responses,
    )


class HSDSView(APIView):
    """Public, read-only, JSON only; no session, so no CSRF and no personal data."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    params_class = None

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except (Http404, NotFound) as exc:
            raise ValidationError(
                {
                    "detail": _("Parametri della richiesta non validi."),
                    "errors": {"format": [_("format: è disponibile solo json.")]},
                }
            ) from exc

    def params(self, params_class=None):
        serializer = (params_class or self.params_class)(data=self.request.query_params)
        if not serializer.is_valid():
            raise ValidationError(
                {
                    "detail": _("Parametri della richiesta non validi: correggi quelli indicati."),
                    "errors": serializer.errors,
                }
            )
        return serializer.validated_data

    def locale(self, values):
        code = values.get("locale") or Locale.get_default().language_code
        return Locale.objects.filter(language_code=code).first() or Locale.get_default()

    def mapper(self, locale):
        return Mapper(request=self.request, district=selectors.district_municipalities(locale))

    def page(self, values, items, build):
        """The specification's paging envelope around `build(slice of items)`."""
        total = len(items) if isinstance(items, list) else items.count()
        per_page, number = values["per_page"], values["page"]
        start = (number - 1) * per_page
        contents = build(items[start : start + per_page]) if start < total else []
        total_pages = math.ceil(total / per_page)
        return Response(
            {
                "total_items": total,
                "total_pages": total_pages,
                "page_number": number,
                "size": len(contents),
                "first_page": number == 1,
                "last_page": number >= total_pages,
                "empty": not contents,
                "contents": contents,
            }
        )


class MetaView(HSDSView):
    @documented(
        "getAPIMetaInformation",
        gettext_lazy("Informazioni sull'API: versione HSDS e profilo"),
        listing=False,
        item_schema="openapi.json",
    )
    def get(self, request):
        return Response(
            {
                "version": HSDS_VERSION,
                "profile": PROFILE_URL,
                "openapi_url": request.build_absolute_uri(reverse("api-schema")),
            }
        )


# --- services ----------------------------------------------------------------------------


def search_services(services, locale, text):
    """Services matching a free-text search (Wagtail's search: PostgreSQL full text)."""
    matches = ServicePage.objects.live().filter(locale=locale).search(text, operator="and")
    return services.filter(pk__in=[page.pk for page in matches])


def filter_services(services, values, locale):
    """The HSDS filters shared by /services and /service_at_locations."""
    if values.get("search"):
        services = search_services(services, locale, values["search"])
    if values.get("organization_id"):
        provider = ids.find(ProviderPage.objects.filter(locale=locale), values["organization_id"])
        if provider is None:
            return services.none()
        services = services.filter(hsds_parent_path=provider.path)
    if values.get("taxonomy_term_id"):
        found = selectors.find_term(values["taxonomy_term_id"])
        if found is None:
            return services.none()
        slug, term = found
        field = "needs" if slug == "bisogni" else "audiences"
        services = services.filter(**{field: term}).distinct()
    if values.get("taxonomy_id"):
        wanted = str(values["taxonomy_id"])
        slugs = [
            s
            for s in selectors.TAXONOMY_MODELS
            if ids.taxonomy_id(s, locale.language_code) == wanted
        ]
        if not slugs:
            return services.none()
        field = "needs" if slugs[0] == "bisogni" else "audiences"
        services = services.filter(**{f"{field}__isnull": False}).distinct()
    if values.get("modified_after"):
        moment = values["modified_after"]
        services = services.filter(
            Q(last_published_at__gte=moment)
            | Q(last_published_at__isnull=True, first_published_at__gte=moment)
        )
    return services


class ServiceListView(HSDSView):
    params_class = params.ServiceListParams

    @documented(
        "getPaginatedListOfServices",
        gettext_lazy("Servizi, a pagine"),
        params.ServiceListParams,
        "compiled/service_list.json",
    )
    def get(self, request):
        values = self.params()
        locale = self.locale(values)
        services = filter_services(selectors.live_services(locale), values, locale)
        mapper = self.mapper(locale)
        if values["minimal"]:

            def build(chunk):
                return [
                    {"id": item["id"], "last_modified": item["last_modified"]}
                    for item in (
                        mapper.service(s, with_organization=False)
                        for s in selectors.attach_providers(chunk, locale)
                    )
                ]
        else:

            def build(chunk):
                if values["full"]:
                    chunk = selectors.with_details(chunk, locale)
                return [
                    mapper.service(s, full=values["full"])
                    for s in selectors.attach_providers(chunk, locale)
                ]

        return self.page(values, services, build)


class ServiceDetailView(HSDSView):
    params_class = params.ListParams

    @documented(
        "getFullyNestedServiceById",
        gettext_lazy("Un servizio completo"),
        None,
        "compiled/service.json",
        listing=False,
        path_id=True,
    )
    def get(self, request, id):
        service = ids.find(ServicePage.objects.select_related("locale"), id)
        if service is None:
            raise NotFound(_("Nessun servizio con id %(id)s.") % {"id": id})
        locale = service.locale
        found = list(
            selectors.with_details(selectors.live_services(locale).filter(pk=service.pk), locale)
        )
        if not found:
            raise NotFound(_("Nessun servizio con id %(id)s.") % {"id": id})
        service = selectors.attach_providers(found, locale)[0]
        return Response(self.mapper(locale).service(service, full=True))


# --- organizations -----------------------------------------------------------------------


def search_providers(providers, locale, text):
    matches = ProviderPage.objects.live().filter(locale=locale).search(text, operator="and")
    return providers.filter(pk__in=[page.pk for page in matches])


class OrganizationListView(HSDSView):
    params_class = params.OrganizationParams

    @documented(
        "getPaginatedListOfOrganizations",
        gettext_lazy("Enti, a pagine"),
        params.OrganizationParams,
        "compiled/organization_list.json",
    )
    def get(self, request):
        values = self.params()
        locale = self.locale(values)
        providers = selectors.live_providers(locale)
        if values.get("search"):
            providers = search_providers(providers, locale, values["search"])
        mapper = self.mapper(locale)
        full, full_service = values["full"], values["full_service"]

        def build(chunk):
            chunk = list(chunk)
            if not (full or full_service):
                return [mapper.organization(p) for p in chunk]
            grouped = selectors.services_of(chunk, locale, full=full_service)
            return [
                mapper.organization(
                    p,
                    full=True,
                    services=[
                        mapper.service(s, full=full_service, with_organization=False)
                        for s in grouped[p.path]
                    ],
                )
                for p in chunk
            ]

        return self.page(values, providers, build)


class OrganizationDetailView(HSDSView):
    @documented(
        "getOrganizationById",
        gettext_lazy("Un ente completo, con i suoi servizi"),
        params.OrganizationDetailParams,
        "compiled/organization.json",
        listing=False,
        path_id=True,
    )
    def get(self, request, id):
        values = self.params(params.OrganizationDetailParams)
        provider = ids.find(ProviderPage.objects.select_related("locale"), id)
        found = (
            list(selectors.live_providers(provider.locale).filter(pk=provider.pk))
            if provider
            else []
        )
        if not found:
            raise NotFound(_("Nessun ente con id %(id)s.") % {"id": id})
        provider, locale = found[0], found[0].locale
        services = selectors.services_of([provider], locale, full=values["full_service"])[
            provider.path
        ]
        mapper = self.mapper(locale)
        return Response(
            mapper.organization(
                provider,
                full=True,
                services=[
                    mapper.service(s, full=values["full_service"], with_organization=False)
                    for s in services
                ],
            )
        )


# --- service at location -----------------------------------------------------------------


def build_service_at_locations(pairs, locale, mapper, *, full):
    """HSDS service_at_location objects for (service_pk, kind, location_pk) tuples."""
    service_pks = {pk for pk, _kind, _loc in pairs}
    services = selectors.live_services(locale).filter(pk__in=service_pks)
    services = {s.pk: s for s in selectors.attach_providers(services, locale)}
    point_pks = {loc for _pk, kind, loc in pairs if kind == "social_point"}
    points = {p.pk: p for p in selectors.live_social_points(locale).filter(pk__in=point_pks)}
    items = []
    for service_pk, kind, location_pk in pairs:
        service = services[service_pk]
        page = service.hsds_provider if kind == "provider" else points[location_pk]
        items.append(mapper.service_at_location(service, kind, page, full=full))
    return items


def filter_by_postcode(services, postcode, locale):
    """Services whose area covers the municipality with `postcode` (none named: all)."""
    from catalogue.models import Municipality

    towns = Municipality.objects.filter(locale=locale, postcode=postcode)
    in_district = towns.filter(in_district=True).exists()
    covered = Q(municipalities__in=towns)
    if in_district:
        covered |= Q(municipalities__isnull=True)
    return services.filter(covered).distinct()


class ServiceAtLocationListView(HSDSView):
    params_class = params.ServiceAtLocationParams

    @documented(
        "getPaginatedListOfServiceAtLocation",
        gettext_lazy("Servizi nei luoghi in cui si ricevono, a pagine"),
        params.ServiceAtLocationParams,
        "compiled/service_at_location_list.json",
    )
    def get(self, request):
        values = self.params()
        locale = self.locale(values)
        services = filter_services(selectors.live_services(locale), values, locale)
        if values.get("postcode"):
            services = filter_by_postcode(services, values["postcode"], locale)
        pairs = selectors.service_location_pairs(services, locale)
        mapper = self.mapper(locale)
        return self.page(
            values,
            pairs,
            lambda chunk: build_service_at_locations(chunk, locale, mapper, full=values["full"]),
        )


class ServiceAtLocationDetailView(HSDSView):
    @documented(
        "getServiceAtLocationWithNestedDataById",
        gettext_lazy("Un servizio in un luogo, completo"),
        None,
        "compiled/service_at_location.json",
        listing=False,
        path_id=True,
    )
    def get(self, request, id):
        for locale in Locale.objects.all():
            mapper = self.mapper(locale)
            pairs = selectors.service_location_pairs(selectors.live_services(locale), locale)
            # The id is derived from both ends: compute them from light rows, build one.
            keys = self.pair_ids(pairs, locale)
            if str(id) in keys:
                return Response(
                    build_service_at_locations([keys[str(id)]], locale, mapper, full=True)[0]
                )
        raise NotFound(_("Nessun servizio in un luogo con id %(id)s.") % {"id": id})

    def pair_ids(self, pairs, locale):
        from catalogue.hsds import ids as hsds_ids

        code = locale.language_code
        service_keys = dict(
            ServicePage.objects.filter(pk__in={p for p, _k, _l in pairs}).values_list(
                "pk", "translation_key"
            )
        )
        point_keys = dict(
            SocialPointPage.objects.filter(locale=locale).values_list("pk", "translation_key")
        )
        provider_keys = dict(
            ProviderPage.objects.filter(locale=locale).values_list("pk", "translation_key")
        )
        keys = {}
        for service_pk, kind, location_pk in pairs:
            service_id = hsds_ids.localised(service_keys[service_pk], code)
            if kind == "provider":
                location_id = hsds_ids.child_id(
                    hsds_ids.localised(provider_keys[location_pk], code), "location", "office"
                )
            else:
                location_id = hsds_ids.localised(point_keys[location_pk], code)
            keys[hsds_ids.child_id(service_id, "service_at_location", location_id)] = (
                service_pk,
                kind,
                location_pk,
            )
        return keys


# --- taxonomies --------------------------------------------------------------------------


class TaxonomyListView(HSDSView):
    params_class = params.ListParams

    @documented(
        "getPaginatedListOfTaxonomies",
        gettext_lazy("Tassonomie: bisogni e destinatari"),
        params.ListParams,
        "taxonomy.json",
    )
    def get(self, request):
        values = self.params()
        locale = self.locale(values)
        mapper = self.mapper(locale)
        taxonomies = [
            mapper.taxonomy(slug, locale.language_code) for slug in selectors.TAXONOMY_MODELS
        ]
        if values.get("search"):
            text = values["search"].lower()
            taxonomies = [
                t
                for t in taxonomies
                if text in t["name"].lower() or text in t["description"].lower()
            ]
        return self.page(values, taxonomies, list)


class TaxonomyDetailView(HSDSView):
    @documented(
        "getTaxonomyById",
        gettext_lazy("Una tassonomia"),
        None,
        "taxonomy.json",
        listing=False,
        path_id=True,
    )
    def get(self, request, id):
        for locale in Locale.objects.all():
            for slug in selectors.TAXONOMY_MODELS:
                if ids.taxonomy_id(slug, locale.language_code) == str(id):
                    return Response(self.mapper(locale).taxonomy(slug, locale.language_code))
        raise NotFound(_("Nessuna tassonomia con id %(id)s.") % {"id": id})


class TaxonomyTermListView(HSDSView):
    params_class = params.TaxonomyTermParams

    @documented(
        "getPaginatedListOfTaxonomyTerms",
        gettext_lazy("Termini delle tassonomie, a pagine"),
        params.TaxonomyTermParams,
        "taxonomy_term.json",
    )
    def get(self, request):
        values = self.params()
        locale = self.locale(values)
        slugs = None
        if values.get("taxonomy_id"):
            slugs = {
                s
                for s in selectors.TAXONOMY_MODELS
                if ids.taxonomy_id(s, locale.language_code) == str(values["taxonomy_id"])
            }
        terms = selectors.taxonomy_terms(locale, slugs)
        if values.get("parent_id"):
            terms = []  # the taxonomies are flat: no term has a parent
        if values.get("search"):
            text = values["search"].lower()
            terms = [
                (s, t)
                for s, t in terms
                if text in t.name.lower() or text in getattr(t, "description", "").lower()
            ]
        mapper = self.mapper(locale)
        return self.page(
            values, terms, lambda chunk: [mapper.taxonomy_term(s, t) for s, t in chunk]
        )


class TaxonomyTermDetailView(HSDSView):
    @documented(
        "getTaxonomyTermById",
        gettext_lazy("Un termine di tassonomia"),
        None,
        "taxonomy_term.json",
        listing=False,
        path_id=True,
    )
    def get(self, request, id):
        found = selectors.find_term(id)
        if found is None:
            raise NotFound(_("Nessun termine con id %(id)s.") % {"id": id})
        slug, term = found
        return Response(self.mapper(term.locale).taxonomy_term(slug, term, detail=True))
