"""The search page: services (with the catalogue's facets), providers, Social Points, guides."""

from catalogue.discovery import search
from catalogue.discovery.listing import discover_services
from catalogue.models import GuidePage, ProviderPage, SocialPointPage


def search_site(params, *, root=None):
    """Results of the query string `params` grouped by kind, with the services' facets."""
    listing = discover_services(params, root=root)
    query = listing["query"]
    groups = {"providers": [], "social_points": [], "guides": []}
    if query:
        terms = listing["search_terms"]
        for key, model in (
            ("providers", ProviderPage),
            ("social_points", SocialPointPage),
            ("guides", GuidePage),
        ):
            pages = model.objects.live().public()
            if root is not None:
                pages = pages.descendant_of(root)
            groups[key] = search.ranked_pages(pages, terms, text=query)
    listing.update(groups)
    listing["other_count"] = sum(len(pages) for pages in groups.values())
    return listing
