"""schema.org JSON-LD for the catalogue's pages, built as Python data and dumped once.

Each public page carries exactly one JSON-LD block: GovernmentService (publicly funded)
or Service for a service, Place with its opening hours for a Social Point, Organization
for a provider, Article for a guide, CollectionPage for an index, WebSite for the home
page. The data comes from the lists the page's get_context already loaded, so it costs no
extra queries.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from catalogue import models
from catalogue.choices import CostKind, Funding

SCHEMA = "https://schema.org"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# The same escapes as django.utils.html.json_script: the JSON cannot close the <script>.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def render_json_ld(data):
    """The <script type="application/ld+json"> element for `data`, safe to inline."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=None)
    # Safe: the three characters that could end the script element are escaped.
    return mark_safe(
        '<script type="application/ld+json">' + payload.translate(_SCRIPT_ESCAPES) + "</script>"
    )


def _absolute(page, request):
    return page.get_full_url(request)


def _postal_address(address, postcode, municipality):
    data = {"@type": "PostalAddress", "addressCountry": "IT"}
    if address:
        data["streetAddress"] = address
    if postcode:
        data["postalCode"] = postcode
    if municipality is not None:
        data["addressLocality"] = municipality.name
        if municipality.province:
            data["addressRegion"] = municipality.province
    return data


def _organization(provider, request):
    data = {
        "@type": "Organization",
        "name": provider.title,
        "url": _absolute(provider, request),
    }
    if provider.legal_name:
        data["legalName"] = provider.legal_name
    if provider.phone:
        data["telephone"] = provider.phone
    if provider.email:
        data["email"] = provider.email
    if provider.website:
        data["sameAs"] = provider.website
    if provider.tax_code:
        key = "vatID" if len(provider.tax_code) == 11 else "taxID"
        data[key] = provider.tax_code
    if provider.address or provider.municipality_id:
        data["address"] = _postal_address(
            provider.address, provider.postcode, provider.municipality
        )
    return data


def service_data(page, context, request):
    """GovernmentService when publicly funded, else Service, with provider, area and offers."""
    data = {
        "@context": SCHEMA,
        "@type": "GovernmentService" if page.funding == Funding.PUBLIC else "Service",
        "name": page.title,
        "description": page.summary,
        "url": _absolute(page, request),
    }
    provider = context.get("provider")
    if provider is not None:
        data["provider"] = _organization(provider, request)
    municipalities = context.get("municipalities") or []
    if municipalities:
        data["areaServed"] = [{"@type": "City", "name": m.name} for m in municipalities]
    else:
        district = context.get("district_name")
        if district:
            data["areaServed"] = {"@type": "AdministrativeArea", "name": district}
    offers = []
    for option in context.get("cost_options") or []:
        offer = {"@type": "Offer", "name": str(CostKind(option.kind).label)}
        if option.kind == CostKind.FREE:
            offer["price"] = "0"
            offer["priceCurrency"] = "EUR"
        elif option.amount is not None:
            offer["price"] = f"{option.amount:.2f}"
            offer["priceCurrency"] = "EUR"
        description = " ".join(part for part in (option.unit, option.note) if part)
        if description:
            offer["description"] = description
        offers.append(offer)
    if offers:
        data["offers"] = offers
    if context.get("needs"):
        data["category"] = [need.name for need in context["needs"]]
    return data


def social_point_data(page, context, request):
    """Place with address, coordinates, phone and weekly openingHoursSpecification."""
    data = {
        "@context": SCHEMA,
        "@type": "Place",
        "name": page.title,
        "url": _absolute(page, request),
        "address": _postal_address(page.address, page.postcode, page.municipality),
    }
    if page.intro:
        data["description"] = page.intro
    if page.latitude is not None and page.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(page.latitude),
            "longitude": float(page.longitude),
        }
    if page.phone:
        data["telephone"] = page.phone
    hours = context.get("opening_hours") or []
    if hours:
        data["openingHoursSpecification"] = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"{SCHEMA}/{WEEKDAYS[slot.weekday]}",
                "opens": slot.opens.strftime("%H:%M"),
                "closes": slot.closes.strftime("%H:%M"),
            }
            for slot in hours
        ]
    return data


def provider_data(page, context, request):
    """Organization: names, tax identifiers, address and contacts."""
    data = {"@context": SCHEMA, **_organization(page, request)}
    services = context.get("services") or []
    if services:
        data["makesOffer"] = [
            {
                "@type": "Offer",
                "itemOffered": {
                    "@type": "Service",
                    "name": service.title,
                    "url": _absolute(service, request),
                },
            }
            for service in services
        ]
    return data


def guide_data(page, context, request):
    """Article: headline, summary, dates and the district as publisher."""
    data = {
        "@context": SCHEMA,
        "@type": "Article",
        "headline": page.title,
        "description": page.summary,
        "url": _absolute(page, request),
        "inLanguage": page.locale.language_code if page.locale_id else "it",
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at
    if page.last_published_at:
        data["dateModified"] = page.last_published_at
    if context.get("district_name"):
        data["publisher"] = {"@type": "Organization", "name": context["district_name"]}
    return data


def collection_data(page, items, request):
    """CollectionPage listing the index's children."""
    return {
        "@context": SCHEMA,
        "@type": "CollectionPage",
        "name": page.title,
        "url": _absolute(page, request),
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": item.title,
                    "url": _absolute(item, request),
                }
                for position, item in enumerate(items, start=1)
            ],
        },
    }


def home_data(page, context, request):
    """WebSite for the portal's root, published by the district."""
    data = {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": context.get("district_name") or page.title,
        "url": _absolute(page, request),
        "inLanguage": page.locale.language_code if page.locale_id else "it",
    }
    if context.get("district_name"):
        data["publisher"] = {"@type": "GovernmentOrganization", "name": context["district_name"]}
    return data


def page_data(page, context, request):
    """The JSON-LD object for any page of the site (a plain WebPage for the rest). A page
    type of another app (the home page) builds its own through `structured_data()`."""
    own = getattr(page, "structured_data", None)
    if own is not None:
        return own(context, request)

    builders = {
        models.ServicePage: service_data,
        models.SocialPointPage: social_point_data,
        models.ProviderPage: provider_data,
        models.GuidePage: guide_data,
    }
    for model, builder in builders.items():
        if isinstance(page, model):
            return builder(page, context, request)
    listings = {
        models.ServiceIndexPage: "services",
        models.ProviderIndexPage: "providers",
        models.SocialPointIndexPage: "social_points",
        models.GuideIndexPage: "guides",
    }
    for model, key in listings.items():
        if isinstance(page, model):
            return collection_data(page, context.get(key) or [], request)
    return {
        "@context": SCHEMA,
        "@type": "WebPage",
        "name": page.title,
        "url": _absolute(page, request),
    }
