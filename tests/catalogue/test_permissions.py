"""Who may edit what, proven through the Wagtail admin's own views.

A provider's editors change their own pages as drafts and submit them; a municipal editor
approves; only then does the change go live. Nobody else's pages are reachable.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from catalogue.governance import APPROVAL_WORKFLOW, MUNICIPAL_EDITORS
from catalogue.models import ProviderPage, ServicePage
from tests import factories as f


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def form_data(html):
    """The admin's page form in `html`, as a browser would post it back.

    Wagtail's helper sends a ticked checkbox without a value attribute as "" (unticked to
    Django); a browser sends "on".
    """
    data = querydict_from_html(html, form_id="page-edit-form")
    soup = BeautifulSoup(html, "html.parser")
    for box in soup.select("#page-edit-form input[type=checkbox][checked]"):
        if "value" not in box.attrs:
            data[box["name"]] = "on"
    return data


def edit_form(client, page):
    """The admin's edit form for `page`, filled in as it is now."""
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return form_data(response.content.decode())


def provider_group(provider):
    return Group.objects.get(provider_link__page=provider)


@pytest.fixture
def other(catalogue):
    """A second provider with a service of its own."""
    provider = f.ProviderPageFactory(parent=catalogue["providers"], title="Cooperativa Altra")
    service = f.ServicePageFactory(parent=provider, title="Servizio altrui")
    return {"provider": provider, "service": service}


@pytest.fixture
def provider_editor(catalogue):
    user = f.UserFactory(username="coop")
    user.groups.add(provider_group(catalogue["provider"]))
    return user


@pytest.fixture
def municipal_editor(db):
    user = f.UserFactory(username="comune")
    user.groups.add(Group.objects.get(name=MUNICIPAL_EDITORS))
    return user


def test_provider_editor_saves_a_draft_of_their_own_service(client, catalogue, provider_editor):
    service = catalogue["service"]
    client.force_login(provider_editor)
    data = edit_form(client, service)
    data["summary"] = "Assistenza a domicilio tre volte a settimana."

    response = client.post(edit_url(service), data)

    assert response.status_code == 302, response.context["form"].errors
    service.refresh_from_db()
    assert service.summary == "Un servizio di prova del catalogo."
    assert service.has_unpublished_changes
    draft = service.get_latest_revision_as_object()
    assert draft.summary == "Assistenza a domicilio tre volte a settimana."


def test_provider_editor_cannot_publish_their_own_service(client, catalogue, provider_editor):
    service = catalogue["service"]
    client.force_login(provider_editor)
    data = edit_form(client, service)
    data["summary"] = "Pubblicato senza approvazione."
    data["action-publish"] = "action-publish"

    client.post(edit_url(service), data)

    service.refresh_from_db()
    assert service.summary == "Un servizio di prova del catalogo."


@pytest.mark.parametrize("target", ["service", "provider"])
def test_provider_editor_cannot_edit_other_provider(
    client, catalogue, other, provider_editor, target
):
    page = other[target]
    client.force_login(provider_editor)

    assert client.get(edit_url(page)).status_code in (302, 403)
    response = client.post(edit_url(page), {"title": "Preso in prestito", "slug": page.slug})

    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.title != "Preso in prestito"
    assert page.latest_revision is None or (
        page.get_latest_revision_as_object().title != "Preso in prestito"
    )


def test_provider_editor_cannot_add_a_service_under_another_provider(
    client, catalogue, other, provider_editor
):
    client.force_login(provider_editor)
    own = reverse(
        "wagtailadmin_pages:add", args=["catalogue", "servicepage", catalogue["provider"].pk]
    )
    theirs = reverse(
        "wagtailadmin_pages:add", args=["catalogue", "servicepage", other["provider"].pk]
    )

    assert client.get(own).status_code == 200
    assert client.get(theirs).status_code in (302, 403)


def test_submitted_change_goes_live_only_after_municipal_approval(
    client, catalogue, provider_editor, municipal_editor
):
    service = catalogue["service"]
    client.force_login(provider_editor)
    data = edit_form(client, service)
    data["summary"] = "Ora anche il sabato mattina."
    data["action-submit"] = "action-submit"

    assert client.post(edit_url(service), data).status_code == 302

    service.refresh_from_db()
    assert service.summary == "Un servizio di prova del catalogo."
    workflow_state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(service.pk)
    )
    assert workflow_state.workflow.name == APPROVAL_WORKFLOW
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = workflow_state.current_task_state

    client.force_login(municipal_editor)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[service.pk, "approve", task_state.pk])
    )

    assert response.status_code in (200, 302)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    live = ServicePage.objects.live().get(pk=service.pk)
    assert live.summary == "Ora anche il sabato mattina."
    if _has_template(live):
        assert "Ora anche il sabato mattina." in client.get(live.url).content.decode()


def test_provider_editor_cannot_approve_their_own_submission(client, catalogue, provider_editor):
    service = catalogue["service"]
    client.force_login(provider_editor)
    data = edit_form(client, service)
    data["summary"] = "Approvato da me."
    data["action-submit"] = "action-submit"
    client.post(edit_url(service), data)
    task_state = WorkflowState.objects.get(object_id=str(service.pk)).current_task_state

    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[service.pk, "approve", task_state.pk])
    )

    service.refresh_from_db()
    assert service.summary == "Un servizio di prova del catalogo."


def test_municipal_editor_publishes_a_service_directly(client, catalogue, municipal_editor):
    service = catalogue["service"]
    client.force_login(municipal_editor)
    data = edit_form(client, service)
    data["summary"] = "Corretto dal Comune."
    data["action-publish"] = "action-publish"

    assert client.post(edit_url(service), data).status_code == 302

    assert ServicePage.objects.live().get(pk=service.pk).summary == "Corretto dal Comune."


def test_creating_a_provider_in_the_admin_creates_its_group(client, catalogue, municipal_editor):
    client.force_login(municipal_editor)
    url = reverse(
        "wagtailadmin_pages:add", args=["catalogue", "providerpage", catalogue["providers"].pk]
    )
    response = client.get(url)
    assert response.status_code == 200
    data = form_data(response.content.decode())
    data.update(
        {
            "title": "Cooperativa Nuova (esempio)",
            "slug": "cooperativa-nuova",
            "legal_name": "Cooperativa Nuova Società Cooperativa Sociale",
            "kind": "social_cooperative",
            "action-publish": "action-publish",
        }
    )

    assert client.post(url, data).status_code == 302

    provider = ProviderPage.objects.get(slug="cooperativa-nuova")
    group = provider_group(provider)
    assert group.name == "Ente: Cooperativa Nuova (esempio)"
    assert set(
        group.page_permissions.filter(page=provider).values_list("permission__codename", flat=True)
    ) == {"add_page", "change_page"}


def test_renaming_a_provider_renames_its_group(client, catalogue, municipal_editor):
    provider = catalogue["provider"]
    group = provider_group(provider)
    client.force_login(municipal_editor)
    data = edit_form(client, provider)
    data["title"] = "Cooperativa Rinominata"
    data["action-publish"] = "action-publish"

    assert client.post(edit_url(provider), data).status_code == 302

    group.refresh_from_db()
    assert group.name == "Ente: Cooperativa Rinominata"
    assert Group.objects.filter(name__startswith="Ente: ").count() == 1


def test_deleting_a_provider_deletes_its_group(catalogue):
    provider = catalogue["provider"]
    group_pk = provider_group(provider).pk

    provider.delete()

    assert not Group.objects.filter(pk=group_pk).exists()


def _has_template(page):
    try:
        get_template(page.template)
    except TemplateDoesNotExist:
        return False
    return True


def test_municipal_editor_manages_needs_and_provider_editor_does_not(
    client, catalogue, municipal_editor, provider_editor
):
    url = reverse("wagtailsnippets_catalogue_need:add")
    client.force_login(municipal_editor)
    assert client.get(url).status_code == 200

    client.force_login(provider_editor)
    assert client.get(url).status_code in (302, 403)


def test_translation_of_a_provider_is_edited_by_the_same_group(client, catalogue, provider_editor):
    from wagtail.models import Locale

    english = Locale.objects.get_or_create(language_code="en")[0]
    index = catalogue["providers"]
    index.copy_for_translation(english, copy_parents=True)
    translation = catalogue["provider"].copy_for_translation(english)
    client.force_login(provider_editor)

    assert client.get(edit_url(translation)).status_code == 200
    assert Group.objects.filter(name__startswith="Ente: ").count() == 1
