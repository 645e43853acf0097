"""The citizen's pages of the intake, served at the site root in the citizen's language."""

from django.urls import path

from intake import views

app_name = "intake"

urlpatterns = [
    path(
        "account/verifica/<uidb64>/<token>/",
        views.verify_email_view,
        name="verify-email",
    ),
]
