"""«I miei buoni» and the estimate on the request form, as the citizen uses them."""

import datetime

import pytest

from funding import services
from funding.models import CitizenIsee, DeliveryStatus, OrderStatus
from intake.forms import ServiceRequestForm
from tests import factories as f
from tests.funding.world import grant, quote

pytestmark = pytest.mark.django_db


def test_the_citizen_sees_what_is_left_accepts_a_quote_and_contests_a_session(client, world):
    order = quote(world, grant(world, "1000.00"), "10")
    client.force_login(world.citizen.user)

    page = client.get("/buoni/")
    text = page.content.decode()
    assert "1.000,00" in text and "Accetta il preventivo" in text

    client.post(f"/buoni/ordini/{order.pk}/accetta/")
    order.refresh_from_db()
    assert order.status == OrderStatus.ACCEPTED
    assert "840,00" in client.get("/buoni/").content.decode()

    delivery = services.record_delivery(
        order=order, date=world.today, quantity=2, actor=world.aurora_staff
    )
    client.post(f"/buoni/prestazioni/{delivery.pk}/contesta/", {"reason": "Mai venuti."})
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.CONTESTED
    assert "8,00" in client.get("/buoni/").content.decode()  # the co-payment owed


def test_another_citizen_gets_404_on_someone_elses_quote(client, world):
    order = quote(world, grant(world), "4")
    client.force_login(world.other_citizen.user)
    assert client.post(f"/buoni/ordini/{order.pk}/accetta/").status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.PROPOSED


def test_the_citizen_records_their_isee(client, world):
    client.force_login(world.other_citizen.user)
    client.post("/buoni/isee/", {"value": "5400,00"})
    assert CitizenIsee.objects.get(citizen=world.other_citizen).value == 5400


def test_the_request_form_shows_the_estimate_from_the_isee_band(client, world):
    client.force_login(world.citizen.user)  # ISEE 12.000 €: 20% of 20 €
    text = client.get(f"/richieste/nuova/{world.service.pk}/").content.decode()
    assert "4,00" in text and "16,00" in text

    stranger = f.CitizenProfileFactory()
    client.force_login(stranger.user)
    text = client.get(f"/richieste/nuova/{world.service.pk}/").content.decode()
    assert "serve il tuo ISEE" in text
    assert world.fund.valid_until > datetime.date.today()


def test_free_choice_shows_how_soon_each_cooperative_starts(client, world):
    world.aurora.accredited_home_care = True
    world.aurora.start_within_days = 5
    world.aurora.save_revision().publish()
    world.girasole.accredited_home_care = True
    world.girasole.save_revision().publish()  # says nothing about its start
    world.service.partner_providers.add(world.girasole)
    world.service.save_revision().publish()
    client.force_login(world.citizen.user)
    text = client.get(f"/richieste/nuova/{world.service.pk}/").content.decode()
    assert "Tempi di attivazione" in text
    assert "primo intervento entro 5 giorni" in text and "non indicati" in text

    page = client.get(world.aurora.url).content.decode()
    assert "il primo intervento avviene entro 5 giorni" in page
    assert "Tempi di attivazione" not in client.get(world.girasole.url).content.decode()


def test_without_vouchers_the_page_quotes_the_request_forms_checkbox(client, world):
    client.force_login(world.other_citizen.user)
    text = client.get("/buoni/").content.decode()
    label = str(ServiceRequestForm.base_fields["voucher_requested"].label)
    assert f"«{label}»" in text
