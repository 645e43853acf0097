"""Social Points: physical help desks, with their weekly hours and closures."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
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

from catalogue.api_fields import MunicipalityField, PageLinkListField
from catalogue.choices import LANGUAGE_CHOICES, Weekday
from catalogue.models.privacy import KeptViewRestrictionsMixin


class SocialPointIndexPage(KeptViewRestrictionsMixin, Page):
    """«Social Point»: lists every help desk of the district."""

    intro = RichTextField(_("introduzione"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["catalogue.SocialPointPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("elenco dei Social Point")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["social_points"] = (
            SocialPointPage.objects.child_of(self)
            .live()
            .public()
            .select_related("municipality")
            .prefetch_related("opening_hours", "closures")
        )
        return context


class SocialPointPage(KeptViewRestrictionsMixin, Page):
    """A help desk where an operator helps citizens register and request services."""

    intro = models.CharField(
        _("presentazione"),
        max_length=300,
        blank=True,
        help_text=_("Una frase: cosa trova qui il cittadino."),
    )
    address = models.CharField(_("indirizzo"), max_length=200)
    postcode = models.CharField(_("CAP"), max_length=5, blank=True)
    municipality = models.ForeignKey(
        "catalogue.Municipality",
        verbose_name=_("comune"),
        on_delete=models.PROTECT,
        related_name="social_points",
    )
    latitude = models.DecimalField(
        _("latitudine"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitudine"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    phone = models.CharField(_("telefono"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    accessibility_notes = models.TextField(
        _("accessibilità"),
        blank=True,
        help_text=_("Ad es. «ingresso senza gradini, bagno accessibile, parcheggio disabili»."),
    )
    how_to_book = RichTextField(
        _("come prenotare"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Serve un appuntamento? Come si prende?"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("municipality")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Dove"),
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("Contatti")),
        FieldPanel("how_to_book"),
        FieldPanel("accessibility_notes"),
        InlinePanel("languages", heading=_("Lingue parlate"), label=_("lingua")),
    ]
    hours_panels = [
        InlinePanel("opening_hours", heading=_("Orari settimanali"), label=_("fascia oraria")),
        InlinePanel("closures", heading=_("Chiusure"), label=_("chiusura")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Social Point")),
            ObjectList(hours_panels, heading=_("Orari")),
            ObjectList(Page.promote_panels, heading=_("Promozione")),
            ObjectList(Page.settings_panels, heading=_("Impostazioni")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("address"),
        index.RelatedFields("municipality", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("intro"),
        APIField("address"),
        APIField("postcode"),
        APIField("municipality", serializer=MunicipalityField()),
        APIField("latitude"),
        APIField("longitude"),
        APIField("phone"),
        APIField("email"),
        APIField("accessibility_notes"),
        APIField("how_to_book"),
        APIField("languages"),
        APIField("opening_hours"),
        APIField("closures"),
        APIField("services", serializer=PageLinkListField()),
    ]

    parent_page_types = ["catalogue.SocialPointIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Social Point")
        verbose_name_plural = _("Social Point")

    def get_context(self, request, *args, **kwargs):
        # Here, not at the top: the selectors import the models (get_context is a view).
        from catalogue.selectors import social_point_details

        context = super().get_context(request, *args, **kwargs)
        context.update(social_point_details(self))
        return context

    def serve(self, request, *args, **kwargs):
        """The page, valid for caches until «Aperto ora» or the coming closures may change."""
        response = super().serve(request, *args, **kwargs)
        now = timezone.now()
        seconds = int((self.next_change_after(now) - now).total_seconds()) + 1
        patch_cache_control(response, s_maxage=max(seconds, 1))
        return response

    @property
    def openstreetmap_url(self):
        """A link to the desk on OpenStreetMap, or None without coordinates."""
        if self.latitude is None or self.longitude is None:
            return None
        lat, lon = f"{self.latitude:.6f}", f"{self.longitude:.6f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"

    def is_open_at(self, moment=None):
        """Whether the desk is open at `moment` (default: now, Europe/Rome time)."""
        local = timezone.localtime(moment or timezone.now())
        if any(closure.date == local.date() for closure in self.closures.all()):
            return False
        now = local.time()
        return any(
            slot.weekday == local.weekday() and slot.opens <= now < slot.closes
            for slot in self.opening_hours.all()
        )

    def next_change_after(self, moment=None):
        """The next opening or closing time today, or the next midnight (Europe/Rome)."""
        local = timezone.localtime(moment or timezone.now())
        next_day = local.date() + datetime.timedelta(days=1)
        changes = [datetime.datetime.combine(next_day, datetime.time(), tzinfo=local.tzinfo)]
        for slot in self.opening_hours.all():
            if slot.weekday == local.weekday():
                for at in (slot.opens, slot.closes):
                    change = datetime.datetime.combine(local.date(), at, tzinfo=local.tzinfo)
                    if change > local:
                        changes.append(change)
        return min(changes)

    def upcoming_closures(self, today=None):
        today = today or timezone.localdate()
        return [c for c in self.closures.all() if c.date >= today]


class SocialPointOpeningHours(Orderable):
    """One weekly opening slot, e.g. Monday 9:00–12:30."""

    page = ParentalKey(SocialPointPage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("giorno"), choices=Weekday.choices)
    opens = models.TimeField(_("apre alle"))
    closes = models.TimeField(_("chiude alle"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]
    api_fields = [APIField("weekday"), APIField("opens"), APIField("closes")]

    class Meta(Orderable.Meta):
        verbose_name = _("fascia oraria")
        verbose_name_plural = _("orari")

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError(
                {"closes": _("L'orario di chiusura deve venire dopo quello di apertura.")}
            )


class SocialPointClosure(TranslatableMixin, Orderable):
    """A day the desk is closed (holidays, training days)."""

    page = ParentalKey(SocialPointPage, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField(_("data"))
    reason = models.CharField(_("motivo"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("reason")])]
    api_fields = [APIField("date"), APIField("reason")]

    # The reason is translated with the page (wagtail-localize).
    translatable_fields = [TranslatableField("reason"), SynchronizedField("date")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("chiusura")
        verbose_name_plural = _("chiusure")


class SocialPointLanguage(Orderable):
    """A language the desk's staff speak."""

    page = ParentalKey(SocialPointPage, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("lingua"), max_length=8, choices=LANGUAGE_CHOICES)

    panels = [FieldPanel("language")]
    api_fields = [APIField("language")]

    class Meta(Orderable.Meta):
        verbose_name = _("lingua")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language"], name="unique_social_point_language"
            )
        ]
