"""The funding in the Wagtail admin: «Fondi» and «Rendiconti», the «Budget» panel."""

from django.urls import include, path, re_path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from funding import admin_reimbursements, admin_views
from intake.roles import is_district_office, is_operator
from intake.wagtail_hooks import RoleMenuItem

urlpatterns = [
    path("richieste/<int:pk>/buono/", admin_views.GrantView.as_view(), name="grant"),
    path("richieste/<int:pk>/preventivo/", admin_views.QuoteView.as_view(), name="quote"),
    path(
        "ordini/<int:pk>/prestazione/",
        admin_views.RecordDeliveryView.as_view(),
        name="record-delivery",
    ),
    path("fondi/", admin_views.FundIndexView.as_view(), name="funds"),
    path("fondi/nuovo/", admin_views.FundCreateView.as_view(), name="fund-create"),
    path("rendiconti/", admin_views.StatementIndexView.as_view(), name="statements"),
    path("rendiconti/<int:pk>/", admin_views.StatementDetailView.as_view(), name="statement"),
    re_path(
        r"^rendiconti/(?P<pk>\d+)/(?P<fmt>csv|xlsx)/$",
        admin_views.StatementExportView.as_view(),
        name="statement-export",
    ),
]


@hooks.register("register_admin_urls")
def register_funding_urls():
    return [path("fondi-e-buoni/", include((urlpatterns, "funding_admin")))]


@hooks.register("register_admin_menu_item")
def register_statements_menu_item():
    return RoleMenuItem(
        _("Fondi e rendiconti"),
        reverse("funding_admin:statements"),
        name="fondi-e-rendiconti",
        icon_name="table",
        order=170,
        shown_to=admin_views.sees_funding,
    )


@hooks.register("construct_homepage_panels")
def add_budget_panel(request, panels):
    if is_district_office(request.user) or is_operator(request.user):
        panels.append(admin_views.BudgetPanel(request.user))


reimbursement_urls = [
    path("", admin_reimbursements.ReimbursementIndexView.as_view(), name="index"),
    path("<int:pk>/", admin_reimbursements.ReimbursementDetailView.as_view(), name="detail"),
]


@hooks.register("register_admin_urls")
def register_reimbursement_urls():
    return [path("rimborsi-welfare/", include((reimbursement_urls, "reimbursements_admin")))]


@hooks.register("register_admin_menu_item")
def register_reimbursements_menu_item():
    return RoleMenuItem(
        _("Rimborsi welfare"),
        reverse("reimbursements_admin:index"),
        name="rimborsi-welfare",
        icon_name="doc-full",
        order=175,
        shown_to=admin_reimbursements.sees_reimbursements,
    )
