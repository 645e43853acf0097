"""Template tags every public page shares: the main menu, the district settings, long dates."""

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.translation import get_language
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The live children of the site root marked "show in menus", in the active language."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    root = None
    if site:
        root = site.root_page.localized
        items = root.get_children().live().public().in_menu().specific(defer=True)
    current = context.get("page")
    current_path = getattr(current, "path", "")
    entries = [(item, current_path.startswith(item.path)) for item in items]
    return {"entries": entries}


# Languages that write month names in lower case inside a date («1 gennaio 2027») although
# Django's own catalogue capitalises them («Gennaio»).
LOWER_CASE_MONTHS = {"it"}


@register.filter(expects_localtime=True)
def long_date(value, with_time=False):
    """A date as "1 gennaio 2027" in Italian and "1 January 2027" in English.

    With ``with_time`` the time follows ("1 gennaio 2027, 09:30"). Only the month name is
    lower-cased, and only in languages whose convention it is, so English keeps "January".
    """
    if not value:
        return ""
    month = date_filter(value, "F")
    if (get_language() or "").split("-")[0] in LOWER_CASE_MONTHS:
        month = month.lower()
    text = f"{date_filter(value, 'j')} {month} {date_filter(value, 'Y')}"
    if with_time:
        text += f", {date_filter(value, 'H:i')}"
    return text
