"""Writes of the public catalogue: a citizen's answer about a page's usefulness."""

from django.core.cache import cache
from django.db import transaction

from catalogue.models import PageFeedback

FEEDBACK_LIMIT = 5
FEEDBACK_WINDOW_SECONDS = 60 * 60


def feedback_allowed(*, client_key, page_id):
    """At most FEEDBACK_LIMIT answers per client and page per hour, so nobody floods a page."""
    key = f"page-feedback:{page_id}:{client_key}"
    if cache.add(key, 1, FEEDBACK_WINDOW_SECONDS):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, FEEDBACK_WINDOW_SECONDS)
        return True
    return count <= FEEDBACK_LIMIT


@transaction.atomic
def record_page_feedback(*, page, rating, reason="", comment=""):
    """Store one answer for `page`; the rating is validated by the form and the database."""
    return PageFeedback.objects.create(
        page=page, rating=rating, reason=reason or "", comment=(comment or "").strip()
    )
