"""Query parameters of the HSDS endpoints, validated with readable Italian messages."""

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# "%"-formatting that waits for the request's language, like gettext_lazy itself.
fmt_lazy = lazy(lambda message, values: str(message) % values, str)

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100


def _integer(name, example, help_text):
    return serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=help_text,
        error_messages={
            "invalid": fmt_lazy(
                _("%(name)s deve essere un numero intero da 1 in su, ad es. %(example)s."),
                {"name": name, "example": example},
            ),
            "min_value": fmt_lazy(
                _("%(name)s deve essere almeno 1, ad es. %(example)s."),
                {"name": name, "example": example},
            ),
            "max_string_length": fmt_lazy(_("%(name)s è troppo lungo."), {"name": name}),
        },
    )


def _boolean(name, help_text):
    return serializers.BooleanField(
        required=False,
        default=False,
        help_text=help_text,
        error_messages={
            "invalid": fmt_lazy(_("%(name)s accetta solo true o false."), {"name": name}),
        },
    )


def _uuid(name, help_text):
    return serializers.UUIDField(
        required=False,
        help_text=help_text,
        error_messages={
            "invalid": fmt_lazy(
                _(
                    "%(name)s deve essere un identificativo UUID, "
                    "ad es. 3f7b145d-84af-42d7-8fae-eaca714b02b2."
                ),
                {"name": name},
            ),
        },
    )


class ListParams(serializers.Serializer):
    """Paging, search and language: common to every HSDS listing."""

    page = _integer("page", "page=2", _("Numero della pagina di risultati, da 1."))
    per_page = _integer(
        "per_page",
        "per_page=50",
        fmt_lazy(
            _(
                "Risultati per pagina (predefinito %(default)s, massimo %(max)s: "
                "oltre vale il massimo)."
            ),
            {"default": DEFAULT_PER_PAGE, "max": MAX_PER_PAGE},
        ),
    )
    search = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text=_("Ricerca a testo libero."),
        error_messages={"max_length": _("search: al massimo 200 caratteri.")},
    )
    format = serializers.ChoiceField(
        choices=["json", "ndjson"],
        required=False,
        help_text=_("json (predefinito, a pagine) o ndjson: tutti i risultati, uno per riga."),
        error_messages={"invalid_choice": _("format: sono disponibili json e ndjson.")},
    )
    locale = serializers.ChoiceField(
        choices=[code for code, _name in settings.LANGUAGES],
        required=False,
        help_text=fmt_lazy(
            _(
                "Lingua dei contenuti (estensione di questa API): %(codes)s; predefinita: it. "
                "Solo i record scritti in quella lingua: un servizio non ancora tradotto è "
                "nella risposta con locale=it."
            ),
            {"codes": ", ".join(code for code, _name in settings.LANGUAGES)},
        ),
        error_messages={
            "invalid_choice": fmt_lazy(
                _("locale: lingua «{input}» non disponibile; usa una tra %(codes)s."),
                {"codes": ", ".join(code for code, _name in settings.LANGUAGES)},
            )
        },
    )

    def validate(self, attrs):
        attrs.setdefault("page", 1)
        attrs["per_page"] = min(attrs.get("per_page") or DEFAULT_PER_PAGE, MAX_PER_PAGE)
        return attrs


class ServiceParams(ListParams):
    taxonomy_term_id = _uuid(
        "taxonomy_term_id", _("Solo i servizi con questo termine (bisogno o destinatari).")
    )
    taxonomy_id = _uuid(
        "taxonomy_id", _("Solo i servizi con almeno un termine di questa tassonomia.")
    )
    organization_id = _uuid("organization_id", _("Solo i servizi di questo ente."))
    modified_after = serializers.DateTimeField(
        required=False,
        help_text=_("Solo i servizi pubblicati o modificati da questo momento (ISO 8601)."),
        error_messages={
            "invalid": _(
                "modified_after deve essere una data o data e ora ISO 8601, "
                "ad es. 2026-01-31 o 2026-01-31T08:00:00Z."
            )
        },
    )
    full = _boolean("full", _("true: ogni servizio completo, con tutti i dati collegati."))


class ServiceListParams(ServiceParams):
    minimal = _boolean("minimal", _("true: solo id e last_modified di ogni servizio."))

    def validate(self, attrs):
        if attrs.get("full") and attrs.get("minimal"):
            raise serializers.ValidationError(
                {"minimal": [_("full e minimal non si possono usare insieme: scegline uno.")]}
            )
        return super().validate(attrs)


class ServiceAtLocationParams(ServiceParams):
    postcode = serializers.RegexField(
        r"^\d{5}$",
        required=False,
        help_text=_("Solo dove il servizio copre il comune con questo CAP, ad es. 21049."),
        error_messages={"invalid": _("postcode deve essere un CAP di 5 cifre, ad es. 21049.")},
    )
    proximity = serializers.CharField(
        required=False,
        help_text=_("Non disponibile: la ricerca per distanza non è supportata."),
    )

    def validate_proximity(self, value):
        raise serializers.ValidationError(
            _("La ricerca per distanza (proximity) non è disponibile: usa postcode.")
        )


class OrganizationParams(ListParams):
    full = _boolean("full", _("true: ogni ente completo, con sedi, telefoni e servizi."))
    full_service = _boolean("full_service", _("true: i servizi dell'ente completi."))


class OrganizationDetailParams(serializers.Serializer):
    full_service = _boolean("full_service", _("true: i servizi dell'ente completi."))


class TaxonomyTermParams(ListParams):
    taxonomy_id = _uuid("taxonomy_id", _("Solo i termini di questa tassonomia."))
    top_only = _boolean("top_only", _("true: solo i termini di primo livello (qui lo sono tutti)."))
    parent_id = _uuid("parent_id", _("Solo i termini figli di questo termine."))
