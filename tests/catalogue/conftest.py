"""Fixtures of the public-site tests: a service with every section filled, its Social Point."""

import datetime
import json
from decimal import Decimal

import pytest

from tests import factories as f


@pytest.fixture
def social_point(catalogue):
    """A Social Point open Monday 9:00–12:30 and Wednesday 14:00–17:00, closed on a holiday."""
    point = f.SocialPointPageFactory(
        parent=catalogue["social_points"],
        title="Social Point Tradate",
        address="Piazza Mazzini 6",
        postcode="21049",
        municipality=f.MunicipalityFactory(name="Tradate"),
        latitude=Decimal("45.708300"),
        longitude=Decimal("8.907500"),
        phone="0331 826 811",
        email="socialpoint@example.org",
        accessibility_notes="Ingresso senza gradini, bagno accessibile.",
        how_to_book="<p>Telefona per un appuntamento.</p>",
    )
    f.SocialPointOpeningHoursFactory(page=point, weekday=0, opens="09:00", closes="12:30")
    f.SocialPointOpeningHoursFactory(page=point, weekday=2, opens="14:00", closes="17:00")
    f.SocialPointClosureFactory(page=point, date=datetime.date(2030, 12, 25), reason="Natale")
    return point


@pytest.fixture
def full_service(catalogue, social_point):
    """A service with every section of the card filled, under a provider with an office."""
    provider = catalogue["provider"]
    provider.address = "Via Roma 1"
    provider.postcode = "21049"
    provider.municipality = social_point.municipality
    provider.phone = "0331 111222"
    provider.save_revision().publish()
    partner = f.ProviderPageFactory(parent=catalogue["providers"], title="Cooperativa Partner")
    need = f.NeedFactory(name="Anziani")
    audience = f.AudienceFactory(name="Anziani over 65")
    service = f.ServicePageFactory(
        parent=provider,
        title="Assistenza domiciliare anziani",
        summary="Aiuto a casa per le persone anziane che vivono sole.",
        min_age=65,
        max_age=99,
        residence_required=True,
        isee_max=Decimal("15000.00"),
        outcome="<p>Fino a 6 ore di assistenza a settimana.</p>",
        timing="<p>Risposta entro 30 giorni.</p>",
        funding="accredited",
        voucher_accepted=True,
        delivered_at_home=True,
        last_reviewed=datetime.date(2026, 3, 15),
    )
    service.needs.set([need])
    service.audiences.set([audience])
    service.social_points.set([social_point])
    service.partner_providers.set([partner])
    service.save()
    f.ServiceAccessStepFactory(page=service, text="Telefona allo sportello", sort_order=0)
    f.ServiceRequiredDocumentFactory(page=service, name="Attestazione ISEE")
    f.ServiceCostOptionFactory(page=service, kind="per_hour", amount=Decimal("18.50"), unit="ora")
    f.ServiceCostOptionFactory(page=service, kind="income_based", note="Gratis sotto 6.000 €")
    f.ServiceContactFactory(page=service)
    f.ServiceLanguageFactory(page=service, language="ro")
    return service


@pytest.fixture
def guide(catalogue, full_service):
    """A guide with a heading, steps, a call-out and a question, linked to the service."""
    body = [
        {"type": "heading", "value": {"text": "Chi può chiederlo"}},
        {"type": "paragraph", "value": "<p>Un paragrafo della guida.</p>"},
        {"type": "steps", "value": {"steps": ["Registrati", "Scegli il servizio"]}},
        {"type": "callout", "value": {"kind": "warning", "title": "", "text": "<p>Occhio.</p>"}},
        {
            "type": "question_answer",
            "value": {"question": "Quanto costa?", "answer": "<p>Dipende dall'ISEE.</p>"},
        },
    ]
    page = f.GuidePageFactory(
        parent=catalogue["guides"],
        title="Come funziona il voucher",
        summary="Cos'è il voucher comunale e come usarlo.",
        body=json.dumps(body),
    )
    page.related_services.create(service=full_service)
    page.save_revision().publish()
    return page
