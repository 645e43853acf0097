"""Providers: social cooperatives and municipal offices, each with its services below it.

Services sit under their provider so that Wagtail's tree permissions give a cooperative's
group its own subtree and nothing else.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index

from catalogue.api_fields import MunicipalityField
from catalogue.choices import ProviderKind
from catalogue.models.privacy import KeptViewRestrictionsMixin
from catalogue.validators import validate_organisation_tax_code


class ProviderIndexPage(KeptViewRestrictionsMixin, Page):
    """«Enti e cooperative»: lists every provider."""

    intro = RichTextField(_("introduzione"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["catalogue.ProviderPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("elenco degli enti")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["providers"] = (
            ProviderPage.objects.child_of(self).live().public().select_related("municipality")
        )
        return context


class ProviderPage(KeptViewRestrictionsMixin, Page):
    """A social cooperative, a municipal office or another body that delivers services."""

    legal_name = models.CharField(
        _("ragione sociale"),
        max_length=200,
        help_text=_("Il nome legale completo, ad es. «Esempio Società Cooperativa Sociale Onlus»."),
    )
    kind = models.CharField(
        _("tipo di ente"),
        max_length=32,
        choices=ProviderKind.choices,
        default=ProviderKind.SOCIAL_COOPERATIVE,
    )
    tax_code = models.CharField(
        _("partita IVA o codice fiscale"),
        max_length=16,
        blank=True,
        validators=[validate_organisation_tax_code],
    )
    description = RichTextField(
        _("descrizione"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Chi siete e cosa fate, in poche righe che un cittadino capisce."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("indirizzo"), max_length=200, blank=True)
    postcode = models.CharField(_("CAP"), max_length=5, blank=True)
    municipality = models.ForeignKey(
        "catalogue.Municipality",
        verbose_name=_("comune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="providers",
    )
    phone = models.CharField(_("telefono"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("sito web"), blank=True)
    accredited_home_care = models.BooleanField(
        _("accreditato per il Bando per la domiciliarità"),
        default=False,
        help_text=_("I cittadini possono usare il voucher comunale per i servizi accreditati."),
    )
    accreditation_expires = models.DateField(
        _("scadenza dell'accreditamento"), null=True, blank=True
    )
    start_within_days = models.PositiveSmallIntegerField(
        _("tempi di attivazione (giorni)"),
        null=True,
        blank=True,
        help_text=_(
            "Di solito, quanti giorni passano dall'accettazione del preventivo al primo "
            "intervento. Facoltativo: i cittadini lo vedono quando scelgono tra gli enti."
        ),
    )
    request_email = models.EmailField(
        _("email per le richieste"),
        blank=True,
        help_text=_("Riceve l'avviso quando una richiesta viene assegnata a questo ente."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("legal_name"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("logo"),
        FieldPanel("start_within_days"),
    ]
    contact_panels = [
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("municipality")]),
            ],
            heading=_("Sede"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("request_email"),
            ],
            heading=_("Contatti"),
        ),
    ]
    administrative_panels = [
        FieldPanel("tax_code"),
        MultiFieldPanel(
            [FieldPanel("accredited_home_care"), FieldPanel("accreditation_expires")],
            heading=_("Accreditamento"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Ente")),
            ObjectList(contact_panels, heading=_("Sede e contatti")),
            ObjectList(administrative_panels, heading=_("Dati amministrativi")),
            ObjectList(Page.promote_panels, heading=_("Promozione")),
            ObjectList(Page.settings_panels, heading=_("Impostazioni")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("legal_name"),
        index.SearchField("description"),
        index.AutocompleteField("legal_name"),
        index.FilterField("kind"),
    ]

    api_fields = [
        APIField("legal_name"),
        APIField("kind"),
        APIField("tax_code"),
        APIField("description"),
        APIField("logo"),
        APIField("logo_rendition", serializer=ImageRenditionField("max-400x200", source="logo")),
        APIField("address"),
        APIField("postcode"),
        APIField("municipality", serializer=MunicipalityField()),
        APIField("phone"),
        APIField("email"),
        APIField("website"),
        APIField("accredited_home_care"),
        APIField("accreditation_expires"),
        APIField("start_within_days"),
    ]

    parent_page_types = ["catalogue.ProviderIndexPage"]
    subpage_types = ["catalogue.ServicePage"]

    class Meta:
        verbose_name = _("ente")
        verbose_name_plural = _("enti")

    def clean(self):
        super().clean()
        if self.tax_code:
            self.tax_code = self.tax_code.replace(" ", "").upper()
        if self.accreditation_expires and not self.accredited_home_care:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {
                    "accreditation_expires": _(
                        "Hai indicato una scadenza ma l'ente non è segnato come accreditato: "
                        "spunta «accreditato» o togli la data."
                    )
                }
            )

    def get_context(self, request, *args, **kwargs):
        # Here, not at the top: services.py imports this module (a page and its parent).
        from catalogue.models.services import ServicePage

        context = super().get_context(request, *args, **kwargs)
        context["services"] = (
            ServicePage.objects.child_of(self)
            .live()
            .public()
            .prefetch_related("needs", "cost_options")
            .order_by("title")
        )
        return context
