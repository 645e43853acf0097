"""Admin wiring of the catalogue: the «Valutazioni delle pagine» reports under «Rapporti».

Editors read what citizens answered to «Quanto sono utili le informazioni in questa
pagina?»: per page, how many answers and the average rating, then the answers themselves.
An editor sees the pages they may edit (a cooperative its own, the district every page).
"""

from django.db.models import Avg, Count, Max
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from catalogue.models import PageFeedback

EDITOR_ACTIONS = ["change", "publish"]


def _page_policy():
    return policy_registry.get_by_type(Page)


def editable_pages(user):
    """The pages whose feedback `user` may read: those they may edit."""
    return _page_policy().instances_user_has_permission_for(user, "change")


class FeedbackSummaryView(ReportView):
    """One row per page with answers: how many, the average rating, the latest date."""

    page_title = _("Valutazioni delle pagine")
    header_icon = "pick"
    index_url_name = "catalogue_feedback:summary"
    index_results_url_name = "catalogue_feedback:summary_results"
    any_permission_required = EDITOR_ACTIONS
    no_results_message = _("Nessun cittadino ha ancora valutato le pagine.")
    list_export = ["title", "feedback_count", "feedback_average", "feedback_latest"]
    export_headings = {
        "title": _("Pagina"),
        "feedback_count": _("Risposte"),
        "feedback_average": _("Voto medio (1–5)"),
        "feedback_latest": _("Ultima risposta"),
    }

    @cached_property
    def permission_policy(self):
        return _page_policy()

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Pagina"),
                get_url=lambda page: reverse("catalogue_feedback:answers", args=[page.pk]),
            ),
            NumberColumn("feedback_count", label=_("Risposte")),
            Column(
                "feedback_average",
                label=_("Voto medio (1–5)"),
                accessor=lambda page: number_format(page.feedback_average, 1),
            ),
            DateColumn("feedback_latest", label=_("Ultima risposta")),
        ]

    def get_queryset(self):
        return (
            editable_pages(self.request.user)
            .filter(feedback__isnull=False)
            .annotate(
                feedback_count=Count("feedback"),
                feedback_average=Avg("feedback__rating"),
                feedback_latest=Max("feedback__created_at"),
            )
            .order_by("feedback_average", "-feedback_count", "title")
        )


class FeedbackAnswersView(ReportView):
    """Every answer about one page, newest first."""

    header_icon = "pick"
    index_url_name = "catalogue_feedback:answers"
    index_results_url_name = "catalogue_feedback:answers_results"
    any_permission_required = EDITOR_ACTIONS
    no_results_message = _("Nessuna risposta per questa pagina.")
    list_export = ["created_at", "rating", "get_reason_display", "comment"]
    export_headings = {
        "created_at": _("Data"),
        "rating": _("Voto (1–5)"),
        "get_reason_display": _("Motivo"),
        "comment": _("Commento"),
    }
    columns = [
        DateColumn("created_at", label=_("Data")),
        NumberColumn("rating", label=_("Voto (1–5)")),
        Column("reason", label=_("Motivo"), accessor="get_reason_display"),
        Column("comment", label=_("Commento")),
    ]

    @cached_property
    def permission_policy(self):
        return _page_policy()

    @cached_property
    def feedback_page(self):
        return get_object_or_404(editable_pages(self.request.user), pk=self.kwargs["page_id"])

    @property
    def page_title(self):
        return _("Valutazioni: %(title)s") % {"title": self.feedback_page.title}

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.feedback_page.pk])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.feedback_page.pk])

    def get_queryset(self):
        return PageFeedback.objects.filter(page=self.feedback_page).order_by("-created_at")


class FeedbackReportMenuItem(MenuItem):
    def is_shown(self, request):
        return _page_policy().user_has_any_permission(request.user, EDITOR_ACTIONS)


@hooks.register("register_admin_urls")
def register_feedback_report_urls():
    urls = [
        path("", FeedbackSummaryView.as_view(), name="summary"),
        path("results/", FeedbackSummaryView.as_view(results_only=True), name="summary_results"),
        path("<int:page_id>/", FeedbackAnswersView.as_view(), name="answers"),
        path(
            "<int:page_id>/results/",
            FeedbackAnswersView.as_view(results_only=True),
            name="answers_results",
        ),
    ]
    return [path("reports/valutazioni/", (urls, "catalogue_feedback", "catalogue_feedback"))]


@hooks.register("register_reports_menu_item")
def register_feedback_report_menu_item():
    return FeedbackReportMenuItem(
        _("Valutazioni delle pagine"),
        reverse("catalogue_feedback:summary"),
        name="page-feedback",
        icon_name="pick",
        order=1300,
    )
