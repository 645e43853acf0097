"""A page's privacy (Wagtail's view restrictions), read once until the next publication.

Wagtail checks the restrictions of a page and of its ancestors before serving it, with two
queries on every request; nearly every public page has none. Saving or deleting a
restriction, moving a page or publishing bumps the generation (`home/signals.py`).
"""

from wagtail.models import PageViewRestriction

from catalogue.content_cache import until_next_publication


class KeptViewRestrictionsMixin:
    """For a page model: `get_view_restrictions()` without a query when none applies."""

    def get_view_restrictions(self):
        """The restrictions of this page and its ancestors, as Wagtail's own queryset; the
        ids kept until the next publication, the rows read again only when there are any
        (so a group or password changed on a restriction counts at once)."""
        wagtails = super().get_view_restrictions  # reads the ancestors when called
        if not self.pk:
            return wagtails()
        ids = until_next_publication(
            f"view-restrictions:{self.pk}", lambda: list(wagtails().values_list("pk", flat=True))
        )
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)
