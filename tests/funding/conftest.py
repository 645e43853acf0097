import pytest

from tests.funding.world import build_world


@pytest.fixture
def world(catalogue):
    return build_world(catalogue)
