import pytest

from tests.factories import build_network


@pytest.fixture(scope="session")
def network(django_db_setup, django_db_blocker):
    """The two-museum tree, built once per test session and shared read-only by the tests."""
    with django_db_blocker.unblock():
        return build_network()


@pytest.fixture
def nmrk(network, db):
    return network["nmrk"]


@pytest.fixture
def csm(network, db):
    return network["csm"]


def host(code):
    return {"nmrk": "nmrk.localhost", "csm": "csm.localhost"}[code]


@pytest.fixture
def get(client):
    """GET a path on one museum's host: get("nmrk", "/en/")."""

    def _get(code, path, **headers):
        return client.get(path, headers={"host": host(code), **headers})

    return _get
