"""The portal's root page and the district-wide settings every page shows."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page


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

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
