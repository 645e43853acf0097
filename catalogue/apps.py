"""Services, providers, Social Points and guides as Wagtail pages; needs and places."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("Catalogo")

    def ready(self):
        from catalogue import signals  # noqa: F401  (connects the receivers once the models are ready)
