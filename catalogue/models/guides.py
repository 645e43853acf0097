"""Guides: how-tos for citizens (how to register, how the voucher works...)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from catalogue.api_fields import PageLinkField
from catalogue.blocks import GuideBodyBlock
from catalogue.models.privacy import KeptViewRestrictionsMixin


class GuideIndexPage(KeptViewRestrictionsMixin, Page):
    """«Guide»: lists every guide, newest first."""

    intro = RichTextField(_("introduzione"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["catalogue.GuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("elenco delle guide")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = (
            GuidePage.objects.child_of(self).live().public().order_by("-first_published_at")
        )
        return context


class GuidePage(KeptViewRestrictionsMixin, Page):
    """A how-to for citizens, written as a free-form body of blocks."""

    summary = models.CharField(
        _("descrizione breve"),
        max_length=300,
        help_text=_("Una frase: compare negli elenchi e nei motori di ricerca."),
    )
    body = StreamField(GuideBodyBlock(), verbose_name=_("testo"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("related_services", heading=_("Servizi collegati"), label=_("servizio")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
    ]

    api_fields = [APIField("summary"), APIField("body"), APIField("related_services")]

    parent_page_types = ["catalogue.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guida")
        verbose_name_plural = _("guide")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = [
            link.service
            for link in self.related_services.select_related("service")
            if link.service.live
        ]
        return context

    @property
    def meta_description(self):
        """What search engines show: the editor's SEO text, else the summary."""
        return self.search_description or self.summary


class GuideRelatedService(Orderable):
    """A service the guide points to."""

    page = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="related_services")
    service = models.ForeignKey(
        "catalogue.ServicePage",
        verbose_name=_("servizio"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("service")]
    api_fields = [APIField("service", serializer=PageLinkField())]

    class Meta(Orderable.Meta):
        verbose_name = _("servizio collegato")
