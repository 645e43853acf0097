"""A double click for real: the same request form posted at the same moment (PostgreSQL)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from intake.models import ServiceRequest
from tests import factories as f
from tests.factories import restore_wagtail_roots
from tests.intake.test_web_requests import answers, form_url

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

CLICKS = 5


@pytest.fixture
def live_service(transactional_db):
    from wagtail.models import Page, Site

    restore_wagtail_roots()
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    home = f.HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    providers = f.ProviderIndexPageFactory(parent=home)
    return f.ServicePageFactory(parent=f.ProviderPageFactory(parent=providers))


def test_the_same_form_posted_five_times_at_once_creates_one_request(live_service):
    citizen = f.CitizenProfileFactory()
    first = Client()
    first.force_login(citizen.user)
    data = answers(first.get(form_url(live_service)))
    barrier = threading.Barrier(CLICKS)
    locations, failures = [], []

    def click():
        client = Client()
        client.force_login(citizen.user)
        try:
            barrier.wait()
            response = client.post(form_url(live_service), data)
            locations.append(response.get("Location"))
        except Exception as error:  # reported by the assertion below
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(CLICKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    (stored,) = ServiceRequest.objects.all()
    assert locations == [f"/richieste/{stored.reference}/inviata/"] * CLICKS
