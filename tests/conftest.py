"""Fixtures every test may use: a site whose root is the portal's HomePage."""

import pytest
from wagtail.models import Page, Site

from tests.factories import HomePageFactory


@pytest.fixture
def home_page(db):
    """The default Site rooted at a fresh HomePage, as the demo loader sets it up."""
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=root)
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home
