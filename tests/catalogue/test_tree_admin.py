"""The admin's add-page view keeps services under their provider."""

import pytest
from django.urls import reverse

from tests import factories as f


def add_service_url(parent):
    return reverse("wagtailadmin_pages:add", args=["catalogue", "servicepage", parent.pk])


@pytest.mark.parametrize("parent", ["home", "services", "providers", "social_points", "guides"])
def test_admin_refuses_a_service_outside_a_provider(client, catalogue, parent):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))

    assert client.get(add_service_url(catalogue[parent])).status_code in (302, 403, 404)


def test_admin_offers_a_service_under_a_provider(client, catalogue):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))

    assert client.get(add_service_url(catalogue["provider"])).status_code == 200
