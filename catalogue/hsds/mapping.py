"""The catalogue's pages and snippets as HSDS 3.0 objects (plain dicts, JSON-ready).

ProviderPage → organization; ServicePage → service; SocialPointPage (and a provider's
office) → location with its weekly schedules; each (service, location) link →
service_at_location; Need and Audience → terms of the taxonomies «bisogni» and
«destinatari»; the art. 51 categories a service qualifies for → terms of the fixed taxonomy
«welfare-aziendale». Empty values are left out: the specification's schemas type every field
and allow no null. Related rows must already be prefetched (see `selectors`): nothing here
queries the database except through those prefetches.
"""

import functools
import re
import uuid
from datetime import UTC
from html import unescape

from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.choices import Art51Category, CostKind, Funding, ProviderKind, Weekday
from catalogue.hsds import ids

HSDS_VERSION = "3.0"
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
TAXONOMIES = {
    "bisogni": (
        gettext_lazy("Bisogni"),
        gettext_lazy(
            "I bisogni con cui un cittadino arriva: anziani, disabilità, minori e famiglia…"
        ),
    ),
    "destinatari": (
        gettext_lazy("Destinatari"),
        gettext_lazy("A chi è rivolto un servizio: anziani over 65, famiglie con minori…"),
    ),
}
WELFARE = "welfare-aziendale"
TAXONOMIES[WELFARE] = (
    gettext_lazy("Welfare aziendale (art. 51 TUIR)"),
    gettext_lazy(
        "Per quali categorie dell'art. 51 c. 2 del TUIR un servizio si può pagare con il "
        "credito welfare di un'azienda: lettere f, f-bis, f-ter."
    ),
)
LINK_TYPES = {"bisogni": "need", "destinatari": "audience", WELFARE: "art51_category"}


class FixedTerm:
    """A term of a fixed vocabulary (an art. 51 category) shaped as the mapper reads a
    snippet: a stable key, a locale, a name in the content's language."""

    def __init__(self, code, locale):
        self.slug = code
        self.locale = locale
        self.translation_key = uuid.uuid5(ids.NAMESPACE, f"taxonomy/{WELFARE}/{code}")

    @property
    def name(self):
        return str(Art51Category(self.slug).label)

    @property
    def description(self):
        return self.name


def compact(data):
    """`data` without the keys whose value is None or an empty string."""
    return {key: value for key, value in data.items() if value is not None and value != ""}


def plain_text(html):
    """Rich text as plain text: one line per paragraph or list item, no markup."""
    if not html:
        return ""
    html = re.sub(r"</(p|h\d|li|blockquote)>|<br\s*/?>", "\n", html, flags=re.IGNORECASE)
    lines = (" ".join(line.split()) for line in unescape(strip_tags(html)).splitlines())
    return "\n".join(line for line in lines if line)


def joined(*parts):
    return "\n".join(part for part in parts if part)


def timestamp(moment):
    """An HSDS date-time: UTC, millisecond accuracy, ending in Z."""
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{moment.microsecond // 1000:03d}Z"
    )


def in_content_language(method):
    """Labels (cost kinds, weekdays, languages) in the content's language, not the reader's."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with translation.override(self.language_code):
            return method(self, *args, **kwargs)

    return wrapper


class Mapper:
    """Builds HSDS objects for one request (absolute URLs) or one export (site URLs)."""

    def __init__(self, *, request=None, district=(), language_code=None):
        self.request = request
        self.district = list(district)
        self.language_code = language_code or settings.LANGUAGE_CODE

    def url(self, page):
        return page.get_full_url(self.request)

    # --- taxonomies ----------------------------------------------------------------------

    @in_content_language
    def taxonomy(self, slug, language_code):
        name, description = TAXONOMIES[slug]
        return {
            "id": ids.taxonomy_id(slug, language_code),
            "name": str(name),
            "description": str(description),
        }

    @in_content_language
    def taxonomy_term(self, slug, term, *, detail=False):
        language_code = term.locale.language_code
        data = compact(
            {
                "id": ids.object_id(term),
                "code": term.slug,
                "name": term.name,
                "description": getattr(term, "description", "") or term.name,
                "taxonomy": slug,
                "taxonomy_id": ids.taxonomy_id(slug, language_code),
                "language": language_code,
            }
        )
        if detail:
            data["taxonomy_detail"] = self.taxonomy(slug, language_code)
        return data

    def attribute(self, owner_id, slug, term):
        term_data = self.taxonomy_term(slug, term)
        return {
            "id": ids.child_id(owner_id, "attribute", term_data["id"]),
            "link_id": owner_id,
            "link_type": LINK_TYPES[slug],
            "link_entity": "service",
            "taxonomy_term_id": term_data["id"],
            "taxonomy_term": term_data,
        }

    # --- organizations -------------------------------------------------------------------

    @in_content_language
    def organization(self, provider, *, full=False, services=None):
        """An organization; `full` adds phones, identifiers, locations; then its services."""
        org_id = ids.object_id(provider)
        data = compact(
            {
                "id": org_id,
                "name": provider.title,
                "alternate_name": provider.legal_name
                if provider.legal_name != provider.title
                else None,
                "description": plain_text(provider.description) or provider.legal_name,
                "email": provider.email,
                "website": provider.website,
                "tax_id": provider.tax_code,
                "legal_status": str(ProviderKind(provider.kind).label)
                if provider.kind in ProviderKind.values
                else None,
                "logo": self.logo(provider),
                "uri": self.url(provider),
            }
        )
        if full:
            data["phones"] = (
                [
                    {
                        "id": ids.child_id(org_id, "phone"),
                        "organization_id": org_id,
                        "number": provider.phone,
                    }
                ]
                if provider.phone
                else []
            )
            data["organization_identifiers"] = self.organization_identifiers(provider, org_id)
            office = self.provider_location(provider)
            data["locations"] = [office] if office else []
        if services is not None:
            data["services"] = services
        return data

    def logo(self, provider):
        if provider.logo is None:
            return None
        return provider.logo.get_rendition("max-400x200").full_url

    def organization_identifiers(self, provider, org_id):
        if not provider.tax_code:
            return []
        kind = _("Partita IVA") if len(provider.tax_code) == 11 else _("Codice fiscale")
        return [
            {
                "id": ids.child_id(org_id, "organization_identifier", "tax_code"),
                "organization_id": org_id,
                "identifier_type": kind,
                "identifier": provider.tax_code,
            }
        ]

    # --- locations -----------------------------------------------------------------------

    def address(self, location_id, street, postcode, municipality):
        return compact(
            {
                "id": ids.child_id(location_id, "address", "physical"),
                "location_id": location_id,
                "address_1": street,
                "city": municipality.name,
                "state_province": municipality.province,
                "postal_code": postcode or municipality.postcode,
                "country": "IT",
                "address_type": "physical",
            }
        )

    def provider_location(self, provider):
        """The provider's office as a location, or None when it gives no address."""
        if not provider.address or provider.municipality is None:
            return None
        org_id = ids.object_id(provider)
        location_id = ids.child_id(org_id, "location", "office")
        return compact(
            {
                "id": location_id,
                "location_type": "physical",
                "organization_id": org_id,
                "name": _("%(provider)s – sede") % {"provider": provider.title},
                "url": self.url(provider),
                "addresses": [
                    self.address(
                        location_id, provider.address, provider.postcode, provider.municipality
                    )
                ],
                "phones": [
                    {
                        "id": ids.child_id(location_id, "phone"),
                        "location_id": location_id,
                        "number": provider.phone,
                    }
                ]
                if provider.phone
                else [],
            }
        )

    @in_content_language
    def social_point_location(self, point, *, full=True):
        """A Social Point as a location; `full` adds address, contacts and schedules."""
        location_id = ids.object_id(point)
        data = compact(
            {
                "id": location_id,
                "location_type": "physical",
                "url": self.url(point),
                "name": point.title,
                "description": point.intro,
                "latitude": float(point.latitude) if point.latitude is not None else None,
                "longitude": float(point.longitude) if point.longitude is not None else None,
            }
        )
        if not full:
            return data
        data["addresses"] = [
            self.address(location_id, point.address, point.postcode, point.municipality)
        ]
        data["phones"] = (
            [
                {
                    "id": ids.child_id(location_id, "phone"),
                    "location_id": location_id,
                    "number": point.phone,
                }
            ]
            if point.phone
            else []
        )
        data["contacts"] = (
            [
                {
                    "id": ids.child_id(location_id, "contact"),
                    "location_id": location_id,
                    "name": point.title,
                    "email": point.email,
                }
            ]
            if point.email
            else []
        )
        data["accessibility"] = (
            [
                {
                    "id": ids.child_id(location_id, "accessibility"),
                    "location_id": location_id,
                    "description": point.accessibility_notes,
                }
            ]
            if point.accessibility_notes
            else []
        )
        data["languages"] = [
            self.language(location_id, "location_id", row.language, row.get_language_display())
            for row in point.languages.all()
        ]
        slots = sorted(point.opening_hours.all(), key=lambda s: (s.weekday, s.opens, s.pk))
        notes = joined(_("Ora locale italiana (Europe/Rome)."), self.closures(point))
        data["schedules"] = [self.opening_slot(location_id, slot, notes) for slot in slots]
        return data

    def closures(self, point):
        """The desk's coming closing days, as one line for the schedules' notes."""
        today = timezone.localdate()
        days = [c for c in point.closures.all() if c.date >= today]
        if not days:
            return ""
        listed = "; ".join(
            f"{c.date:%d/%m/%Y} ({c.reason})" if c.reason else f"{c.date:%d/%m/%Y}"
            for c in sorted(days, key=lambda c: c.date)
        )
        return _("Chiuso: %(days)s.") % {"days": listed}

    def opening_slot(self, location_id, slot, notes):
        """One weekly slot as an iCal-style HSDS schedule (local time, Europe/Rome)."""
        day = Weekday(slot.weekday).label
        return {
            "id": ids.child_id(location_id, "schedule", slot.pk),
            "location_id": location_id,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": WEEKDAY_CODES[slot.weekday],
            "opens_at": slot.opens.strftime("%H:%M:%S"),
            "closes_at": slot.closes.strftime("%H:%M:%S"),
            "description": f"{day} {slot.opens:%H:%M}–{slot.closes:%H:%M}",
            "notes": notes,
        }

    def language(self, owner_id, owner_field, code, name):
        return {
            "id": ids.child_id(owner_id, "language", code),
            owner_field: owner_id,
            "name": str(name),
            "code": code,
        }

    # --- services ------------------------------------------------------------------------

    @in_content_language
    def service(self, service, *, full=False, with_organization=True):
        """A service: its one-to-one fields, plus every related list when `full`."""
        service_id = ids.object_id(service)
        provider = service.hsds_provider
        data = compact(
            {
                "id": service_id,
                "organization_id": ids.object_id(provider),
                "name": service.title,
                "description": joined(service.summary, plain_text(service.description)),
                "url": self.url(service),
                "status": "active" if service.is_active else "temporarily closed",
                "alert": None if service.is_active else service.inactive_reason,
                "minimum_age": service.min_age,
                "maximum_age": service.max_age,
                "assured_date": service.last_reviewed.isoformat()
                if service.last_reviewed
                else None,
                "last_modified": timestamp(service.last_published_at or service.first_published_at),
                "wait_time": plain_text(service.timing),
                "fees_description": self.fees_description(service),
                "accreditations": _("Accreditato per il Bando per la domiciliarità")
                if service.funding == Funding.ACCREDITED and provider.accredited_home_care
                else None,
            }
        )
        if with_organization:
            data["organization"] = self.organization(provider)
        if not full:
            return data
        data.update(
            compact(
                {
                    "application_process": self.application_process(service),
                    "eligibility_description": self.eligibility(service),
                    "email": next((c.email for c in service.contacts.all() if c.email), None),
                }
            )
        )
        data["languages"] = [
            self.language(service_id, "service_id", row.language, row.get_language_display())
            for row in service.languages.all()
        ]
        data["cost_options"] = [
            self.cost_option(service_id, row) for row in service.cost_options.all()
        ]
        data["funding"] = [
            {
                "id": ids.child_id(service_id, "funding"),
                "service_id": service_id,
                "source": str(Funding(service.funding).label),
            }
        ]
        data["required_documents"] = [
            compact(
                {
                    "id": ids.child_id(service_id, "required_document", row.pk),
                    "service_id": service_id,
                    "document": f"{row.name}: {row.note}" if row.note else row.name,
                }
            )
            for row in service.required_documents.all()
        ]
        contacts = list(service.contacts.all())
        data["contacts"] = [self.contact(service_id, row) for row in contacts]
        data["schedules"] = [
            {
                "id": ids.child_id(service_id, "schedule", row.pk),
                "service_id": service_id,
                "description": f"{row.name}: {row.hours}",
            }
            for row in contacts
            if row.hours
        ]
        municipalities = list(service.municipalities.all()) or self.district
        data["service_areas"] = [
            self.service_area(service_id, municipality) for municipality in municipalities
        ]
        data["attributes"] = (
            [self.attribute(service_id, "bisogni", need) for need in service.needs.all()]
            + [
                self.attribute(service_id, "destinatari", audience)
                for audience in service.audiences.all()
            ]
            + [
                self.attribute(service_id, WELFARE, FixedTerm(code, service.locale))
                for code in service.art51_categories or []
            ]
        )
        data["service_at_locations"] = [
            self.service_at_location(service, kind, location, with_service=False)
            for kind, location in self.locations_of(service)
        ]
        return data

    def fees_description(self, service):
        parts = [plain_text(service.cost_notes)]
        if service.voucher_accepted:
            parts.append(_("Si può pagare con il voucher comunale."))
        return joined(*parts)

    def application_process(self, service):
        steps = [f"{n}. {step.text}" for n, step in enumerate(service.access_steps.all(), 1)]
        return joined(*steps, plain_text(service.how_to_access))

    def eligibility(self, service):
        parts = [", ".join(a.name for a in service.audiences.all())]
        if service.residence_required:
            parts.append(_("Riservato ai residenti dei comuni del distretto."))
        if service.isee_max is not None:
            parts.append(_("ISEE fino a %(amount)s euro.") % {"amount": service.isee_max})
        parts.append(plain_text(service.eligibility_notes))
        return joined(*parts)

    def cost_option(self, service_id, row):
        option = str(CostKind(row.kind).label) if row.kind in CostKind.values else row.kind
        if row.unit:
            option = f"{option} ({row.unit})"
        return compact(
            {
                "id": ids.child_id(service_id, "cost_option", row.pk),
                "service_id": service_id,
                "option": option,
                "currency": "EUR" if row.amount is not None else None,
                "amount": float(row.amount) if row.amount is not None else None,
                "amount_description": row.note,
            }
        )

    def contact(self, service_id, row):
        contact_id = ids.child_id(service_id, "contact", row.pk)
        return compact(
            {
                "id": contact_id,
                "service_id": service_id,
                "name": row.name,
                "email": row.email,
                "phones": [
                    compact(
                        {
                            "id": ids.child_id(contact_id, "phone"),
                            "contact_id": contact_id,
                            "number": row.phone,
                            "description": row.hours,
                        }
                    )
                ]
                if row.phone
                else [],
            }
        )

    def service_area(self, service_id, municipality):
        return compact(
            {
                "id": ids.child_id(service_id, "service_area", ids.object_id(municipality)),
                "service_id": service_id,
                "name": municipality.name,
                "description": _("Comune di %(name)s (%(province)s)")
                % {"name": municipality.name, "province": municipality.province},
            }
        )

    # --- service at location -------------------------------------------------------------

    def locations_of(self, service):
        """(kind, page) of every place the service is offered at, office first."""
        places = []
        if service.hsds_provider.address and service.hsds_provider.municipality:
            places.append(("provider", service.hsds_provider))
        places.extend(("social_point", point) for point in service.hsds_social_points)
        return places

    def location(self, kind, page, *, full=True):
        if kind == "provider":
            data = self.provider_location(page)
            if not full:
                data = {k: v for k, v in data.items() if not isinstance(v, list)}
            return data
        return self.social_point_location(page, full=full)

    @in_content_language
    def service_at_location(self, service, kind, page, *, full=True, with_service=True):
        service_id = ids.object_id(service)
        location = self.location(kind, page, full=full)
        if kind == "provider":
            description = _("Presso la sede dell'ente.")
        else:
            description = _("Il Social Point aiuta a informarsi e a presentare la richiesta.")
        data = {
            "id": ids.child_id(service_id, "service_at_location", location["id"]),
            "service_id": service_id,
            "location_id": location["id"],
            "description": description,
            "location": location,
        }
        if with_service:
            data["service"] = self.service(service, full=False)
        return data
