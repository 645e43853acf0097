"""HSDS 3.0 read-only endpoints at /api/hsds/, following the specification's OpenAPI file.

Listings answer the specification's paging envelope (total_items, total_pages,
page_number, size, first_page, last_page, empty, contents), or every result without
paging as NDJSON with `format=ndjson`. A page past the end answers 200 with no contents;
per_page above the maximum is served at the maximum; a malformed parameter answers 400
with an Italian message per parameter; an unknown id answers 404.
"""

import json
import math

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Locale

from catalogue.hsds import ids, params, selectors
from catalogue.hsds.mapping import HSDS_VERSION, Mapper
from catalogue.hsds.params import fmt_lazy
from catalogue.models import ProviderPage, ServicePage

PROFILE_URL = "https://docs.openreferral.org/en/latest/hsds/"
SPEC = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
TAGS = ["Open Referral HSDS 3.0"]


class NDJSONRenderer(BaseRenderer):
    """Newline-delimited JSON: one object a line, as the specification's `format=ndjson`."""

    media_type = "application/x-ndjson"
    format = "ndjson"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        lines = data if isinstance(data, list) else [data]
        return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode()


def keep_ndjson_content_type(response):
    if "Content-Type" not in response:
        response["Content-Type"] = f"{NDJSONRenderer.media_type}; charset=utf-8"


# --- OpenAPI description -----------------------------------------------------------------


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
    item = {"type": "object", "description": f"HSDS {SPEC}{item_schema}"}
    responses = {200: _envelope_schema(item_schema) if listing else item, 400: ERROR_SCHEMA}
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


# --- the common view ---------------------------------------------------------------------


class HSDSView(APIView):
    """Public, read-only; no session, so no CSRF and nothing personal."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer, NDJSONRenderer]
    params_class = params.ListParams

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except (Http404, NotFound) as exc:
            raise ValidationError(
                {
                    "detail": _("Parametri della richiesta non validi."),
                    "errors": {"format": [_("format: sono disponibili json e ndjson.")]},
                }
            ) from exc

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            getattr(request, "accepted_renderer", None)
            and request.accepted_renderer.format == "ndjson"
        ):
            # DRF drops the Content-Type of an empty body; an empty ndjson listing keeps it.
            response.add_post_render_callback(keep_ndjson_content_type)
        return response

    def params(self, params_class=None):
        """The validated query parameters, or a 400 naming each malformed one."""
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
        return Mapper(
            request=self.request,
            district=selectors.district_municipalities(locale),
            language_code=locale.language_code,
        )

    def page(self, values, items, build):
        """The specification's paging envelope around `build(slice of items)`."""
        if self.request.accepted_renderer.format == NDJSONRenderer.format:
            return Response(build(items))
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


def not_found(message, hsds_id):
    return NotFound(message % {"id": hsds_id})


class MetaView(HSDSView):
    @documented(
        "getAPIMetaInformation",
        gettext_lazy("Informazioni sull'API: versione HSDS e profilo"),
        item_schema="openapi.json",
        listing=False,
    )
    def get(self, request):
        return Response(
            {
                "version": HSDS_VERSION,
                "profile": PROFILE_URL,
                "openapi_url": request.build_absolute_uri(reverse("api-schema") + "?format=json"),
            }
        )


# --- services ----------------------------------------------------------------------------


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
        services = selectors.filter_services(selectors.live_services(locale), values, locale)
        mapper = self.mapper(locale)

        def build(chunk):
            if values["full"] and not values["minimal"]:
                chunk = selectors.with_details(chunk, locale)
            items = [
                mapper.service(s, full=values["full"])
                for s in selectors.attach_providers(chunk, locale)
            ]
            if values["minimal"]:
                return [{"id": i["id"], "last_modified": i["last_modified"]} for i in items]
            return items

        return self.page(values, services, build)


class ServiceDetailView(HSDSView):
    @documented(
        "getFullyNestedServiceById",
        gettext_lazy("Un servizio completo"),
        item_schema="compiled/service.json",
        listing=False,
        path_id=True,
    )
    def get(self, request, id):
        service = ids.find(ServicePage.objects.select_related("locale"), id)
        locale = service.locale if service else None
        found = (
            list(
                selectors.with_details(selectors.live_services(locale), locale).filter(
                    pk=service.pk
                )
            )
            if service
            else []
        )
        if not found:
            raise not_found(_("Nessun servizio con id %(id)s."), id)
        service = selectors.attach_providers(found, locale)[0]
        return Response(self.mapper(locale).service(service, full=True))


# --- organizations -----------------------------------------------------------------------


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
            providers = selectors.search_pages(providers, ProviderPage, locale, values["search"])
        mapper = self.mapper(locale)
        full_service = values["full_service"]

        def build(chunk):
            chunk = list(chunk)
            if not (values["full"] or full_service):
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
    params_class = params.OrganizationDetailParams

    @documented(
        "getOrganizationById",
        gettext_lazy("Un ente completo, con i suoi servizi"),
        params.OrganizationDetailParams,
        "compiled/organization.json",
        listing=False,
        path_id=True,
    )
    def get(self, request, id):
        values = self.params()
        provider = ids.find(ProviderPage.objects.select_related("locale"), id)
        locale = provider.locale if provider else None
        found = list(selectors.live_providers(locale).filter(pk=provider.pk)) if provider else []
        if not found:
            raise not_found(_("Nessun ente con id %(id)s."), id)
        provider, full_service = found[0], values["full_service"]
        services = selectors.services_of([provider], locale, full=full_service)[provider.path]
        mapper = self.mapper(locale)
        return Response(
            mapper.organization(
                provider,
                full=True,
                services=[
                    mapper.service(s, full=full_service, with_organization=False) for s in services
                ],
            )
        )


# --- service at location -----------------------------------------------------------------


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
        services = selectors.filter_services(selectors.live_services(locale), values, locale)
        pairs = selectors.service_location_pairs(services, locale)
        mapper = self.mapper(locale)

        def build(chunk):
            return [
                mapper.service_at_location(service, kind, place, full=values["full"])
                for service, kind, place in selectors.services_at_locations(chunk, locale)
            ]

        return self.page(values, pairs, build)


class ServiceAtLocationDetailView(HSDSView):
    @documented(
        "getServiceAtLocationWithNestedDataById",
        gettext_lazy("Un servizio in un luogo, completo"),
        item_schema="compiled/service_at_location.json",
        listing=False,
        path_id=True,
    )
    def get(self, request, id):
        found = selectors.find_service_at_location(id)
        if found is None:
            raise not_found(_("Nessun servizio in un luogo con id %(id)s."), id)
        locale, pair = found
        [(service, kind, place)] = selectors.services_at_locations([pair], locale)
        return Response(self.mapper(locale).service_at_location(service, kind, place))


# --- taxonomies --------------------------------------------------------------------------


def matches(text, *values):
    text = text.lower()
    return any(text in (value or "").lower() for value in values)


class TaxonomyListView(HSDSView):
    @documented(
        "getPaginatedListOfTaxonomies",
        gettext_lazy("Tassonomie: bisogni, destinatari, welfare aziendale"),
        params.ListParams,
        "taxonomy.json",
    )
    def get(self, request):
        values = self.params()
        locale = self.locale(values)
        mapper = self.mapper(locale)
        taxonomies = [mapper.taxonomy(s, locale.language_code) for s in selectors.TAXONOMY_SLUGS]
        if values.get("search"):
            taxonomies = [
                t for t in taxonomies if matches(values["search"], t["name"], t["description"])
            ]
        return self.page(values, taxonomies, list)


class TaxonomyDetailView(HSDSView):
    @documented(
        "getTaxonomyById",
        gettext_lazy("Una tassonomia"),
        item_schema="taxonomy.json",
        listing=False,
        path_id=True,
    )
    def get(self, request, id):
        for locale in Locale.objects.all():
            for slug in selectors.taxonomies_with_id(id, locale):
                return Response(self.mapper(locale).taxonomy(slug, locale.language_code))
        raise not_found(_("Nessuna tassonomia con id %(id)s."), id)


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
            slugs = set(selectors.taxonomies_with_id(values["taxonomy_id"], locale))
        terms = selectors.taxonomy_terms(locale, slugs)
        if values.get("parent_id"):
            terms = []  # the taxonomies are flat: no term has a parent
        if values.get("search"):
            terms = [
                (slug, term)
                for slug, term in terms
                if matches(values["search"], term.name, getattr(term, "description", ""))
            ]
        mapper = self.mapper(locale)
        return self.page(
            values, terms, lambda chunk: [mapper.taxonomy_term(s, t) for s, t in chunk]
        )


class TaxonomyTermDetailView(HSDSView):
    @documented(
        "getTaxonomyTermById",
        gettext_lazy("Un termine di tassonomia"),
        item_schema="taxonomy_term.json",
        listing=False,
        path_id=True,
    )
    def get(self, request, id):
        found = selectors.find_term(id)
        if found is None:
            raise not_found(_("Nessun termine con id %(id)s."), id)
        slug, term = found
        return Response(self.mapper(term.locale).taxonomy_term(slug, term, detail=True))
