"""Citizen registrations and service requests, and their lifecycle."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = _("Richieste")

    def ready(self):
        from intake import signals  # noqa: F401  (connects the receivers once the models are ready)
