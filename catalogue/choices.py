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
    """What an employer's welfare credit may pay for (art. 51 c. 2 TUIR, letters f, f-bis,
    f-ter): a service says which it qualifies for, a company plan which it allows."""

    F = "f", _("Servizi per il lavoratore e la famiglia (art. 51 c. 2 lett. f)")
    F_BIS = "f_bis", _("Educazione e cura dei figli (art. 51 c. 2 lett. f-bis)")
    F_TER = "f_ter", _("Assistenza a familiari anziani o non autosufficienti (lett. f-ter)")


# The categories an employee may be reimbursed for, with a receipt (art. 51 c. 2 f-bis, f-ter).
REIMBURSABLE_ART51_CATEGORIES = {Art51Category.F_BIS, Art51Category.F_TER}
