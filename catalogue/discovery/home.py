"""The home page as a way in: needs with counts, nearest Social Points, featured and new."""

import math

from django.conf import settings
from django.db.models import Count, Q

from catalogue.discovery.listing import live_services
from catalogue.localization import in_language
from catalogue.models import GuidePage, Municipality, Need, ServiceIndexPage, SocialPointPage
from catalogue.rules import published_services

EARTH_RADIUS_KM = 6371.0
LATEST_GUIDES = 3


def needs_with_counts(root=None):
    """The needs that have live services, each with how many (one query)."""
    services = live_services(root)
    needs = (
        Need.objects.annotate(
            service_count=Count("services", filter=Q(services__in=services.values("pk")))
        )
        .filter(service_count__gt=0)
        .order_by("sort_order", "name")
    )
    return list(needs)


def _with_count(needs):
    for need in needs:
        need.carried_attributes = ("service_count",)
    return needs


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance between two points given in degrees (haversine)."""
    lat1, lon1, lat2, lon2 = (math.radians(float(v)) for v in (lat1, lon1, lat2, lon2))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def nearest_social_points(root=None):
    """For each municipality of the district with coordinates, its nearest live Social Point.

    A Social Point in the municipality itself is always the nearest; otherwise the
    straight-line distance between the town centre and the desk decides.
    """
    points = SocialPointPage.objects.live().public()
    if root is not None:
        points = points.descendant_of(root)
    points = list(
        points.only(
            "id",
            "title",
            "url_path",
            "path",
            "depth",
            "latitude",
            "longitude",
            "municipality_id",
            "locale_id",
        )
    )
    placed = [p for p in points if p.latitude is not None and p.longitude is not None]
    rows = []
    # Services and Social Points keep the Italian terms (their relations are synchronised).
    municipalities = Municipality.objects.filter(
        in_district=True, locale__language_code=settings.LANGUAGE_CODE
    ).order_by("name")
    for municipality in municipalities:
        local = [p for p in points if p.municipality_id == municipality.pk]
        if local:
            rows.append({"municipality": municipality, "social_point": local[0], "km": None})
            continue
        if municipality.latitude is None or municipality.longitude is None or not placed:
            continue
        best = min(
            placed,
            key=lambda p: distance_km(
                municipality.latitude, municipality.longitude, p.latitude, p.longitude
            ),
        )
        km = distance_km(
            municipality.latitude, municipality.longitude, best.latitude, best.longitude
        )
        rows.append({"municipality": municipality, "social_point": best, "km": round(km, 1)})
    return rows


def featured_services(home):
    """The editors' featured services that are published (live and public, under a live and
    public provider: `published_services`), in their order (one query)."""
    links = (
        home.featured_services.filter(service__in=published_services())
        .select_related("service")
        .order_by("sort_order")
    )
    return [link.service for link in links]


def latest_guides(root=None, limit=LATEST_GUIDES):
    """The newest live guides."""
    guides = GuidePage.objects.live().public()
    if root is not None:
        guides = guides.descendant_of(root)
    return list(guides.order_by("-first_published_at")[:limit])


def home_discovery(home):
    """Everything the home page shows below its intro, read once."""
    rows = nearest_social_points(home)
    shown = in_language([row["municipality"] for row in rows], home.locale)
    for row, municipality in zip(rows, shown, strict=True):
        row["municipality"] = municipality
    return {
        "need_tiles": in_language(_with_count(needs_with_counts(home)), home.locale),
        "nearest_social_points": rows,
        "featured": in_language(featured_services(home), home.locale),
        "latest_guides": latest_guides(home),
        "catalogue_page": ServiceIndexPage.objects.child_of(home).live().first(),
    }
