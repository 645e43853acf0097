"""Template tags every public page shares: the main menu, the breadcrumb trail, the legal
pages of the footer, the page's JSON-LD."""

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from catalogue.content_cache import kept_html, until_next_publication
from catalogue.models import ServiceIndexPage, ServicePage
from catalogue.structured_data import page_data, render_json_ld
from home.models import AccessibilityStatementPage, DistrictSettings, LegalPage
from home.sites import site_for_request

register = template.Library()


class KeptFragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist, self.name, self.parts = nodelist, name, parts

    def render(self, context):
        name = ":".join([self.name, *(str(part.resolve(context)) for part in self.parts)])
        return kept_html(context.get("request"), name, lambda: self.nodelist.render(context))


@register.tag
def kept_until_publication(parser, token):
    """``{% kept_until_publication "footer" %}…{% endkept_until_publication %}``: a part
    of the page that is the same for every visitor in a language, rendered once until the
    next publication (per language and host; see `catalogue.content_cache.kept_html`).
    Never around anything that depends on the visitor (their name, the CSRF token, messages)
    or on the clock; what depends on the page names it after the name:
    ``{% kept_until_publication "service-card" page.pk %}``.
    """
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a quoted name, then key parts")
    parts = [parser.compile_filter(bit) for bit in bits[2:]]
    nodelist = parser.parse(("endkept_until_publication",))
    parser.delete_first_token()
    return KeptFragmentNode(nodelist, bits[1][1:-1], parts)


def _site_root(request):
    """The site's home page in the active language, found once per request (the menu, the
    trail and the footer all ask for it)."""
    if request is None:
        return None
    language = get_language()
    found = getattr(request, "_rw_site_root", None)
    if found is None or found[0] != language:
        site = site_for_request(request)
        root = None
        if site is not None:
            root = until_next_publication(
                f"site-root:{site.pk}:{language}", lambda: site.root_page.localized
            )
        found = (language, root)
        request._rw_site_root = found
    return found[1]


def _service_index(root):
    """The catalogue («Servizi») under the site root, where every service is shown to citizens."""
    if root is None:
        return None
    return until_next_publication(
        f"service-index:{root.pk}",
        lambda: ServiceIndexPage.objects.live().descendant_of(root).first(),
    )


def _menu_path(page, root):
    """The tree path the menu and the trail follow: a service sits under «Servizi» for
    citizens, although in the tree it sits under its provider (for permissions)."""
    if isinstance(page, ServicePage):
        index = _service_index(root)
        if index is not None:
            return index.path
    return getattr(page, "path", "")


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The live children of the site root marked "show in menus", in the active language."""
    root = _site_root(context.get("request"))
    items = []
    if root is not None:
        items = until_next_publication(
            f"main-menu:{root.pk}:{get_language()}",
            lambda: list(root.get_children().live().public().in_menu().specific(defer=True)),
        )
    current_path = _menu_path(context.get("page"), root)
    entries = [(item, bool(current_path) and current_path.startswith(item.path)) for item in items]
    return {"entries": entries}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumb_trail(context, current="", *parents):
    """«Home / … / here» on every page.

    A Wagtail page walks its ancestors (a service under «Servizi»); a view passes its own
    label and, before it, pairs of parent label and URL:
    ``{% breadcrumb_trail reference parent_label parent_url %}``.
    """
    request = context.get("request")
    root = _site_root(request)
    page = context.get("page")
    crumbs = []
    if root is not None:
        crumbs.append((_("Home"), root.url))
    if isinstance(page, Page) and not current:
        if root is not None and page.pk == root.pk:
            return {"crumbs": [], "current": ""}
        if isinstance(page, ServicePage):
            index = _service_index(root)
            ancestors = [index] if index is not None else []
        else:
            ancestors = [
                a
                for a in page.get_ancestors().specific(defer=True)
                if root is None or a.depth > root.depth
            ]
        crumbs += [(a.title, a.url) for a in ancestors]
        return {"crumbs": crumbs, "current": page.title}
    pairs = list(parents)
    crumbs += [(pairs[i], pairs[i + 1]) for i in range(0, len(pairs) - 1, 2)]
    return {"crumbs": crumbs, "current": current}


@register.simple_tag(takes_context=True)
def legal_links(context):
    """The footer's legal pages (privacy, legal notes, cookies, accessibility), live, in
    the active language."""
    root = _site_root(context.get("request"))
    if root is None:
        return []
    return until_next_publication(
        f"legal-links:{root.pk}",
        lambda: list(
            Page.objects.live()
            .child_of(root)
            .type(LegalPage, AccessibilityStatementPage)
            .order_by("path")
        ),
    )


@register.simple_tag(takes_context=True)
def legal_page(context, kind):
    """The live legal page of this kind (``privacy``, ``cookies``, ...) in the active
    language, or None."""
    root = _site_root(context.get("request"))
    if root is None:
        return None
    return LegalPage.objects.live().child_of(root).filter(kind=kind).first()


@register.simple_tag(takes_context=True)
def json_ld(context, page):
    """The page's single schema.org JSON-LD <script>, built from its context's lists."""
    request = context.get("request")
    values = context.flatten()
    if "district_name" not in values:
        values["district_name"] = DistrictSettings.load(request_or_site=request).district_name
    return render_json_ld(page_data(page, values, request))
