"""Staff roles are Wagtail groups; a provider membership brings its content group with it."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from intake.models import ProviderMembership
from intake.roles import DISTRICT_OFFICE_GROUP, OPERATORS_GROUP, PROVIDER_STAFF_GROUP
from tests import factories as f

ROLES = [OPERATORS_GROUP, DISTRICT_OFFICE_GROUP, PROVIDER_STAFF_GROUP]


def role_permissions():
    return {
        group.name: sorted(
            f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()
        )
        for group in Group.objects.filter(name__in=ROLES).prefetch_related(
            "permissions__content_type"
        )
    }


def user_groups(user):
    return set(user.groups.values_list("name", flat=True))


@pytest.mark.django_db
def test_setup_roles_creates_the_three_groups_and_a_second_run_changes_nothing():
    Group.objects.filter(name__in=ROLES).delete()

    call_command("setup_roles", stdout=None)
    first = role_permissions()
    call_command("setup_roles")

    assert role_permissions() == first
    assert Group.objects.filter(name__in=ROLES).count() == 3
    for name in ROLES:
        assert "wagtailadmin.access_admin" in first[name]
        assert "intake.view_servicerequest" in first[name]
    assert "intake.add_citizenprofile" in first[OPERATORS_GROUP]
    assert "intake.add_servicerequest" in first[OPERATORS_GROUP]
    assert "intake.add_citizenprofile" not in first[PROVIDER_STAFF_GROUP]
    assert "intake.view_citizenprofile" not in first[PROVIDER_STAFF_GROUP]


def test_a_membership_brings_the_providers_content_group_and_removing_it_takes_it_away(
    catalogue,
):
    provider = catalogue["provider"]
    content_group = provider.editor_group.group
    user = f.UserFactory()

    membership = ProviderMembership.objects.create(user=user, provider=provider)
    assert {content_group.name, PROVIDER_STAFF_GROUP} <= user_groups(user)

    membership.delete()
    assert user_groups(user) == set()


def test_leaving_one_of_two_providers_keeps_the_other_and_the_staff_role(catalogue):
    first = catalogue["provider"]
    second = f.ProviderPageFactory(parent=catalogue["providers"], title="Cooperativa Seconda")
    user = f.UserFactory()
    ProviderMembership.objects.create(user=user, provider=first)
    ProviderMembership.objects.create(user=user, provider=second)

    ProviderMembership.objects.filter(user=user, provider=first).delete()

    assert user_groups(user) == {second.editor_group.group.name, PROVIDER_STAFF_GROUP}


def test_a_provider_member_reaches_the_admin_and_edits_the_providers_pages(client, catalogue):
    provider = catalogue["provider"]
    user = f.UserFactory()
    ProviderMembership.objects.create(user=user, provider=provider)
    client.force_login(user)

    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[provider.pk])).status_code == 200


def test_a_citizen_who_logs_in_is_refused_at_the_admin(client, catalogue):
    citizen = f.UserFactory(username="RSSMRA80A01L319X")
    assert client.login(username=citizen.username, password="password-di-prova-1")

    response = client.get(reverse("wagtailadmin_home"), follow=True)

    assert response.redirect_chain[0][1] == 302
    assert response.request["PATH_INFO"] == reverse("wagtailadmin_login")
    assert "Richieste" not in response.content.decode()
