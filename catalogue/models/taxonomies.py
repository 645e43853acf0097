"""Needs, audiences and municipalities: translatable snippets shared by many pages."""

from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

LAY_TERMS_HELP = _(
    "Le parole che usa chi cerca aiuto, una per riga o separate da virgole: malattie, "
    "condizioni, momenti della vita, errori di battitura comuni, parole di chi viene "
    "dall'estero. Servono solo alla ricerca, non compaiono sul sito."
)


def lay_terms_field():
    """«Parole usate dai cittadini»: searched with the titles, never shown."""
    return models.TextField(_("parole usate dai cittadini"), blank=True, help_text=LAY_TERMS_HELP)


class Need(TranslatableMixin, index.Indexed, models.Model):
    """A need a citizen arrives with (bisogno): anziani, disabilità, minori e famiglia..."""

    name = models.CharField(_("nome"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)
    description = models.CharField(
        _("descrizione breve"),
        max_length=200,
        blank=True,
        help_text=_("Una frase mostrata sotto il nome nei riquadri della home page."),
    )
    icon = models.CharField(
        _("icona"),
        max_length=40,
        blank=True,
        default="it-user",
        help_text=_("Nome di un'icona di Bootstrap Italia, ad es. it-user, it-pa, it-map-marker."),
    )
    sort_order = models.PositiveSmallIntegerField(_("ordine"), default=0)
    lay_terms = lay_terms_field()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("lay_terms"),
        FieldPanel("icon"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("lay_terms"),
        index.AutocompleteField("name"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("bisogno")
        verbose_name_plural = _("bisogni")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_need_slug_per_locale")
        ]

    def __str__(self):
        return self.name


class Audience(TranslatableMixin, models.Model):
    """Who a service is for (destinatari): anziani over 65, famiglie con minori..."""

    name = models.CharField(_("nome"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)
    sort_order = models.PositiveSmallIntegerField(_("ordine"), default=0)
    lay_terms = lay_terms_field()
    min_age = models.PositiveSmallIntegerField(
        _("da quanti anni"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(120)],
        help_text=_(
            "Età delle persone di questo gruppo, se ne ha una (anziani: 65). Chi risponde "
            "«Quali servizi posso avere?» con un'altra età non vede i servizi solo per loro."
        ),
    )
    max_age = models.PositiveSmallIntegerField(
        _("fino a quanti anni"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("lay_terms"),
        FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")], heading=_("Età")),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("destinatari")
        verbose_name_plural = _("destinatari")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_audience_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name

    def admits_age(self, age):
        """Whether a person of `age` belongs to this group (no ages: anyone)."""
        return (self.min_age is None or self.min_age <= age) and (
            self.max_age is None or age <= self.max_age
        )


class Municipality(TranslatableMixin, models.Model):
    """A municipality of the district (or a neighbour a service also reaches)."""

    name = models.CharField(_("nome"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)
    istat_code = models.CharField(
        _("codice ISTAT"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", _("Il codice ISTAT ha 6 cifre."))],
    )
    cadastral_code = models.CharField(
        _("codice catastale"),
        max_length=4,
        validators=[
            RegexValidator(r"^[A-Z]\d{3}$", _("Il codice catastale è una lettera e tre cifre."))
        ],
        help_text=_("Il codice che compare nel codice fiscale di chi vi è nato, ad es. L319."),
    )
    postcode = models.CharField(
        _("CAP"),
        max_length=5,
        validators=[RegexValidator(r"^\d{5}$", _("Il CAP ha 5 cifre."))],
    )
    province = models.CharField(_("provincia"), max_length=2, default="VA")
    population = models.PositiveIntegerField(_("abitanti (circa)"), null=True, blank=True)
    in_district = models.BooleanField(
        _("fa parte del distretto"),
        default=True,
        help_text=_("Solo i residenti dei comuni del distretto accedono ai servizi riservati."),
    )
    latitude = models.DecimalField(
        _("latitudine"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitudine"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("istat_code"),
        FieldPanel("cadastral_code"),
        FieldPanel("postcode"),
        FieldPanel("province"),
        FieldPanel("population"),
        FieldPanel("in_district"),
        FieldPanel("latitude"),
        FieldPanel("longitude"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("comune")
        verbose_name_plural = _("comuni")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_municipality_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name


register_snippet(Need)
register_snippet(Audience)
register_snippet(Municipality)
