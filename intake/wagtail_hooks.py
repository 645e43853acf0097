"""Admin wiring of the intake: the «Richieste» menu and its views (intake/viewsets.py)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from intake.models import ServiceRequest
from intake.viewsets import ServiceRequestPermissionPolicy, request_viewset

register_permission_policy(ServiceRequest, ServiceRequestPermissionPolicy(ServiceRequest))


@hooks.register("register_admin_viewset")
def register_request_viewset():
    return request_viewset
