"""Admin wiring of the translations: who wrote each one, and what is missing where.

- «Origine delle traduzioni» (snippet): editors record, per translated page and per UI
  language, whether a person wrote or reviewed it or a machine produced it unchecked.
- «Traduzioni delle pagine» (report): one row per Italian page, one column per language:
  translated (and whether reviewed), out of date since the Italian page last changed
  (wagtail-localize's sync then brings it up to date), or missing.
"""

from django.conf import settings
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_localize.models import TranslationSource

from home.models import TranslationOrigin, TranslationReview

EDITOR_ACTIONS = ["change", "publish"]
SECOND_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class TranslationReviewViewSet(SnippetViewSet):
    model = TranslationReview
    icon = "globe"
    menu_label = _("Origine delle traduzioni")
    add_to_settings_menu = True
    list_display = ["__str__", "locale", "origin", "reviewed_by", "updated_at"]
    list_filter = ["origin", "locale"]


register_snippet(TranslationReviewViewSet)


def _page_policy():
    return policy_registry.get_by_type(Page)


class TranslationStatusView(ReportView):
    """Per Italian page, the state of its translation in each language."""

    page_title = _("Traduzioni delle pagine")
    header_icon = "globe"
    index_url_name = "home_translations:status"
    index_results_url_name = "home_translations:status_results"
    any_permission_required = EDITOR_ACTIONS
    list_export = ["title", *SECOND_LANGUAGES]
    paginate_by = 100

    MISSING = _("manca")
    OUTDATED = _("da aggiornare")
    MACHINE = _("automatica, non rivista")
    REVIEWED = _("rivista")

    @cached_property
    def permission_policy(self):
        return _page_policy()

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Pagina (italiano)"),
                get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
            ),
            *[
                Column(code, label=code.upper(), accessor=self._accessor(code))
                for code in SECOND_LANGUAGES
            ],
        ]

    def _accessor(self, code):
        return lambda page: self.status(page, code)

    def get_queryset(self):
        return (
            _page_policy()
            .instances_user_has_permission_for(self.request.user, "change")
            .filter(locale__language_code=settings.LANGUAGE_CODE, depth__gt=1)
            .order_by("path")
        )

    @cached_property
    def translations(self):
        """{(translation_key, language): (page, reviewed)} for every translated page."""
        pages = Page.objects.exclude(locale__language_code=settings.LANGUAGE_CODE).filter(live=True)
        reviewed = set(
            TranslationReview.objects.filter(origin=TranslationOrigin.HUMAN).values_list(
                "page_id", flat=True
            )
        )
        return {
            (key, code): (pk, pk in reviewed)
            for pk, key, code in pages.values_list("pk", "translation_key", "locale__language_code")
        }

    @cached_property
    def sources(self):
        """When wagtail-localize last read each Italian page (translation_key -> time)."""
        return dict(
            TranslationSource.objects.filter(
                locale__language_code=settings.LANGUAGE_CODE
            ).values_list("object_id", "last_updated_at")
        )

    def status(self, page, code):
        found = self.translations.get((page.translation_key, code))
        if found is None:
            return self.MISSING
        synced = self.sources.get(page.translation_key)
        if synced and page.last_published_at and page.last_published_at > synced:
            return self.OUTDATED
        return self.REVIEWED if found[1] else self.MACHINE


class TranslationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return _page_policy().user_has_any_permission(request.user, EDITOR_ACTIONS)


@hooks.register("register_admin_urls")
def register_translation_report_urls():
    urls = [
        path("", TranslationStatusView.as_view(), name="status"),
        path("results/", TranslationStatusView.as_view(results_only=True), name="status_results"),
    ]
    return [path("reports/traduzioni/", (urls, "home_translations", "home_translations"))]


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return TranslationReportMenuItem(
        _("Traduzioni delle pagine"),
        reverse("home_translations:status"),
        name="page-translations",
        icon_name="globe",
        order=1400,
    )
