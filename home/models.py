"""The portal's root page and the district-wide settings every page shows."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page
from wagtail.url_routing import RouteResult

from catalogue.api_fields import PageLinkField
from catalogue.content_cache import until_next_publication
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

    def route(self, request, path_components):
        """Find a page below in one query by its URL path, not one query per level.

        No page of the portal routes its own sub-paths, so the path names a page or nothing.
        A page without a translation in the visitor's language is served in Italian at the
        same address (`/ar/servizi/...`), the interface staying in their language:
        translations keep the Italian slugs, so the Italian tree answers the same path.
        """
        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        page = Page.objects.descendant_of(self).filter(url_path=url_path, live=True).first()
        if page is not None:
            return RouteResult(page.specific)
        source = self.get_translation_or_none(Locale.get_default())
        if source is None or source.pk == self.pk:
            raise Http404
        return source.specific.route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False) or not self.pk:
            context.update(home_discovery(self))
        else:
            key = f"home-discovery:{self.pk}"
            context.update(until_next_publication(key, lambda: home_discovery(self)))
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


class TranslationOrigin(models.TextChoices):
    """Who wrote a translation: a person, or a machine nobody has checked yet."""

    HUMAN = "human", _("scritta o rivista da una persona")
    MACHINE = "machine", _("traduzione automatica non ancora rivista")


class TranslationReview(models.Model):
    """The origin of one translation: a translated page, or (without a page) a UI language.

    A translated page with no row counts as not reviewed: the visitor is told so until an
    editor records that a person wrote or checked it.
    """

    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("lingua"), on_delete=models.CASCADE, related_name="+"
    )
    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("pagina tradotta"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="translation_review",
        help_text=_("Vuoto: l'interfaccia del portale (menu, moduli, email) in questa lingua."),
    )
    origin = models.CharField(
        _("origine"),
        max_length=16,
        choices=TranslationOrigin.choices,
        default=TranslationOrigin.MACHINE,
    )
    reviewed_by = models.CharField(_("rivista da"), max_length=120, blank=True)
    updated_at = models.DateTimeField(_("aggiornata il"), auto_now=True)

    panels = [
        FieldPanel("locale"),
        FieldPanel("page"),
        FieldPanel("origin"),
        FieldPanel("reviewed_by"),
    ]

    class Meta:
        verbose_name = _("origine di una traduzione")
        verbose_name_plural = _("origine delle traduzioni")
        constraints = [
            models.UniqueConstraint(
                fields=["locale"],
                condition=models.Q(page__isnull=True),
                name="one_interface_review_per_locale",
            )
        ]

    def __str__(self):
        what = self.page.title if self.page_id else _("interfaccia")
        return f"{what} ({self.locale.language_code}): {self.get_origin_display()}"

    @property
    def is_reviewed(self):
        return self.origin == TranslationOrigin.HUMAN
