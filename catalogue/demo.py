"""Demo loader of the catalogue: the Ambito di Tradate, built from `catalogue/data/`.

Idempotent: every snippet is looked up by slug and every page by its slug under its parent,
then updated in place; a page gets a new published revision only when its content changed.
Running it twice leaves the same content and no duplicates.
"""

import csv
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.text import slugify
from stdnum import luhn
from wagtail.models import Locale, Site

from catalogue import governance
from catalogue.data import demo_content as content
from catalogue.data import demo_translations
from catalogue.models import (
    Audience,
    GuideIndexPage,
    GuidePage,
    GuideRelatedService,
    Municipality,
    Need,
    ProviderIndexPage,
    ProviderPage,
    ServiceAccessStep,
    ServiceContact,
    ServiceCostOption,
    ServiceIndexPage,
    ServiceLanguage,
    ServicePage,
    ServiceRequiredDocument,
    SocialPointClosure,
    SocialPointIndexPage,
    SocialPointLanguage,
    SocialPointOpeningHours,
    SocialPointPage,
)

DISTRICT_CSV = Path(__file__).resolve().parent / "data" / "district-tradate.csv"
VARESE_TAX_OFFICE = "012"
FIRST_REVIEW = date(2026, 9, 1)

INDEX_PAGES = [
    (
        ServiceIndexPage,
        "servizi",
        "Servizi",
        "<p>Tutti i servizi sociali dell'Ambito di Tradate: cerca per bisogno, per comune, "
        "per costo o per voucher.</p>",
    ),
    (
        ProviderIndexPage,
        "enti",
        "Enti e cooperative",
        "<p>L'Ufficio di Piano e le cooperative sociali che prestano i servizi nei comuni "
        "dell'Ambito.</p>",
    ),
    (
        SocialPointIndexPage,
        "social-point",
        "Social Point",
        "<p>Gli sportelli dove un operatore ti aiuta a registrarti e a chiedere un servizio.</p>",
    ),
    (
        GuideIndexPage,
        "guide",
        "Guide",
        "<p>Spiegazioni passo per passo per usare il portale e i servizi.</p>",
    ),
]

# Page bookkeeping that changes with every save and says nothing about the content.
VOLATILE_KEYS = {
    "pk",
    "id",
    "page",
    "sort_order",
    "path",
    "depth",
    "numchild",
    "url_path",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "content_type",
    "translation_key",
    "wagtail_admin_comments",
}


def load_catalogue(stdout=None):
    """Build (or bring up to date) the whole demo catalogue, then the editors' rights."""
    locale = Locale.get_default()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or site.root_page.depth != 2:
        raise RuntimeError("The HomePage must exist: load_home() runs first.")
    home = site.root_page.specific
    municipalities = load_municipalities(locale)
    needs = load_needs(locale)
    audiences = load_audiences(locale)
    indexes = load_index_pages(home)
    governance.setup_governance()
    social_points = load_social_points(indexes[SocialPointIndexPage], municipalities)
    providers = load_providers(indexes[ProviderIndexPage], municipalities)
    services = load_services(
        providers,
        needs=needs,
        audiences=audiences,
        municipalities=municipalities,
        social_points=social_points,
    )
    feature_services(home, services)
    guides = load_guides(indexes[GuideIndexPage], services)
    if stdout is not None:
        stdout.write(
            f"Catalogo: {len(municipalities)} comuni, {len(social_points)} Social Point, "
            f"{len(providers)} enti, {len(services)} servizi, {len(guides)} guide"
        )
    return {
        "municipalities": municipalities,
        "social_points": social_points,
        "providers": providers,
        "services": services,
        "guides": guides,
    }


def example_vat_number(seed):
    """A partita IVA with a valid check digit, registered (in the demo) in Varese."""
    body = f"9999{seed:03d}{VARESE_TAX_OFFICE}"
    return body + luhn.calc_check_digit(body)


# --- snippets ---------------------------------------------------------------------------


def load_municipalities(locale):
    """The 8 municipalities of the district, by cadastral code."""
    municipalities = {}
    with DISTRICT_CSV.open(encoding="utf-8") as source:
        for row in csv.DictReader(source):
            code = row["cadastral_code"]
            latitude, longitude = content.TOWN_CENTRES[code]
            municipality, _ = Municipality.objects.update_or_create(
                slug=slugify(row["name"]),
                locale=locale,
                defaults={
                    "name": row["name"],
                    "cadastral_code": code,
                    "postcode": row["postcode"],
                    "province": "VA",
                    "population": int(row["population_approx"]),
                    "in_district": True,
                    "latitude": Decimal(latitude),
                    "longitude": Decimal(longitude),
                },
            )
            municipalities[code] = municipality
    return municipalities


def load_needs(locale):
    """The needs a citizen starts from, in the order the home page shows them."""
    needs = {}
    for order, (slug, name, icon, description) in enumerate(content.NEEDS):
        needs[slug], _ = Need.objects.update_or_create(
            slug=slug,
            locale=locale,
            defaults={
                "name": name,
                "icon": icon,
                "description": description,
                "lay_terms": content.NEED_WORDS.get(slug, ""),
                "sort_order": order,
            },
        )
    return needs


def load_audiences(locale):
    """Who services are for (destinatari)."""
    audiences = {}
    for order, (slug, name, min_age, max_age) in enumerate(content.AUDIENCES):
        audiences[slug], _ = Audience.objects.update_or_create(
            slug=slug,
            locale=locale,
            defaults={
                "name": name,
                "lay_terms": content.AUDIENCE_WORDS.get(slug, ""),
                "min_age": min_age,
                "max_age": max_age,
                "sort_order": order,
            },
        )
    return audiences


# --- pages ------------------------------------------------------------------------------


def _fingerprint(page):
    """The page's content without bookkeeping, to tell whether a new revision is needed."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in VOLATILE_KEYS}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    data = strip(page.serializable_data())
    for key, value in data.items():
        if isinstance(value, list) and all(isinstance(v, int) for v in value):
            data[key] = sorted(value)
    return json.dumps(data, sort_keys=True, default=str)


def upsert_page(parent, model, slug, fields, *, children=None, relations=None, lookup=None):
    """Create the page `slug` under `parent`, or update it; publish only what changed.

    `children` maps child relations (InlinePanel rows) to lists of unsaved objects, kept in
    the order given; `relations` maps ParentalManyToManyFields to lists of objects; both
    replace what is there.
    """
    queryset = model.objects.child_of(parent)
    page = (lookup(queryset) if lookup else queryset.filter(slug=slug)).first()
    created = page is None
    if created:
        page = model(slug=slug, locale=parent.locale)
        before = None
    else:
        before = _fingerprint(page)
    page.slug = slug
    for name, value in fields.items():
        setattr(page, name, value)
    for name, objects in (children or {}).items():
        existing = list(getattr(page, name).all()) if not created else []
        for position, child in enumerate(objects):
            child.sort_order = position
            if position < len(existing) and hasattr(child, "translation_key"):
                # The row in the same place keeps its identity: its translations follow it.
                child.pk = existing[position].pk
                child.translation_key = existing[position].translation_key
                child.locale_id = existing[position].locale_id
        setattr(page, name, objects)
    for name, objects in (relations or {}).items():
        getattr(page, name).set(objects)
    if created:
        parent.add_child(instance=page)
    if created or before != _fingerprint(page) or not page.live:
        page.save_revision().publish()
    return page


def load_index_pages(home):
    """The four sections under the HomePage, in the main menu."""
    indexes = {}
    for model, slug, title, intro in INDEX_PAGES:
        indexes[model] = upsert_page(
            home,
            model,
            slug,
            {"title": title, "intro": intro, "show_in_menus": True},
            lookup=lambda queryset: queryset,
        )
    return indexes


def load_social_points(index, municipalities):
    """The four Social Points, with weekly hours, closures and languages."""
    social_points = {}
    for point in content.SOCIAL_POINTS:
        municipality = municipalities[point["municipality"]]
        social_points[point["slug"]] = upsert_page(
            index,
            SocialPointPage,
            point["slug"],
            {
                "title": point["title"],
                "intro": point["intro"],
                "address": point["address"],
                "postcode": municipality.postcode,
                "municipality": municipality,
                "latitude": Decimal(point["latitude"]),
                "longitude": Decimal(point["longitude"]),
                "phone": point["phone"],
                "email": point["email"],
                "accessibility_notes": point["accessibility"],
                "how_to_book": content.HOW_TO_BOOK,
                "search_description": point["intro"],
            },
            children={
                "opening_hours": [
                    SocialPointOpeningHours(weekday=day, opens=opens, closes=closes)
                    for day, opens, closes in point["hours"]
                ],
                "closures": [
                    SocialPointClosure(date=day, reason=reason) for day, reason in point["closures"]
                ],
                "languages": [SocialPointLanguage(language=code) for code in point["languages"]],
            },
        )
    return social_points


def load_providers(index, municipalities):
    """The Ufficio di Piano and the 14 example cooperatives (each gets its editors' group)."""
    providers = {}
    for provider in content.PROVIDERS:
        municipality = municipalities[provider["municipality"]]
        accredited = provider["accredited"]
        seed = provider.get("vat_number_seed")
        providers[provider["slug"]] = upsert_page(
            index,
            ProviderPage,
            provider["slug"],
            {
                "title": provider["title"],
                "legal_name": provider["legal_name"],
                "kind": provider["kind"],
                "tax_code": example_vat_number(seed) if seed else "",
                "description": f"<p>{provider['description']}</p>",
                "address": provider["address"],
                "postcode": municipality.postcode,
                "municipality": municipality,
                "phone": provider["phone"],
                "email": provider["email"],
                "website": provider.get("website", ""),
                "request_email": provider["email"],
                "accredited_home_care": accredited is not None,
                "accreditation_expires": accredited,
                "start_within_days": provider.get("start_within_days"),
                "search_description": provider["description"][:250],
            },
        )
    return providers


# The art. 51 TUIR categories a demo service qualifies for (company welfare credit).
ART51_CATEGORIES = {
    **dict.fromkeys(
        [
            "assistenza-domiciliare-accreditata-anziani",
            "bagno-assistito-a-domicilio",
            "compagnia-e-commissioni",
            "sollievo-a-domicilio",
            "centro-diurno-anziani",
            "assistenza-notturna",
            "ricoveri-di-sollievo",
            "accompagnamento-visite-mediche",
            "spesa-e-farmaci-a-domicilio",
            "sostegno-disabilita-a-domicilio",
        ],
        ["f_ter"],
    ),
    **dict.fromkeys(["centri-estivi", "spazio-compiti", "spazio-gioco-prima-infanzia"], ["f_bis"]),
    "educativa-domiciliare-minori": ["f", "f_bis"],
    **dict.fromkeys(
        [
            "ginnastica-dolce-e-memoria",
            "supporto-psicologico",
            "consulenza-familiare",
            "laboratori-tempo-libero",
        ],
        ["f"],
    ),
}


def _service_fields(number, service, route):
    delivery = service.get("delivery", "")
    isee_max = service.get("isee_max")
    funding = service.get("funding", route["funding"])
    return {
        "title": service["title"],
        "summary": service["summary"],
        "lay_terms": content.SERVICE_WORDS.get(service["slug"], ""),
        "search_description": service["summary"],
        "is_active": service.get("is_active", True),
        "inactive_reason": service.get("inactive_reason", ""),
        "min_age": service.get("min_age"),
        "max_age": service.get("max_age"),
        "residence_required": service.get("residence", service["route"] in ("social", "voucher")),
        "isee_max": Decimal(isee_max) if isee_max else None,
        "eligibility_notes": service.get("eligibility", ""),
        "description": f"<p>{service['description']}</p>",
        "how_to_access": route["how_to_access"],
        "outcome": f"<p>{service['outcome']}</p>",
        "timing": service.get("timing", route["timing"]),
        "cost_notes": service.get("cost_notes", ""),
        "funding": funding,
        "voucher_accepted": service["route"] == "voucher" and funding == "accredited",
        "art51_categories": ART51_CATEGORIES.get(service["slug"], []),
        "delivered_at_home": "h" in delivery,
        "delivered_at_provider": "p" in delivery,
        "delivered_at_social_point": "s" in delivery,
        "delivered_remotely": "r" in delivery,
        "conditions_notes": route["conditions"],
        "last_reviewed": FIRST_REVIEW + timedelta(days=(number * 7) % 84),
    }


def _service_children(service, route, provider):
    documents = route["documents"] + service.get("extra_documents", [])
    return {
        "access_steps": [ServiceAccessStep(text=text) for text in route["steps"]],
        "required_documents": [
            ServiceRequiredDocument(name=name, note=note) for name, note in documents
        ],
        "cost_options": [
            ServiceCostOption(
                kind=kind, amount=Decimal(amount) if amount else None, unit=unit, note=note
            )
            for kind, amount, unit, note in service["costs"]
        ],
        "languages": [ServiceLanguage(language=code) for code in service.get("languages", ["it"])],
        "contacts": [
            ServiceContact(
                name=f"{demo_translations.CONTACT_OFFICE} – {provider.title}",
                phone=provider.phone,
                email=provider.email,
                hours="lun–ven 9–12.30; mar e gio anche 14–17",
            )
        ],
    }


def load_services(providers, *, needs, audiences, municipalities, social_points):
    """Every demo service, under its provider."""
    accredited = [p for p in providers.values() if p.accredited_home_care]
    services = {}
    for number, service in enumerate(content.SERVICES):
        route = content.ROUTES[service["route"]]
        provider = providers[service["provider"]]
        default_points = content.ALL_POINTS if service["route"] in ("social", "voucher") else []
        partners = [providers[slug] for slug in service.get("partners", [])]
        if service["slug"] == "voucher-domiciliarita":
            partners = accredited
        services[service["slug"]] = upsert_page(
            provider,
            ServicePage,
            service["slug"],
            _service_fields(number, service, route),
            children=_service_children(service, route, provider),
            relations={
                "needs": [needs[slug] for slug in service["needs"]],
                "audiences": [audiences[slug] for slug in service["audiences"]],
                "municipalities": [
                    municipalities[code] for code in service.get("municipalities", [])
                ],
                "social_points": [
                    social_points[slug] for slug in service.get("points", default_points)
                ],
                "partner_providers": partners,
            },
        )
    return services


def feature_services(home, services):
    """Put the demo's featured services on the home page (publishing only on change)."""
    wanted = [services[slug].pk for slug in content.FEATURED_SERVICES]
    current = [item.service_id for item in home.featured_services.all()]
    if current == wanted:
        return
    # The home page's own orderable (home.HomeFeaturedService): the catalogue does not import
    # the home app.
    featured = home.featured_services.model
    home.featured_services = [
        featured(service_id=pk, sort_order=position) for position, pk in enumerate(wanted)
    ]
    home.save_revision().publish()


def load_guides(index, services):
    """The four guides, with StreamField bodies and the services they point to."""
    guides = {}
    for guide in content.GUIDES:
        body = [
            _block(kind, value, f"{guide['slug']}-{position}")
            for position, (kind, value) in enumerate(guide["body"])
        ]
        guides[guide["slug"]] = upsert_page(
            index,
            GuidePage,
            guide["slug"],
            {
                "title": guide["title"],
                "summary": guide["summary"],
                "search_description": guide["summary"],
                "body": json.dumps(body),
            },
            children={
                "related_services": [
                    GuideRelatedService(service=services[slug]) for slug in guide["related"]
                ]
            },
        )
    return guides


def _block(kind, value, block_id):
    """A StreamField block in Wagtail's stored form, with ids that stay the same each run."""
    if kind == "steps":
        value = {
            "steps": [
                {"type": "item", "value": text, "id": f"{block_id}-{number}"}
                for number, text in enumerate(value["steps"])
            ]
        }
    return {"type": kind, "value": value, "id": block_id}


# (username, provider slug or None for the municipal editors): accounts to try the workflow.
DEMO_EDITORS = [("redattore", None), ("aurora", "cooperativa-aurora")]


def create_demo_editors(password):
    """DEBUG-only accounts: a municipal editor and the editor of one example cooperative.

    They let anyone try the rule by hand: «aurora» edits its services and submits them,
    «redattore» approves them. Returns (username, group name) pairs.
    """
    created = []
    for username, provider_slug in DEMO_EDITORS:
        if provider_slug is None:
            group = Group.objects.get(name=governance.MUNICIPAL_EDITORS)
        else:
            group = Group.objects.get(provider_link__page__slug=provider_slug)
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        user.is_staff = False
        user.set_password(password)
        user.save()
        user.groups.set([group])
        created.append((username, group.name))
    return created
