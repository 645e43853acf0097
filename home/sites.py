"""The Wagtail site answering a request, found once per host until the next publication."""

from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from wagtail.models import Site

from catalogue.content_cache import until_next_publication


def _with_specific_root(site):
    """The site with its root page as its own type (the home page), so that routing starts
    from it without reading it again."""
    if site is not None:
        site.root_page = site.root_page.specific
    return site


def site_for_request(request):
    """`Site.find_for_request`, with the site of each host and port kept until the next
    publication (saving a site bumps it) instead of one query on every request.

    Wagtail keeps the site it found on the request (`request._wagtail_site`) for every later
    `Site.find_for_request`; this fills it. Only for a host Django accepts (`ALLOWED_HOSTS`),
    so a forged Host header adds no key: Wagtail looks the others up itself."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    try:
        request.get_host()
    except DisallowedHost:
        return Site.find_for_request(request)
    # Wagtail's own inputs to its lookup (Site._find_for_request).
    hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()
    request._wagtail_site = until_next_publication(
        f"site:{hostname}:{port}", lambda: _with_specific_root(Site._find_for_request(request))
    )
    return request._wagtail_site
