"""Discovery reads: the catalogue's facets and eligibility, search, and the home page's ways in.

Pages and views call these functions; templates only walk the lists they return.
"""

from catalogue.discovery.home import home_discovery, nearest_social_points, needs_with_counts
from catalogue.discovery.listing import discover_services, live_services, query_string
from catalogue.discovery.site_search import search_site

__all__ = [
    "discover_services",
    "home_discovery",
    "live_services",
    "nearest_social_points",
    "needs_with_counts",
    "query_string",
    "search_site",
]
