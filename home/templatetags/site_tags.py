"""Template tags every public page shares: the main menu, the district settings, long dates,
the page's JSON-LD."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Site

from catalogue.content_cache import until_next_publication
from catalogue.structured_data import page_data, render_json_ld
from home.models import DistrictSettings

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The live children of the site root marked "show in menus", in the active language."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site:
        items = until_next_publication(
            f"main-menu:{site.pk}:{get_language()}",
            lambda: list(
                site.root_page.localized.get_children()
                .live()
                .public()
                .in_menu()
                .specific(defer=True)
            ),
        )
    current = context.get("page")
    current_path = getattr(current, "path", "")
    entries = [(item, current_path.startswith(item.path)) for item in items]
    return {"entries": entries}


@register.simple_tag(takes_context=True)
def json_ld(context, page):
    """The page's single schema.org JSON-LD <script>, built from its context's lists."""
    request = context.get("request")
    values = context.flatten()
    if "district_name" not in values:
        values["district_name"] = DistrictSettings.load(request_or_site=request).district_name
    return render_json_ld(page_data(page, values, request))
