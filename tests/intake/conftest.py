"""Fixtures of the intake tests: a live service under a provider, and its people."""

import pytest

from tests import factories as f


@pytest.fixture
def service(catalogue):
    """The catalogue's live service, accepting the municipal voucher."""
    service = catalogue["service"]
    service.voucher_accepted = True
    service.save_revision().publish()
    return service


@pytest.fixture
def citizen(db):
    return f.CitizenProfileFactory()


@pytest.fixture
def operator(db):
    return f.OperatorFactory()


@pytest.fixture
def provider_staff(catalogue):
    return f.ProviderStaffFactory(provider=catalogue["provider"])
