"""Template tags of the public catalogue: money, phone links and page feedback (JSON-LD is
in home's site_tags, next to the district settings it reads)."""

from django import template
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from catalogue.content_cache import kept_html
from catalogue.forms import PageFeedbackForm
from catalogue.money import format_eur

register = template.Library()


@register.filter
def eur(value):
    """An amount in euro as Italians write it: «15.000,00 €» (see catalogue.money)."""
    return format_eur(value)


@register.filter
def tel_href(phone):
    """A phone number as typed by an editor, turned into a tel: link target."""
    digits = "".join(ch for ch in str(phone or "") if ch.isdigit() or ch == "+")
    return f"tel:{digits}" if digits else ""


@register.simple_tag(takes_context=True)
def feedback_block(context, page):
    """«Quanto sono utili le informazioni in questa pagina?», with errors after a bad POST.

    The empty form (no errors to show, no thanks) is the same for every visitor of a page
    in a language: kept until the next publication, like the page's card."""
    request = context.get("request")
    bound = context.get("feedback_form")

    def render():
        values = {"page": page, "form": bound or PageFeedbackForm(), "request": request}
        return render_to_string("components/feedback.html", values)

    if bound is not None or request is None or request.GET.get("valutazione"):
        return render()
    return kept_html(request, f"feedback:{page.pk}", render)


LONG_DATE_FORMATS = {"": "j F Y", "weekday": "l j F Y", "time": "j F Y, H:i"}


@register.filter(expects_localtime=True)
def long_date(value, style=""):
    """A date written out in Rome time: «15 marzo 2026»; "weekday": «giovedì 25 dicembre
    2030»; "time": «15 marzo 2026, 09:30».

    Italian writes month and weekday names in lower case; Django's names are capitalised.
    English keeps "January".
    """
    if not value:
        return ""
    text = date_format(value, LONG_DATE_FORMATS[style])
    return text.lower() if (get_language() or "").startswith("it") else text


@register.filter(expects_localtime=True)
def on_date(value, style=""):
    """A long date with its article: «il 15 marzo 2026», «l'8 settembre 2026» (never «il 8»)."""
    if not value:
        return ""
    text = long_date(value, style)
    if not (get_language() or "").startswith("it"):
        return _("il %(date)s") % {"date": text}
    elided = not style and value.day in (1, 8, 11)
    return f"l'{text}" if elided else f"il {text}"
