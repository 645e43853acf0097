"""Routes of the intake API, included at /api/intake/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from intake.api import views

app_name = "intake-api"

router = SimpleRouter()
router.register("requests", views.ServiceRequestViewSet, basename="request")

urlpatterns = [
    path("registration/", views.RegistrationView.as_view(), name="registration"),
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/export/", views.ProfileExportView.as_view(), name="profile-export"),
    *router.urls,
]
