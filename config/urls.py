"""URL wiring: health probes, APIs, admin, then the Wagtail page tree per language."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from catalogue import views as catalogue_views
from catalogue.api import api_router
from home import errors
from home import views as home_views
from home.sitemaps import TranslatedSitemap

urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    path("readyz", home_views.readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/hsds/", include("catalogue.hsds.urls")),
    path("api/intake/", include("intake.api.urls")),
    path("api/funding/", include("funding.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
    path("robots.txt", catalogue_views.robots_txt, name="robots-txt"),
    path("valutazione/<int:page_id>/", catalogue_views.page_feedback, name="page-feedback"),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.ERROR_PROBE:
    # Only when ERROR_PROBE is on (the production smoke run): a server error on demand,
    # to check the 500 page under production settings.
    urlpatterns.append(path("__error_probe__/", home_views.error_probe))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The citizen's pages in their language: Italian unprefixed, the others under /en/, /ar/...
urlpatterns += i18n_patterns(
    path("", include("intake.urls")),
    path("", include("funding.urls")),
    path("cerca/", catalogue_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
