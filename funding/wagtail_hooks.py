"""The funding in the Wagtail admin: «Fondi» and «Rendiconti», the «Budget» panel, and
«Welfare aziendale» (employers, plans, employees' upload)."""

from django.templatetags.static import static
from django.urls import include, path, re_path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from funding import admin_reimbursements, admin_views, welfare_admin
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
    path("fondi/<int:pk>/", admin_views.FundDetailView.as_view(), name="fund"),
    path(
        "buoni/<int:pk>/<slug:step>/",
        admin_views.AllocationStepView.as_view(),
        name="allocation-step",
    ),
    path(
        "prestazioni/<int:pk>/decidi/",
        admin_views.DecideContestView.as_view(),
        name="decide-contest",
    ),
    path("rendiconti/", admin_views.StatementIndexView.as_view(), name="statements"),
    path("rendiconti/<int:pk>/", admin_views.StatementDetailView.as_view(), name="statement"),
    re_path(
        r"^rendiconti/(?P<pk>\d+)/(?P<fmt>csv|xlsx)/$",
        admin_views.StatementExportView.as_view(),
        name="statement-export",
    ),
    path("welfare/", welfare_admin.EmployerIndexView.as_view(), name="employers"),
    path("welfare/nuovo/", welfare_admin.EmployerCreateView.as_view(), name="employer-create"),
    path("welfare/<int:pk>/", welfare_admin.EmployerDetailView.as_view(), name="employer"),
    path(
        "welfare/<int:pk>/referenti/",
        welfare_admin.HRContactAddView.as_view(),
        name="employer-contact-add",
    ),
    path(
        "welfare/<int:pk>/piani/nuovo/",
        welfare_admin.PlanCreateView.as_view(),
        name="plan-create",
    ),
    path("welfare/piani/<int:pk>/", welfare_admin.PlanDetailView.as_view(), name="plan"),
    path(
        "welfare/piani/<int:pk>/dipendenti.csv",
        welfare_admin.PlanEmployeesExportView.as_view(),
        name="plan-employees-export",
    ),
    path("welfare/piani/<int:pk>/carica/", welfare_admin.UploadView.as_view(), name="plan-upload"),
    path(
        "welfare/piani/<int:pk>/rendiconto/",
        welfare_admin.PlanStatementView.as_view(),
        name="plan-statement",
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


@hooks.register("register_admin_menu_item")
def register_welfare_menu_item():
    return RoleMenuItem(
        _("Welfare aziendale"),
        reverse("funding_admin:employers"),
        name="welfare-aziendale",
        icon_name="group",
        order=175,
        shown_to=welfare_admin.sees_welfare,
    )


@hooks.register("construct_homepage_panels")
def add_budget_panel(request, panels):
    if is_district_office(request.user) or is_operator(request.user):
        panels.append(admin_views.BudgetPanel(request.user))


@hooks.register("insert_global_admin_css")
def funding_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("funding/admin.css"))


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
        order=176,
        shown_to=admin_reimbursements.sees_reimbursements,
    )
