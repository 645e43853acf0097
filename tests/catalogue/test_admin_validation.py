"""The Wagtail editing form says, in Italian, what to fix, and saves nothing until it is fixed."""

import html

import pytest
from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from catalogue.models import ServiceCostOption, ServicePage
from tests import factories as f

FORMSETS = ["access_steps", "required_documents", "languages", "contacts", "attachments"]


@pytest.fixture
def admin_client(client, db):
    client.force_login(f.UserFactory(username="admin-redazione", is_superuser=True))
    return client


def service_form_data(cost_options=(), **fields):
    data = {
        "title": "Pasti a domicilio",
        "slug": "pasti-a-domicilio",
        "summary": "Un pasto caldo a casa, dal lunedì al venerdì.",
        "is_active": "on",
        "inactive_reason": "",
        "description": rich_text("<p>Il servizio porta il pranzo a casa.</p>"),
        "funding": "public",
        "comments": inline_formset([]),
        "cost_options": inline_formset(list(cost_options)),
    }
    for name in FORMSETS:
        data[name] = inline_formset([])
    data.update(fields)
    return nested_form_data(data)


def add_url(provider):
    return f"/admin/pages/add/catalogue/servicepage/{provider.pk}/"


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def errors_text(response):
    return html.unescape(response.content.decode())


def test_valid_service_is_created_through_the_admin(admin_client, catalogue):
    response = admin_client.post(add_url(catalogue["provider"]), service_form_data())
    assert response.status_code == 302
    assert ServicePage.objects.filter(slug="pasti-a-domicilio").exists()


def test_max_age_below_min_age_is_refused_on_create(admin_client, catalogue):
    before = ServicePage.objects.count()
    response = admin_client.post(
        add_url(catalogue["provider"]), service_form_data(min_age="65", max_age="18")
    )
    assert response.status_code == 200
    assert (
        "L'età massima (18) è minore dell'età minima (65): correggi una delle due."
        in errors_text(response)
    )
    assert ServicePage.objects.count() == before


def test_max_age_below_min_age_is_refused_on_edit(admin_client, catalogue):
    service = catalogue["service"]
    revisions = service.revisions.count()
    data = service_form_data(title=service.title, slug=service.slug, min_age="65", max_age="18")
    response = admin_client.post(edit_url(service), data)
    assert response.status_code == 200
    assert "L'età massima (18) è minore dell'età minima (65)" in errors_text(response)
    service.refresh_from_db()
    assert service.revisions.count() == revisions
    assert (service.min_age, service.max_age) == (None, None)


def test_fixed_cost_without_amount_is_refused(admin_client, catalogue):
    service = catalogue["service"]
    revisions = service.revisions.count()
    data = service_form_data(
        cost_options=[{"kind": "fixed", "amount": "", "unit": "", "note": ""}],
        title=service.title,
        slug=service.slug,
    )
    response = admin_client.post(edit_url(service), data)
    assert response.status_code == 200
    assert (
        "«Importo fisso» richiede un importo in euro: scrivilo, oppure scegli «Gratuito» "
        "o «In base all'ISEE»." in errors_text(response)
    )
    assert service.revisions.count() == revisions
    assert ServiceCostOption.objects.filter(page=service).count() == 0


def test_inactive_service_without_reason_is_refused(admin_client, catalogue):
    data = service_form_data()
    data.pop("is_active")
    response = admin_client.post(add_url(catalogue["provider"]), data)
    assert response.status_code == 200
    assert "Scrivi perché il servizio non è attivo" in errors_text(response)
    assert not ServicePage.objects.filter(slug="pasti-a-domicilio").exists()


def test_contact_without_phone_or_email_is_refused(admin_client, catalogue):
    data = service_form_data(contacts=inline_formset([{"name": "Sportello", "hours": "9-12"}]))
    response = admin_client.post(add_url(catalogue["provider"]), data)
    assert response.status_code == 200
    assert "Indica almeno un telefono o un'email per questo contatto." in errors_text(response)
    assert not ServicePage.objects.filter(slug="pasti-a-domicilio").exists()


def test_provider_expiry_without_accreditation_is_refused(admin_client, catalogue):
    provider = catalogue["provider"]
    data = nested_form_data(
        {
            "title": provider.title,
            "slug": provider.slug,
            "legal_name": provider.legal_name,
            "kind": "social_cooperative",
            "description": rich_text(""),
            "accreditation_expires": "2027-12-31",
            "comments": inline_formset([]),
        }
    )
    response = admin_client.post(edit_url(provider), data)
    assert response.status_code == 200
    assert "Hai indicato una scadenza ma l'ente non è segnato come accreditato" in errors_text(
        response
    )
    provider.refresh_from_db()
    assert provider.accreditation_expires is None


def test_provider_with_invalid_vat_number_is_refused(admin_client, catalogue):
    provider = catalogue["provider"]
    data = nested_form_data(
        {
            "title": provider.title,
            "slug": provider.slug,
            "legal_name": provider.legal_name,
            "kind": "social_cooperative",
            "description": rich_text(""),
            "tax_code": "01234567890",
            "comments": inline_formset([]),
        }
    )
    response = admin_client.post(edit_url(provider), data)
    assert response.status_code == 200
    assert "non è una partita IVA (11 cifre) né un codice fiscale" in errors_text(response)


def test_opening_slot_closing_before_it_opens_is_refused(admin_client, catalogue):
    parent = catalogue["social_points"]
    data = nested_form_data(
        {
            "title": "Social Point Nuovo",
            "slug": "social-point-nuovo",
            "address": "Via Manzoni 1",
            "how_to_book": rich_text(""),
            "opening_hours": inline_formset(
                [{"weekday": "0", "opens": "12:00", "closes": "09:00"}]
            ),
            "closures": inline_formset([]),
            "languages": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    response = admin_client.post(f"/admin/pages/add/catalogue/socialpointpage/{parent.pk}/", data)
    assert response.status_code == 200
    assert "L'orario di chiusura deve venire dopo quello di apertura." in errors_text(response)
    assert not parent.get_children().filter(slug="social-point-nuovo").exists()


def test_editor_previews_an_edited_service_with_its_unsaved_rows(admin_client, full_service):
    """The preview renders the service card from the form's data, before anything is saved."""
    preview_url = f"/admin/pages/{full_service.pk}/edit/preview/"
    data = service_form_data(
        cost_options=[{"kind": "per_month", "amount": "40", "unit": "mese", "note": ""}],
        title="Assistenza domiciliare anziani (anteprima)",
        slug=full_service.slug,
        min_age="60",
    )
    response = admin_client.post(preview_url, data)
    assert response.status_code == 200
    assert response.json()["is_valid"] is True
    html_text = errors_text(admin_client.get(preview_url))
    assert "Assistenza domiciliare anziani (anteprima)" in html_text
    assert "40,00\xa0€ / mese" in html_text
    assert "da 60 anni in su" in html_text
    full_service.refresh_from_db()
    assert full_service.title == "Assistenza domiciliare anziani"


def test_editor_previews_a_new_service_before_its_first_save(admin_client, catalogue):
    """The add form's preview renders the card, without the rating form (nothing to rate)."""
    preview_url = f"/admin/pages/add/catalogue/servicepage/{catalogue['provider'].pk}/preview/"
    data = service_form_data(title="Pasti a domicilio (bozza)", slug="pasti-a-domicilio-bozza")
    response = admin_client.post(preview_url, data)
    assert response.json()["is_valid"] is True

    preview = admin_client.get(preview_url)

    assert preview.status_code == 200
    assert "Pasti a domicilio (bozza)" in errors_text(preview)
    assert "Quanto sono utili le informazioni in questa pagina?" not in errors_text(preview)


def test_editor_sets_the_art51_categories_a_service_qualifies_for(admin_client, catalogue):
    data = service_form_data()
    data["art51_categories"] = ["f_ter", "f_bis"]  # checkboxes: one value each
    response = admin_client.post(add_url(catalogue["provider"]), data)
    assert response.status_code == 302
    service = ServicePage.objects.get(slug="pasti-a-domicilio")
    assert service.art51_categories == ["f_bis", "f_ter"]
    form = BeautifulSoup(admin_client.get(edit_url(service)).content, "html.parser")
    boxes = form.select('input[name="art51_categories"]')
    assert {box["value"] for box in boxes if box.has_attr("checked")} == {"f_bis", "f_ter"}
    assert "Pagabile con il welfare aziendale" in form.get_text()


def test_an_unknown_art51_category_is_refused(admin_client, catalogue):
    before = ServicePage.objects.count()
    data = service_form_data()
    data["art51_categories"] = ["f_quater"]
    response = admin_client.post(add_url(catalogue["provider"]), data)
    assert response.status_code == 200
    assert "f_quater" in errors_text(response)
    assert ServicePage.objects.count() == before
