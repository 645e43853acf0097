"""Fixed vocabularies of the catalogue, shared by models, filters and the APIs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CostKind(models.TextChoices):
    FREE = "free", _("Gratuito")
    FIXED = "fixed", _("Importo fisso")
    PER_HOUR = "per_hour", _("All'ora")
    PER_SESSION = "per_session", _("A incontro")
    PER_MONTH = "per_month", _("Al mese")
    INCOME_BASED = "income_based", _("In base all'ISEE")


# Kinds whose price is a number the citizen pays: an amount is required.
COST_KINDS_WITH_AMOUNT = {
    CostKind.FIXED,
    CostKind.PER_HOUR,
    CostKind.PER_SESSION,
    CostKind.PER_MONTH,
}


class Funding(models.TextChoices):
    PUBLIC = "public", _("Pubblico (comunale o di distretto)")
    ACCREDITED = "accredited", _("Accreditato (con voucher comunale)")
    PRIVATE = "private", _("Privato (a pagamento)")


class ProviderKind(models.TextChoices):
    SOCIAL_COOPERATIVE = "social_cooperative", _("Cooperativa sociale")
    MUNICIPALITY = "municipality", _("Comune o ufficio pubblico")
    ASSOCIATION = "association", _("Associazione")
    OTHER = "other", _("Altro ente")


class DeliveryMode(models.TextChoices):
    AT_HOME = "at_home", _("A domicilio")
    AT_PROVIDER = "at_provider", _("Presso l'ente")
    AT_SOCIAL_POINT = "at_social_point", _("Presso un Social Point")
    REMOTE = "remote", _("A distanza (telefono o video)")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("lunedì")
    TUESDAY = 1, _("martedì")
    WEDNESDAY = 2, _("mercoledì")
    THURSDAY = 3, _("giovedì")
    FRIDAY = 4, _("venerdì")
    SATURDAY = 5, _("sabato")
    SUNDAY = 6, _("domenica")


# ISO 639-1 codes of the languages services and Social Points are offered in.
LANGUAGE_CHOICES = [
    ("it", _("italiano")),
    ("en", _("inglese")),
    ("fr", _("francese")),
    ("es", _("spagnolo")),
    ("de", _("tedesco")),
    ("ro", _("rumeno")),
    ("uk", _("ucraino")),
    ("ar", _("arabo")),
    ("sq", _("albanese")),
    ("zh", _("cinese")),
    ("ur", _("urdu")),
    ("wo", _("wolof")),
    ("sgn", _("lingua dei segni italiana (LIS)")),
]


class Art51Category(models.TextChoices):
    """The kinds of welfare benefit of art. 51 c. 2 TUIR a service qualifies for, and a
    company plan allows (the employer's «welfare aziendale», tax-free for the employee)."""

    F = "f", _("Art. 51 c. 2 lett. f: servizi sociali, educativi, ricreativi, sanitari o di culto")
    F_BIS = "f_bis", _("lett. f-bis: educazione e istruzione dei figli, centri estivi, doposcuola")
    F_TER = "f_ter", _("lett. f-ter: assistenza a familiari anziani o non autosufficienti")


# The short labels badges, facets and totals show; the long ones are for forms and notices.
ART51_SHORT_LABELS = {
    Art51Category.F: _("Servizi alla persona (lett. f)"),
    Art51Category.F_BIS: _("Figli: istruzione e centri estivi (lett. f-bis)"),
    Art51Category.F_TER: _("Familiari anziani o non autosufficienti (lett. f-ter)"),
}

# Art. 51 c. 2 f-bis and f-ter may be paid back against a receipt; f only as a service.
ART51_REIMBURSABLE = frozenset({Art51Category.F_BIS, Art51Category.F_TER})


def art51_short_label(category):
    """The short label of an art. 51 category («Familiari anziani ... (lett. f-ter)»)."""
    return ART51_SHORT_LABELS[Art51Category(category)]


def art51_allows_reimbursement(category):
    """True for the categories an employee may be reimbursed for with a receipt (f-bis,
    f-ter); False for f, which the credit pays only as a service booked on the portal."""
    return category in ART51_REIMBURSABLE
