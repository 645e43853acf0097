"""Wagtail API v2 for a headless front end: pages, images, documents at /api/v2/.

Pages carry their related objects inline (needs by name and slug, the provider, Social
Points, cost options, opening hours) so a front end needs no second request, and the
listing prefetches them so its query count does not grow with the page size.
"""

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from catalogue.models import GuidePage, ProviderPage, ServicePage, SocialPointPage
from catalogue.rules import published_services

# --- the pages endpoint ------------------------------------------------------------------


def with_provider(queryset):
    """Annotate each service with its parent provider's id and title (one query in all)."""
    parent = Page.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    )
    return queryset.annotate(
        api_provider_id=Subquery(parent.values("pk")[:1]),
        api_provider_title=Subquery(parent.values("title")[:1]),
    )


def prefetch_for_api(queryset):
    """Everything the api_fields of the page type read, fetched once per listing."""
    model = queryset.model
    queryset = queryset.select_related("locale")
    if model is ServicePage:
        return (
            with_provider(queryset)
            .prefetch_related(
                "needs",
                "audiences",
                "municipalities",
                Prefetch("social_points", SocialPointPage.objects.select_related("locale")),
                Prefetch("partner_providers", ProviderPage.objects.select_related("locale")),
                "cost_options",
                "access_steps",
                "required_documents",
                "languages",
                "contacts",
                "attachments__document",
            )
            .select_related("conditions_document")
        )
    if model is SocialPointPage:
        return queryset.select_related("municipality").prefetch_related(
            "opening_hours",
            "closures",
            "languages",
            Prefetch("services", ServicePage.objects.live().public().select_related("locale")),
        )
    if model is ProviderPage:
        return queryset.select_related("municipality", "logo")
    if model is GuidePage:
        return queryset.prefetch_related("related_services__service__locale")
    # A page type of another app (the home page) names its own prefetches.
    return queryset.prefetch_related(*getattr(model, "api_prefetch", ()))


def query(name, description, kind=str):
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, description=description)


LISTING_PARAMETERS = [
    query(
        "fields", "Campi da includere, separati da virgola; `*` per tutti, `-campo` per escludere."
    ),
    query("limit", "Elementi per pagina (massimo 100).", int),
    query("offset", "Elementi da saltare.", int),
    query("order", "Campo di ordinamento; `-campo` per l'ordine inverso; `random`."),
    query("search", "Ricerca a testo libero."),
    query("search_operator", "`and` oppure `or`."),
]
PAGE_PARAMETERS = [
    query("type", "Tipo di pagina, ad es. `catalogue.ServicePage`."),
    query("child_of", "Solo le pagine figlie di questo id (o `root`)."),
    query("descendant_of", "Solo le pagine discendenti di questo id.", int),
    query("locale", "Codice della lingua, ad es. `it` o `en`."),
    query("translation_of", "Le traduzioni della pagina con questo id.", int),
    query("need", "Servizi per questo bisogno (slug), ad es. `anziani`."),
    query("municipality", "Servizi offerti in questo comune (slug), ad es. `tradate`."),
    query("provider", "Servizi di questo ente (id della pagina).", int),
]


BIGINT_MAX = 2**63 - 1
SEARCH_OPERATORS = ("and", "or")


def check_parameters(params):
    """Refuse, as a 400, the parameter values the database or the search backend would
    fail on: a NUL character, an integer beyond 64 bits, an offset that overflows with the
    limit, an unknown search operator, a non-numeric `id` for find."""
    for name, value in params.items():
        if "\x00" in value:
            raise BadRequestError(_("%(name)s: carattere non valido") % {"name": name})
        digits = value.removeprefix("-")
        if digits.isdigit() and int(digits) > BIGINT_MAX:
            raise BadRequestError(_("%(name)s: numero troppo grande") % {"name": name})
    if params.get("offset", "").isdigit() and int(params["offset"]) > BIGINT_MAX - 1000:
        raise BadRequestError(_("offset: numero troppo grande"))
    operator = params.get("search_operator")
    if operator is not None and operator not in SEARCH_OPERATORS:
        raise BadRequestError(_("search_operator: usa and oppure or"))
    if "id" in params and not params["id"].isdigit():
        raise BadRequestError(_("id: deve essere un numero intero positivo"))


def api_error(status, message, code):
    """Wagtail's {"message": ...} plus the API's common {"detail", "code"}."""
    return Response({"message": message, "detail": message, "code": code}, status=status)


def documented(base, name, summary, extra_parameters=()):
    """drf-spectacular cannot introspect Wagtail's API views: describe them by hand."""
    tags = ["Wagtail API v2"]

    class Documented(base):
        # Public, read-only data: no login, so a stale or wrong token is simply ignored.
        authentication_classes = []
        permission_classes = [AllowAny]

        @extend_schema(
            operation_id=f"{name}_list",
            summary=summary,
            tags=tags,
            parameters=[*LISTING_PARAMETERS, *extra_parameters],
            responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
        )
        def listing_view(self, request):
            check_parameters(request.GET)
            return super().listing_view(request)

        @extend_schema(
            operation_id=f"{name}_detail",
            summary=summary,
            tags=tags,
            parameters=[
                OpenApiParameter("id", int, OpenApiParameter.PATH),
                query("fields", "Campi da includere."),
            ],
            responses={
                200: OpenApiTypes.OBJECT,
                400: OpenApiTypes.OBJECT,
                404: OpenApiTypes.OBJECT,
            },
        )
        def detail_view(self, request, pk):
            check_parameters(request.GET)
            return super().detail_view(request, pk)

        @extend_schema(
            operation_id=f"{name}_find",
            summary=summary,
            tags=tags,
            parameters=[query("id", "Id dell'oggetto.", int), query("html_path", "Percorso.")],
            responses={302: None, 400: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
        )
        def find_view(self, request):
            check_parameters(request.GET)
            return super().find_view(request)

        def handle_exception(self, exc):
            if isinstance(exc, Http404):
                return api_error(404, str(exc) or _("Non trovato."), "not_found")
            if isinstance(exc, BadRequestError):
                return api_error(400, str(exc), "invalid")
            return super().handle_exception(exc)

    Documented.__name__ = Documented.__qualname__ = base.__name__
    return Documented


class CataloguePagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, plus filters by need, municipality and provider."""

    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["need", "municipality", "provider"]
    )

    def get_queryset(self):
        queryset = super().get_queryset()
        if queryset.model is ServicePage:
            # The services citizens can find (catalogue.rules), not those of a hidden provider.
            queryset = queryset.filter(pk__in=published_services().values("pk"))
        params = self.request.GET
        if any(params.get(name) for name in ("need", "municipality", "provider")):
            queryset = self.filter_services(queryset, params)
        return prefetch_for_api(queryset)

    def filter_services(self, queryset, params):
        """Keep the services matching need (slug), municipality (slug), provider (id)."""
        services = published_services()
        if params.get("need"):
            services = services.filter(needs__slug=params["need"])
        if params.get("municipality"):
            slug = params["municipality"]
            services = services.filter(
                Q(municipalities__slug=slug) | Q(municipalities__isnull=True)
            )
        if params.get("provider"):
            try:
                provider = ProviderPage.objects.get(pk=int(params["provider"]))
            except (ValueError, ProviderPage.DoesNotExist) as exc:
                raise BadRequestError(
                    _("provider: nessun ente con id %(id)s") % {"id": params["provider"]}
                ) from exc
            services = services.child_of(provider)
        return queryset.filter(pk__in=services.values("pk"))


class CatalogueImagesAPIViewSet(ImagesAPIViewSet):
    pass


class CatalogueDocumentsAPIViewSet(DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint(
    "pages",
    documented(CataloguePagesAPIViewSet, "pages", "Pagine del catalogo", PAGE_PARAMETERS),
)
api_router.register_endpoint("images", documented(CatalogueImagesAPIViewSet, "images", "Immagini"))
api_router.register_endpoint(
    "documents", documented(CatalogueDocumentsAPIViewSet, "documents", "Documenti")
)
