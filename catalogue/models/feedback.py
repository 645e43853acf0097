"""«Quanto sono utili le informazioni in questa pagina?»: answers stored per page."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class PageFeedback(models.Model):
    """One citizen's answer to the usefulness question at the foot of a page."""

    class Reason(models.TextChoices):
        CLEAR = "clear", _("Le indicazioni erano chiare")
        COMPLETE = "complete", _("Le indicazioni erano complete")
        FOUND = "found", _("Ho trovato quello che cercavo")
        UNCLEAR = "unclear", _("A volte le indicazioni non erano chiare")
        INCOMPLETE = "incomplete", _("A volte le indicazioni non erano complete")
        NOT_FOUND = "not_found", _("Non ho trovato quello che cercavo")
        OTHER = "other", _("Altro")

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    rating = models.PositiveSmallIntegerField(
        _("voto (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    reason = models.CharField(_("motivo"), max_length=16, choices=Reason.choices, blank=True)
    comment = models.CharField(_("commento"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("data"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("valutazione della pagina")
        verbose_name_plural = _("valutazioni delle pagine")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            )
        ]

    def __str__(self):
        return f"{self.page_id}: {self.rating}"
