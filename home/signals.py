"""What makes the kept public pages stale: published content, snippets and settings.

Any page may show any other (the catalogue lists services, the home page features them, a
provider's page lists its services, the search finds everything), so a change anywhere bumps
the one generation of kept content (`catalogue/content_cache.py`) rather than guessing which URLs
show it. Drafts do not: a page's own saves are left to page_published and its siblings.
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from catalogue.content_cache import bump_generation
from catalogue.models import ServiceIndexPage

# Apps whose non-page models (snippets, settings, a page's rows) the public pages show.
CONTENT_APPS = ("catalogue", "home")
# Written by anonymous visitors or by the back office; no public page shows them.
NOT_SHOWN = {"catalogue.pagefeedback"}


def _bump_unless_raw(sender, raw=False, **kwargs):
    if not raw:
        bump_generation()


def purge_pages_that_list_it(instance, **kwargs):
    """A CDN or Varnish in front forgets the pages that list a published page.

    Wagtail's frontend cache purges the page itself; its ancestors (the provider, the home
    page) and the catalogue show it too. Search and facet URLs cannot be listed: a shared
    cache in front keeps them only `PAGE_CACHE_SHARED_SECONDS`.
    """
    if not settings.WAGTAILFRONTENDCACHE:
        return
    listing = list(instance.get_ancestors().filter(depth__gt=1).live())
    listing += list(ServiceIndexPage.objects.live().descendant_of(listing[0]) if listing else [])
    purge_pages_from_cache(listing)


def connect():
    """Connect the bump to every signal that changes what a public page shows."""
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(bump_generation, dispatch_uid=f"pagecache-{id(signal)}")
    post_delete.connect(bump_generation, sender=Page, dispatch_uid="pagecache-page-delete")
    for signal in (page_published, page_unpublished):
        signal.connect(purge_pages_that_list_it, dispatch_uid=f"frontendcache-{id(signal)}")
    for model in apps.get_models():
        if model._meta.app_label not in CONTENT_APPS or model._meta.label_lower in NOT_SHOWN:
            continue
        if issubclass(model, Page):
            post_delete.connect(bump_generation, sender=model, dispatch_uid=f"pc-del-{model}")
            continue
        post_save.connect(_bump_unless_raw, sender=model, dispatch_uid=f"pc-save-{model}")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"pc-del-{model}")
    for label in ("wagtailcore.site", "wagtailcore.locale", "wagtailcore.pageviewrestriction"):
        model = apps.get_model(label)
        post_save.connect(_bump_unless_raw, sender=model, dispatch_uid=f"pc-save-{label}")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"pc-del-{label}")
