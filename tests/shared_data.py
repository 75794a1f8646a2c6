"""Data that the tests of one module share, built once instead of once per test.

pytest-django has no module-scoped database fixtures: it gives each test a transaction of its own
(``db``), and only the session can keep data (``network``, committed). Modules whose function-scoped
fixture built the same pages for every test paid for the build, about a second, every time.
``module_data`` builds them once, inside a transaction of its own opened on top of the session's
``network``; each test's ``db`` transaction is a savepoint inside it, so a test's changes are still
rolled back after it, and the shared data is rolled back in its turn. Usage::

    def build_content(network):
        ...  # factories
        return {"gold": gold, ...}  # model instances, in a dict, list or tuple (or one instance)

    content_data = module_data(build_content, used_by="content")

    @pytest.fixture
    def content(content_data, db):
        return content_data.fetch()

A test sees the data only if it asks for it (through the fixture named in ``used_by``), so every test
runs on the database it had when it built its own. An autouse fixture runs before each test of the
module, ahead of the test's own transaction, and before each Django ``TestCase`` class: it rolls back
the shared data that the test does not use and builds what it does. (A plain module-scoped fixture
would not do: tests that do not ask for the data create pages of the same slugs, and a ``TestCase``
class closes the connection in ``tearDownClass``, losing the shared transaction.) Consecutive tests
that ask for the data share one build; the module is rolled back at its end, at the latest.

What a builder must mind:

* Only primary keys are kept: ``fetch()`` reads the instances afresh for each test (a query per
  model), so what a test changes in memory, ``page.title = ...``, never reaches the next test.
* Work deferred to ``transaction.on_commit`` never runs, as in any test: a builder runs what the data
  needs itself, inside ``TestCase.captureOnCommitCallbacks(execute=True)`` (what the
  ``django_capture_on_commit_callbacks`` fixture gives).
* Session fixtures (``network``) must exist before the first shared transaction opens, or they would
  be rolled back with it: the builder asks for them as arguments, which are resolved first.
* Files written to the media storage stay, as they did when each test wrote its own.
* A test that commits (``transaction=True``, ``live_server``) cannot see uncommitted data: asking for
  shared data there is an error.

``scripts/test`` hands tests out in order (``--dist load``), so each worker builds a module's data
about once.
"""

import inspect
from collections import defaultdict
from typing import NamedTuple

from django.core.cache import cache
from django.db import models, transaction

import pytest


class _Row(NamedTuple):
    model: type[models.Model]
    pk: object


# The shared data whose transactions are open, innermost last.
_open = []


def _freeze(value):
    """The builder's value with each model instance replaced by its model and primary key."""
    if isinstance(value, models.Model):
        return _Row(type(value), value.pk)
    if isinstance(value, dict):
        return {key: _freeze(item) for key, item in value.items()}
    if type(value) in (list, tuple):
        return type(value)(_freeze(item) for item in value)
    return value


def _rows(frozen):
    if isinstance(frozen, _Row):
        yield frozen
    elif isinstance(frozen, dict):
        for item in frozen.values():
            yield from _rows(item)
    elif type(frozen) in (list, tuple):
        for item in frozen:
            yield from _rows(item)


def _thaw(frozen, instances):
    if isinstance(frozen, _Row):
        return instances[frozen]
    if isinstance(frozen, dict):
        return {key: _thaw(item, instances) for key, item in frozen.items()}
    if type(frozen) in (list, tuple):
        return type(frozen)(_thaw(item, instances) for item in frozen)
    return frozen


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    return transactional or {"transactional_db", "live_server"} & set(item.fixturenames)


class SharedData:
    """One module's shared data: built by ``builder``, for the tests that use ``used_by``."""

    def __init__(self, builder, used_by):
        self.builder = builder
        self.used_by = used_by
        self.atomic = None
        self.frozen = None

    def __repr__(self):
        return f"<shared data {self.builder.__module__}.{self.builder.__name__}>"

    def wanted_by(self, items):
        users = [item for item in items if self.used_by in item.fixturenames]
        for item in users:
            if _is_transactional(item):
                pytest.fail(f"{item.nodeid} commits, so it cannot use {self!r}", pytrace=False)
        return bool(users)

    def build(self, request):
        # The builder's fixtures first: a session fixture (``network``) is committed, never built
        # inside this transaction.
        names = inspect.signature(self.builder).parameters
        arguments = {name: request.getfixturevalue(name) for name in names}
        cache.clear()  # as the function-scoped fixtures it replaces found it
        atomic = transaction.atomic()
        atomic._from_testcase = True  # as TestCase's own class-wide transaction (setUpTestData)
        atomic.__enter__()
        self.atomic = atomic
        _open.append(self)
        try:
            self.frozen = _freeze(self.builder(**arguments))
        except BaseException:
            self.roll_back()
            raise

    def roll_back(self):
        assert _open[-1] is self, "shared data is rolled back innermost first"
        _open.pop()
        atomic, self.atomic, self.frozen = self.atomic, None, None
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)

    def fetch(self):
        """Fresh instances of what the builder returned, for one test."""
        assert self.atomic is not None, f"{self!r} is not in place for this test"
        by_model = defaultdict(set)
        for row in _rows(self.frozen):
            by_model[row.model].add(row.pk)
        instances = {}
        for model, pks in by_model.items():
            found = model._base_manager.in_bulk(pks)
            instances.update({_Row(model, pk): instance for pk, instance in found.items()})
        return _thaw(self.frozen, instances)


def _roll_back_all(django_db_blocker):
    with django_db_blocker.unblock():
        while _open:
            _open[-1].roll_back()


def module_data(builder, *, used_by):
    """An autouse fixture that builds ``builder``'s data for the tests that use the fixture named
    ``used_by`` and rolls it back for the others (see the module's docstring).

    The builder's arguments are fixtures: ``network``, or another ``module_data`` fixture of the module
    whose data it builds on (which is then built first, and which the tests using this data must use
    too; its ``fetch()`` gives the builder its instances). The builder's value, a model instance or a
    dict, list or tuple of them (and of other values), is given back afresh by ``fetch()``.
    """
    data = SharedData(builder, used_by)

    @pytest.fixture(scope="class", autouse=True)
    def shared_data(request, django_db_blocker):
        # Class scope: once per Django TestCase class, and for a module-level test once per test (pytest
        # has no class for it), always before the test's own ``db`` transaction.
        if isinstance(request.node, pytest.Item):
            items = [request.node]
        else:
            items = [item for item in request.session.items if request.node in item.listchain()]
        # Roll back, innermost first, down to the first shared data these tests do not use.
        unwanted = [index for index, other in enumerate(_open) if not other.wanted_by(items)]
        with django_db_blocker.unblock():
            while unwanted and len(_open) > unwanted[0]:
                _open[-1].roll_back()
            if data.atomic is None and data.wanted_by(items):
                data.build(request)
                request.node.getparent(pytest.Module).addfinalizer(lambda: _roll_back_all(django_db_blocker))
        return data

    return shared_data
