"""The portal's root page and the district-wide settings every page shows."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField

from catalogue.api_fields import PageLinkField
from catalogue.content_cache import until_next_publication
from catalogue.discovery import home_discovery
from catalogue.models.privacy import KeptViewRestrictionsMixin
from catalogue.structured_data import home_data


def _first(queryset):
    """The first row of an unordered queryset, or None (`first()` would order it)."""
    return next(iter(queryset[:1]), None)


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

    @classmethod
    def _get_or_create(cls):
        """The one row, kept until the next publication (saving it bumps it): every page
        shows it, so it would be read on every request. Wagtail's `load` calls this."""
        return until_next_publication("district-settings", super()._get_or_create)


class HomePage(KeptViewRestrictionsMixin, Page):
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
        "home.LegalPage",
        "home.AccessibilityStatementPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    # What the Wagtail API v2 listing prefetches for this page type (catalogue.api).
    api_prefetch = ["featured_services__service__locale"]

    @property
    def localized(self):
        """This home page in the visitor's language (or itself), kept until the next
        publication: routing starts from it on every request, and the menu, the trail and
        the footer ask for it too."""
        if not self.pk:
            return super().localized
        return until_next_publication(
            f"home-localized:{self.pk}:{get_language()}", lambda: Page.localized.fget(self)
        )

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
        page = self._live_page_at(url_path)
        if page is not None:
            return RouteResult(page)
        source = self.get_translation_or_none(Locale.get_default())
        if source is None or source.pk == self.pk:
            raise Http404
        return source.specific.route(request, path_components)

    def _live_page_at(self, url_path):
        """The live page at `url_path` below this one, specific, in one query once its
        type is known (kept until the next publication: a move, a new slug, a page
        published or unpublished bumps it); two queries the first time, or if the kept
        type no longer finds it. An address with no page is not kept."""
        # Below this page; one page at most (siblings' slugs are unique), so unordered.
        at = {
            "path__startswith": self.path,
            "depth__gt": self.depth,
            "url_path": url_path,
            "live": True,
        }
        key = f"route-type:{self.pk}:{url_path}"
        types = Page.objects.filter(**at).order_by().values_list("content_type_id", flat=True)
        content_type_id = until_next_publication(key, lambda: _first(types), keep_none=False)
        if content_type_id is None:
            return None
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            page = _first(model.objects.filter(**at).order_by())
            if page is not None:
                return page
        page = _first(Page.objects.filter(**at).order_by())
        return page.specific if page is not None else None

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


class LegalPage(KeptViewRestrictionsMixin, Page):
    """A legal text the footer links to: privacy notice, legal notes, cookie notice.

    The privacy notice carries a version: the one citizens consent to at registration
    (``PRIVACY_NOTICE_VERSION``); publishing a new one asks returning citizens to read it.
    """

    class Kind(models.TextChoices):
        PRIVACY = "privacy", _("Informativa sulla privacy")
        LEGAL_NOTES = "legal_notes", _("Note legali")
        COOKIES = "cookies", _("Informativa sui cookie")

    # One page of each kind per language: its translations share the kind.
    kind = models.CharField(_("tipo"), max_length=20, choices=Kind.choices)
    version = models.CharField(
        _("versione"),
        max_length=20,
        blank=True,
        help_text=_(
            "Per l'informativa privacy: la versione a cui i cittadini danno il consenso "
            "(deve coincidere con PRIVACY_NOTICE_VERSION)."
        ),
    )
    updated_on = models.DateField(_("aggiornata il"), null=True, blank=True)
    body = RichTextField(_("testo"))

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        MultiFieldPanel([FieldPanel("version"), FieldPanel("updated_on")], heading=_("Versione")),
        FieldPanel("body"),
    ]

    api_fields = [APIField("kind"), APIField("version"), APIField("updated_on"), APIField("body")]

    # A translation keeps the Italian notice's version (what citizens consent to), not text.
    override_translatable_fields = [SynchronizedField("version")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("pagina legale")

    def clean(self):
        super().clean()
        same_kind = LegalPage.objects.filter(kind=self.kind, locale_id=self.locale_id)
        if self.pk:
            same_kind = same_kind.exclude(pk=self.pk)
        if same_kind.exists():
            raise ValidationError(
                {"kind": _("C'è già una pagina di questo tipo in questa lingua: modifica quella.")}
            )


class AccessibilityStatementPage(KeptViewRestrictionsMixin, Page):
    """The accessibility statement, with the fields of AgID's model statement (Linee guida
    sull'accessibilità degli strumenti informatici, allegato 1)."""

    class Compliance(models.TextChoices):
        COMPLIANT = "compliant", _("conforme")
        PARTIAL = "partial", _("parzialmente conforme")
        NOT_COMPLIANT = "not_compliant", _("non conforme")

    administration = models.CharField(_("amministrazione"), max_length=200)
    website_url = models.CharField(
        _("sito web"), max_length=200, help_text=_("Indirizzo del sito.")
    )
    compliance = models.CharField(
        _("stato di conformità"), max_length=20, choices=Compliance.choices
    )
    non_accessible_content = RichTextField(
        _("contenuti non accessibili"),
        blank=True,
        help_text=_("Inosservanza della legge 4/2004, onere sproporzionato, contenuti esclusi."),
    )
    statement_date = models.DateField(_("data di redazione"))
    review_date = models.DateField(_("data dell'ultimo riesame"), null=True, blank=True)
    assessment_method = models.CharField(
        _("metodo di valutazione"),
        max_length=200,
        help_text=_("Ad esempio: autovalutazione, valutazione di terzi."),
    )
    feedback_url = models.CharField(
        _("meccanismo di feedback"),
        max_length=300,
        help_text=_("Dove segnalare un problema di accessibilità (modulo o indirizzo mailto:)."),
    )
    feedback_email = models.EmailField(_("email per le segnalazioni"), blank=True)
    enforcement_url = models.URLField(
        _("procedura di attuazione"),
        default="https://form.agid.gov.it/",
        help_text=_("Il modulo di AgID a cui rivolgersi se la risposta non soddisfa."),
    )
    accessibility_officer = models.CharField(
        _("responsabile dell'accessibilità"), max_length=200, blank=True
    )
    body = RichTextField(_("informazioni aggiuntive"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("administration"), FieldPanel("website_url"), FieldPanel("compliance")],
            heading=_("Stato di conformità"),
        ),
        FieldPanel("non_accessible_content"),
        MultiFieldPanel(
            [
                FieldPanel("statement_date"),
                FieldPanel("review_date"),
                FieldPanel("assessment_method"),
            ],
            heading=_("Redazione della dichiarazione"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("feedback_url"),
                FieldPanel("feedback_email"),
                FieldPanel("enforcement_url"),
                FieldPanel("accessibility_officer"),
            ],
            heading=_("Feedback e recapiti"),
        ),
        FieldPanel("body"),
    ]

    # Addresses, not text: a translation keeps the Italian page's.
    override_translatable_fields = [
        SynchronizedField("website_url"),
        SynchronizedField("feedback_url"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("dichiarazione di accessibilità")
