from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

from wagtail.models import Collection, Locale, Page

import pytest

from home import cache_invalidation
from tests.database import copy_template_to_test_databases, template
from tests.factories import build_network

# The S3 server on loopback and a bucket per test (tests/s3.py), for any module that asks.
pytest_plugins = ["tests.s3"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, django_db_blocker):
    """The test databases, once named for this worker, are copies of the migrated template
    (``tests.database``) when ``scripts/test`` made one."""
    with django_db_blocker.unblock():
        copy_template_to_test_databases()


@pytest.fixture(scope="session")
def django_db_keepdb(request):
    """A copied template is already migrated: pytest-django keeps it instead of recreating it."""
    return bool(template()) or request.config.getvalue("reuse_db")


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


@pytest.fixture
def pristine_db():
    """For tests that commit (live server, the demo loader): an empty Wagtail.

    The session tree above is committed, and Django only empties the database *after* a
    transactional test, so the first one would otherwise start with both museums already there.
    This empties it and recreates the three roots Wagtail's migrations provide. Wagtail's cached
    site root paths would point at pages that no longer exist, so the cache goes too.
    """
    empty_wagtail()


def empty_wagtail():
    """Empty the database and recreate what Wagtail's migrations provide (see ``pristine_db``)."""
    call_command("flush", interactive=False, verbosity=0)
    Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    Collection.add_root(name="Root")
    cache.clear()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: pages kept by an earlier test's (rolled back) content
    must not answer this one's requests. The cache invalidation that content left pending (it is
    applied at a commit that never comes in a test, or at the next request) goes with it."""
    cache.clear()
    cache_invalidation.discard_pending()
