"""The page tree keeps services under their provider."""

from catalogue.models import ServicePage


def test_service_page_may_only_live_under_a_provider_page(catalogue):
    assert ServicePage.can_exist_under(catalogue["provider"])
    for other in ("home", "services", "providers", "social_points", "guides"):
        assert not ServicePage.can_exist_under(catalogue[other])
