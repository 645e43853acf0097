"""The portal's root page and the district-wide settings every page shows."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from catalogue.api_fields import PageLinkField
from catalogue.discovery import home_discovery
from catalogue.structured_data import home_data


@register_setting(icon="site")
class DistrictSettings(BaseGenericSetting):
    """Who runs the portal: shown in the header, the footer and structured data."""

    district_name = models.CharField(
        _("nome del distretto"),
        max_length=120,
        default="Rete Welfare",
        help_text=_("Compare nell'intestazione di ogni pagina, ad es. «Ambito di Tradate»."),
    )
    lead_body = models.CharField(
        _("ente capofila"),
        max_length=200,
        blank=True,
        help_text=_("Compare sotto il nome, ad es. «Ufficio di Piano – Comune di Tradate»."),
    )
    address = models.CharField(_("indirizzo"), max_length=200, blank=True)
    phone = models.CharField(_("telefono"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    privacy_notice_url = models.URLField(_("informativa privacy (URL)"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("district_name"), FieldPanel("lead_body")], heading=_("Intestazione")
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("privacy_notice_url"),
            ],
            heading=_("Piè di pagina"),
        ),
    ]

    class Meta:
        verbose_name = _("impostazioni del distretto")


class HomePage(Page):
    """The site root: the way in for a citizen who arrives with a need."""

    intro = RichTextField(
        _("introduzione"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Due o tre frasi sotto il titolo della home page."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel(
            "featured_services",
            heading=_("Servizi in evidenza"),
            label=_("servizio in evidenza"),
            max_num=6,
        ),
    ]

    api_fields = [APIField("intro"), APIField("featured_services")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "catalogue.ServiceIndexPage",
        "catalogue.ProviderIndexPage",
        "catalogue.SocialPointIndexPage",
        "catalogue.GuideIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    # What the Wagtail API v2 listing prefetches for this page type (catalogue.api).
    api_prefetch = ["featured_services__service__locale"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_discovery(self))
        return context

    def structured_data(self, context, request):
        """JSON-LD: the portal as a WebSite published by the district."""
        return home_data(self, context, request)


class HomeFeaturedService(Orderable):
    """A service the editors put on the home page."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_services")
    service = models.ForeignKey(
        "catalogue.ServicePage",
        verbose_name=_("servizio"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("service")]
    api_fields = [APIField("service", serializer=PageLinkField())]

    class Meta(Orderable.Meta):
        verbose_name = _("servizio in evidenza")
