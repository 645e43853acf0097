"""Services: the Designers Italia service card as structured fields.

Sections, their Italian titles and their order on the page follow the national
conformance check for municipal service cards (criterion C.SI.1.3).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from catalogue.api_fields import (
    DeliveryModesField,
    MunicipalityListField,
    PageLinkListField,
    ServiceProviderField,
    TermListField,
)
from catalogue.choices import (
    COST_KINDS_WITH_AMOUNT,
    LANGUAGE_CHOICES,
    Art51Category,
    CostKind,
    DeliveryMode,
    Funding,
)
from catalogue.content_cache import until_next_publication
from catalogue.fields import ChoiceListField
from catalogue.models.privacy import KeptViewRestrictionsMixin
from catalogue.rules import is_free

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ServiceIndexPage(KeptViewRestrictionsMixin, Page):
    """«Servizi»: the catalogue of every live service of the site."""

    intro = RichTextField(_("introduzione"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("catalogo dei servizi")

    def get_context(self, request, *args, **kwargs):
        # Here, not at the top: discovery imports the models (get_context is a view).
        from catalogue.discovery import discover_services

        context = super().get_context(request, *args, **kwargs)
        # Terms in the page's language: an Italian page standing in for a missing
        # translation lists Italian needs, as its content is marked Italian.
        with translation.override(self.locale.language_code):
            context.update(discover_services(request.GET, root=self.get_parent()))
        return context


class ServicePage(KeptViewRestrictionsMixin, Page):
    """A service a provider delivers, as a citizen needs to read it to decide."""

    # Status
    is_active = models.BooleanField(
        _("servizio attivo"),
        default=True,
        help_text=_("Togli la spunta se il servizio è sospeso: la pagina resta, con il motivo."),
    )
    inactive_reason = models.CharField(
        _("motivo della sospensione"),
        max_length=250,
        blank=True,
        help_text=_("Il cittadino lo legge in cima alla pagina, ad es. «Riapre a settembre»."),
    )
    # Summary and topics
    summary = models.CharField(
        _("descrizione breve"),
        max_length=300,
        help_text=_(
            "Una o due frasi: compaiono sotto il titolo, negli elenchi e nei motori di ricerca."
        ),
    )
    lay_terms = models.TextField(
        _("parole usate dai cittadini"),
        blank=True,
        help_text=_(
            "Come chi cerca aiuto descrive il bisogno, una parola o frase per riga o separate "
            "da virgole: malattie, condizioni, momenti della vita, errori di battitura comuni, "
            "parole di chi viene dall'estero. Servono alla ricerca, non compaiono sul sito."
        ),
    )
    needs = ParentalManyToManyField(
        "catalogue.Need",
        verbose_name=_("bisogni"),
        blank=True,
        related_name="services",
        help_text=_("I bisogni a cui risponde: il cittadino trova il servizio partendo da qui."),
    )
    audiences = ParentalManyToManyField(
        "catalogue.Audience",
        verbose_name=_("destinatari"),
        blank=True,
        related_name="services",
    )
    # A chi è rivolto: eligibility as data
    min_age = models.PositiveSmallIntegerField(
        _("età minima"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("età massima"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    residence_required = models.BooleanField(
        _("riservato ai residenti del distretto"), default=False
    )
    isee_max = models.DecimalField(
        _("soglia ISEE (EUR)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("ISEE massimo per accedere. Lascia vuoto se non c'è soglia."),
    )
    eligibility_notes = RichTextField(
        _("altri requisiti"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("Quello che età, residenza e ISEE non dicono, ad es. «invalidità civile»."),
    )
    # Descrizione, Come fare, Cosa si ottiene, Tempi e scadenze
    description = RichTextField(_("descrizione"), blank=True, features=TEXT_FEATURES)
    how_to_access = RichTextField(
        _("come fare: note"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("Compare sotto i passi numerati di «Come fare»."),
    )
    outcome = RichTextField(
        _("cosa si ottiene"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_(
            "Cosa riceve concretamente il cittadino, ad es. «6 ore di assistenza a settimana»."
        ),
    )
    timing = RichTextField(
        _("tempi e scadenze"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("Entro quanto si riceve risposta, quando si attiva, scadenze delle domande."),
    )
    # Quanto costa
    cost_notes = RichTextField(_("note sui costi"), blank=True, features=TEXT_FEATURES)
    funding = models.CharField(
        _("finanziamento"),
        max_length=16,
        choices=Funding.choices,
        default=Funding.PUBLIC,
    )
    voucher_accepted = models.BooleanField(
        _("accetta il voucher comunale"),
        default=False,
        help_text=_("Il cittadino può pagare il servizio con il voucher del Comune."),
    )
    art51_categories = ChoiceListField(
        _("pagabile con il welfare aziendale"),
        choices_class=Art51Category,
        help_text=_(
            "Le categorie dell'art. 51 del TUIR per cui il servizio si può pagare con il "
            "credito welfare di un'azienda. Nessuna: non si paga con il welfare aziendale."
        ),
    )
    # Accedi al servizio: delivery and channels
    delivered_at_home = models.BooleanField(_("a domicilio"), default=False)
    delivered_at_provider = models.BooleanField(_("presso l'ente"), default=False)
    delivered_at_social_point = models.BooleanField(_("presso un Social Point"), default=False)
    delivered_remotely = models.BooleanField(_("a distanza"), default=False)
    municipalities = ParentalManyToManyField(
        "catalogue.Municipality",
        verbose_name=_("comuni serviti"),
        blank=True,
        related_name="services",
        help_text=_("Nessun comune scelto vuol dire: tutti i comuni del distretto."),
    )
    social_points = ParentalManyToManyField(
        "catalogue.SocialPointPage",
        verbose_name=_("Social Point che aiutano con la richiesta"),
        blank=True,
        related_name="services",
    )
    partner_providers = ParentalManyToManyField(
        "catalogue.ProviderPage",
        verbose_name=_("altri enti che erogano il servizio"),
        blank=True,
        related_name="partner_services",
        help_text=_(
            "Per i servizi accreditati: gli enti tra cui il cittadino può scegliere, oltre a "
            "quello che pubblica la pagina."
        ),
    )
    # Condizioni di servizio
    conditions_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("condizioni di servizio (documento)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    conditions_notes = RichTextField(
        _("condizioni di servizio: note"), blank=True, features=TEXT_FEATURES
    )
    last_reviewed = models.DateField(
        _("data dell'ultima revisione"),
        null=True,
        blank=True,
        help_text=_(
            "Compare come «Pagina aggiornata il». Aggiornala quando verifichi i contenuti."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("lay_terms"),
        MultiFieldPanel(
            [FieldPanel("is_active"), FieldPanel("inactive_reason")],
            heading=_("Stato del servizio"),
        ),
        FieldPanel("needs", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
    ]
    audience_panels = [
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")], heading=_("Età")),
        FieldPanel("residence_required"),
        FieldPanel("isee_max"),
        FieldPanel("eligibility_notes"),
    ]
    access_panels = [
        InlinePanel("access_steps", heading=_("Come fare: passi"), label=_("passo")),
        FieldPanel("how_to_access"),
        InlinePanel("required_documents", heading=_("Cosa serve: documenti"), label=_("documento")),
        FieldPanel("outcome"),
        FieldPanel("timing"),
    ]
    cost_panels = [
        InlinePanel("cost_options", heading=_("Opzioni di costo"), label=_("opzione di costo")),
        FieldPanel("cost_notes"),
        FieldPanel("funding"),
        FieldPanel("voucher_accepted"),
        FieldPanel("art51_categories"),
    ]
    delivery_panels = [
        MultiFieldPanel(
            [
                FieldPanel("delivered_at_home"),
                FieldPanel("delivered_at_provider"),
                FieldPanel("delivered_at_social_point"),
                FieldPanel("delivered_remotely"),
            ],
            heading=_("Modalità di erogazione"),
        ),
        FieldPanel("municipalities", widget=forms.CheckboxSelectMultiple),
        FieldPanel("social_points", widget=forms.CheckboxSelectMultiple),
        FieldPanel("partner_providers", widget=forms.CheckboxSelectMultiple),
        InlinePanel("languages", heading=_("Lingue"), label=_("lingua")),
    ]
    contact_panels = [
        InlinePanel("contacts", heading=_("Contatti"), label=_("contatto")),
        InlinePanel("attachments", heading=_("Documenti"), label=_("documento")),
        FieldPanel("conditions_document"),
        FieldPanel("conditions_notes"),
        FieldPanel("last_reviewed"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Servizio")),
            ObjectList(audience_panels, heading=_("A chi è rivolto")),
            ObjectList(access_panels, heading=_("Come fare")),
            ObjectList(cost_panels, heading=_("Costi")),
            ObjectList(delivery_panels, heading=_("Erogazione")),
            ObjectList(contact_panels, heading=_("Contatti e documenti")),
            ObjectList(Page.promote_panels, heading=_("Promozione")),
            ObjectList(Page.settings_panels, heading=_("Impostazioni")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("lay_terms", boost=2),
        index.SearchField("description"),
        index.SearchField("outcome"),
        index.AutocompleteField("summary"),
        index.RelatedFields(
            "needs", [index.SearchField("name", boost=2), index.SearchField("lay_terms")]
        ),
        index.RelatedFields(
            "audiences", [index.SearchField("name"), index.SearchField("lay_terms")]
        ),
        index.FilterField("is_active"),
        index.FilterField("funding"),
        index.FilterField("voucher_accepted"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("is_active"),
        APIField("inactive_reason"),
        APIField("provider", serializer=ServiceProviderField()),
        APIField("partner_providers", serializer=PageLinkListField()),
        APIField("needs", serializer=TermListField()),
        APIField("audiences", serializer=TermListField()),
        APIField("min_age"),
        APIField("max_age"),
        APIField("residence_required"),
        APIField("isee_max"),
        APIField("eligibility_notes"),
        APIField("description"),
        APIField("access_steps"),
        APIField("how_to_access"),
        APIField("required_documents"),
        APIField("outcome"),
        APIField("timing"),
        APIField("cost_options"),
        APIField("cost_notes"),
        APIField("funding"),
        APIField("voucher_accepted"),
        APIField("art51_categories"),
        APIField("delivery_modes", serializer=DeliveryModesField()),
        APIField("municipalities", serializer=MunicipalityListField()),
        APIField("social_points", serializer=PageLinkListField()),
        APIField("languages"),
        APIField("contacts"),
        APIField("attachments"),
        APIField("conditions_document"),
        APIField("conditions_notes"),
        APIField("last_reviewed"),
    ]

    parent_page_types = ["catalogue.ProviderPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("servizio")
        verbose_name_plural = _("servizi")

    def clean(self):
        super().clean()
        errors = {}
        if self.min_age is not None and self.max_age is not None and self.max_age < self.min_age:
            errors["max_age"] = _(
                "L'età massima (%(max)s) è minore dell'età minima (%(min)s): "
                "correggi una delle due."
            ) % {"max": self.max_age, "min": self.min_age}
        if not self.is_active and not self.inactive_reason.strip():
            errors["inactive_reason"] = _(
                "Scrivi perché il servizio non è attivo: il cittadino lo legge in cima alla pagina."
            )
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        # Here, not at the top: the selectors import the models (get_context is a view).
        from catalogue.selectors import service_page_details, service_sections

        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False) or not self.pk:
            details = service_page_details(self)  # a draft: as it stands
        else:
            published = self.last_published_at.timestamp() if self.last_published_at else 0
            key = f"service-card:{self.pk}:{published}"
            details = until_next_publication(key, lambda: service_page_details(self))
        context.update(details, sections=service_sections(details["section_anchors"]))
        return context

    @property
    def meta_description(self):
        """What search engines show: the editor's SEO text, else the summary."""
        return self.search_description or self.summary

    @property
    def provider(self):
        """The ProviderPage this service sits under (None if moved elsewhere): the one
        definition of a service's provider (catalogue/rules.py)."""
        # Here, not at the top: providers.py and this module need each other.
        from catalogue.models.providers import ProviderPage

        # One query for the specific parent (get_parent().specific takes two), kept on the
        # instance for as long as the page stays where it is.
        parent_path = self.path[: -self.steplen] if self.path else ""
        kept = self.__dict__.get("_provider_at")
        if kept is None or kept[0] != parent_path:
            parents = ProviderPage.objects.filter(path=parent_path)
            provider = parents.first() if parent_path else None
            kept = self.__dict__["_provider_at"] = (parent_path, provider)
        return kept[1]

    @property
    def delivery_modes(self):
        """The delivery modes as DeliveryMode members, in a fixed order."""
        flags = {
            DeliveryMode.AT_HOME: self.delivered_at_home,
            DeliveryMode.AT_PROVIDER: self.delivered_at_provider,
            DeliveryMode.AT_SOCIAL_POINT: self.delivered_at_social_point,
            DeliveryMode.REMOTE: self.delivered_remotely,
        }
        return [mode for mode, on in flags.items() if on]

    @property
    def art51_choices(self):
        """The art. 51 categories the service qualifies for, as Art51Category members."""
        return [Art51Category(code) for code in self.art51_categories or []]

    @property
    def is_free(self):
        """True when every cost option is free (or none is given and funding is public)."""
        return is_free((option.kind for option in self.cost_options.all()), self.funding)


class ServiceCostOption(TranslatableMixin, Orderable):
    """One row of «Quanto costa»: a kind of price, its amount in EUR and a note."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="cost_options")
    kind = models.CharField(_("tipo"), max_length=16, choices=CostKind.choices)
    amount = models.DecimalField(
        _("importo (EUR)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(
        _("unità"),
        max_length=60,
        blank=True,
        help_text=_("Facoltativo, ad es. «pasto», «ora di assistenza», «settimana»."),
    )
    note = models.CharField(_("nota"), max_length=250, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("amount"), FieldPanel("unit")]),
        FieldPanel("note"),
    ]
    api_fields = [APIField("kind"), APIField("amount"), APIField("unit"), APIField("note")]

    # Translated with the page (wagtail-localize): each row keeps its own translation_key.
    translatable_fields = [
        TranslatableField("unit"),
        TranslatableField("note"),
        SynchronizedField("kind"),
        SynchronizedField("amount"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("opzione di costo")
        verbose_name_plural = _("opzioni di costo")

    def clean(self):
        super().clean()
        if self.kind in COST_KINDS_WITH_AMOUNT and self.amount is None:
            raise ValidationError(
                {
                    "amount": _(
                        "«%(kind)s» richiede un importo in euro: scrivilo, oppure scegli "
                        "«Gratuito» o «In base all'ISEE»."
                    )
                    % {"kind": CostKind(self.kind).label}
                }
            )
        if self.kind == CostKind.FREE and self.amount:
            raise ValidationError(
                {"amount": _("Un servizio gratuito non ha importo: lascia vuoto il campo.")}
            )
        if self.kind == CostKind.INCOME_BASED and not (self.note or "").strip():
            raise ValidationError(
                {"note": _("Spiega in una riga come il costo dipende dall'ISEE.")}
            )


class ServiceAccessStep(TranslatableMixin, Orderable):
    """One numbered step of «Come fare»."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="access_steps")
    text = models.CharField(_("passo"), max_length=300)

    panels = [FieldPanel("text")]
    api_fields = [APIField("text")]

    # Translated with the page (wagtail-localize): each row keeps its own translation_key.
    translatable_fields = [
        TranslatableField("text"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("passo")


class ServiceRequiredDocument(TranslatableMixin, Orderable):
    """One item of «Cosa serve»."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="required_documents")
    name = models.CharField(_("documento"), max_length=200)
    note = models.CharField(_("nota"), max_length=250, blank=True)

    panels = [FieldPanel("name"), FieldPanel("note")]
    api_fields = [APIField("name"), APIField("note")]

    # Translated with the page (wagtail-localize): each row keeps its own translation_key.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("note"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("documento richiesto")


class ServiceLanguage(Orderable):
    """A language the service is delivered in."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("lingua"), max_length=8, choices=LANGUAGE_CHOICES)

    panels = [FieldPanel("language")]
    api_fields = [APIField("language")]

    class Meta(Orderable.Meta):
        verbose_name = _("lingua")
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="unique_service_language")
        ]


class ServiceContact(TranslatableMixin, Orderable):
    """A contact for «Contatti»: an office or a person, with phone, email and hours."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("ufficio o referente"), max_length=120)
    phone = models.CharField(_("telefono"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    hours = models.CharField(
        _("orari"), max_length=200, blank=True, help_text=_("Ad es. «lun–ven 9–12»")
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("hours"),
    ]
    api_fields = [APIField("name"), APIField("phone"), APIField("email"), APIField("hours")]

    # Translated with the page (wagtail-localize): each row keeps its own translation_key.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("hours"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("contatto")

    def clean(self):
        super().clean()
        if not self.phone and not self.email:
            raise ValidationError(
                {"phone": _("Indica almeno un telefono o un'email per questo contatto.")}
            )


class ServiceAttachment(TranslatableMixin, Orderable):
    """A document listed under «Documenti» (modules, regulations, leaflets)."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("documento"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("titolo"), max_length=200, blank=True, help_text=_("Vuoto: il titolo del documento.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]
    api_fields = [APIField("document"), APIField("display_title")]

    # Translated with the page (wagtail-localize): each row keeps its own translation_key.
    translatable_fields = [
        TranslatableField("title"),
        SynchronizedField("document"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("allegato")

    @property
    def display_title(self):
        return self.title or self.document.title
