"""The link between a provider page and the group of people who may edit it."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderEditorGroup(models.Model):
    """The editors' group (and image/document collection) of one provider.

    Kept outside the page so that publishing an old revision of the page cannot undo it, and
    keyed on the page rather than on the group's name so that renaming the provider renames
    the group instead of creating a second one.
    """

    page = models.OneToOneField(
        "catalogue.ProviderPage",
        verbose_name=_("ente"),
        on_delete=models.CASCADE,
        related_name="editor_group",
    )
    group = models.OneToOneField(
        Group,
        verbose_name=_("gruppo"),
        on_delete=models.CASCADE,
        related_name="provider_link",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("raccolta di immagini e documenti"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("gruppo dei redattori di un ente")
        verbose_name_plural = _("gruppi dei redattori degli enti")

    def __str__(self):
        return self.group.name
