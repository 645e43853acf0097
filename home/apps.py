"""The site root and what every page shares: home page, district settings, health checks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Sito")

    def ready(self):
        from home import signals

        signals.connect()
