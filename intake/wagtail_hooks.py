"""Admin wiring of the intake: the «Richieste» views (intake/admin/requests.py), the
operators' «Cittadini» views (intake/admin/citizens.py), the network panel on the admin home
and the report «Andamento della rete» (intake/admin/dashboard.py)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy

from intake import second_factor
from intake.admin import citizens as admin_citizens
from intake.admin.access import AccessRecordListView
from intake.admin.dashboard import NetworkPanel, NetworkReportView
from intake.admin.requests import ServiceRequestPermissionPolicy, request_viewset
from intake.models import ServiceRequest
from intake.roles import is_district_office, is_operator, works_on_requests

register_permission_policy(ServiceRequest, ServiceRequestPermissionPolicy(ServiceRequest))


@hooks.register("register_admin_viewset")
def register_request_viewset():
    return request_viewset


@hooks.register("register_admin_urls")
def register_citizen_and_dashboard_urls():
    return [
        path(
            "cittadini/",
            include((admin_citizens.urlpatterns, admin_citizens.app_name)),
        ),
        path(
            "accessi/",
            include(([path("", AccessRecordListView.as_view(), name="list")], "intake_access")),
        ),
        path(
            "secondo-fattore/",
            include((second_factor.urlpatterns, second_factor.app_name)),
        ),
        path(
            "andamento-della-rete/",
            include(([path("", NetworkReportView.as_view(), name="report")], "intake_dashboard")),
        ),
    ]


class RoleMenuItem(MenuItem):
    """A menu item shown only to the users `shown_to(user)` admits."""

    def __init__(self, *args, shown_to, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request):
        return self.shown_to(request.user)


@hooks.register("register_admin_menu_item")
def register_citizens_menu_item():
    return RoleMenuItem(
        _("Cittadini"),
        reverse("intake_citizens:search"),
        name="cittadini",
        icon_name="group",
        order=160,
        shown_to=is_operator,
    )


@hooks.register("register_reports_menu_item")
def register_network_report_menu_item():
    return RoleMenuItem(
        _("Andamento della rete"),
        reverse("intake_dashboard:report"),
        name="andamento-della-rete",
        icon_name="table",
        order=50,
        shown_to=works_on_requests,
    )


@hooks.register("construct_homepage_panels")
def add_network_panel(request, panels):
    if works_on_requests(request.user):
        panels.append(NetworkPanel(request.user))


@hooks.register("register_reports_menu_item")
def register_access_records_menu_item():
    return RoleMenuItem(
        _("Accessi ai dati personali"),
        reverse("intake_access:list"),
        name="accessi-ai-dati",
        icon_name="view",
        order=60,
        shown_to=is_district_office,
    )


@hooks.register("register_user_listing_buttons")
def register_second_factor_reset_button(user, request_user):
    """«Azzera il secondo fattore» in a user's «More» menu of the users listing: only to
    those who may reset it, only for users who have a device."""
    if not second_factor.may_reset(request_user):
        return []
    # The hook runs once a row: the enrolled ids are read once and kept for this request.
    enrolled = getattr(request_user, "_second_factor_enrolled_ids", None)
    if enrolled is None:
        enrolled = request_user._second_factor_enrolled_ids = second_factor.enrolled_user_ids()
    if user.pk not in enrolled:
        return []
    return [
        Button(
            _("Azzera il secondo fattore"),
            reverse("second_factor:reset", args=[user.pk]),
            icon_name="key",
            priority=60,
        )
    ]
