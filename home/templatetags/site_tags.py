"""Template tags every public page shares: the main menu, the district settings, long dates."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Site

from catalogue.content_cache import until_next_publication

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
