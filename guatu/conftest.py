"""Session set-up: the test database gets the Quzhou demo once; every test rolls back on top of it."""

from __future__ import annotations

import atexit
import shutil
import tempfile

import pytest
from django.contrib.auth import get_user_model

from guatu.accounts.roles import Role
from guatu.test import make_user


def pytest_configure(config):
    """Background jobs run at once in tests (the worker is a separate process in production)."""
    from django.conf import settings

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Pages name plain static files here, whatever a demo collected into var/static (see test_staticfiles).
    settings.STATIC_ROOT = tempfile.mkdtemp(prefix="guatu-test-static-")
    atexit.register(shutil.rmtree, settings.STATIC_ROOT, ignore_errors=True)
    # One process: a memory cache, emptied before every test (a rolled-back test may reuse a data version).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    from guatu.core.watermarks import forget

    cache.clear()
    forget()  # results kept in this process too (a rolled-back test may reuse a watermark)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from guatu.demo.quzhou import load

    with django_db_blocker.unblock():
        load()


@pytest.fixture
def demo_user(db):
    return get_user_model().objects.get(username="demo")


@pytest.fixture
def officer(db):
    """A reporter (填报员) for 柯城区, where the test helpers put their projects: files and submits reports."""
    return make_user("officer", Role.REPORTER, region="330802")


@pytest.fixture
def reader(db):
    """A leader for the whole city: reads everything in Quzhou, writes nothing."""
    return make_user("reader", Role.LEADER, region="330800")


@pytest.fixture
def reviewer(db):
    """A reviewer (审核员) for the city: approves, returns and corrects reports."""
    return make_user("reviewer", Role.REVIEWER, region="330800")


@pytest.fixture
def outsider(db):
    """A reporter for 江山市: the test helpers' 柯城区 projects are outside this user's scope."""
    return make_user("outsider", Role.REPORTER, region="330881")


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture
def demo_client(client, demo_user):
    client.force_login(demo_user)
    return client


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The real product, served: `guatu demo --no-serve`, then `guatu serve` (one per test session)."""
    from guatu.core.browser import chromium_path
    from guatu.testing.requirements import require
    from guatu.testing.server import demo_server

    require(chromium_path() is not None, "chromium")
    with demo_server(tmp_path_factory.mktemp("guatu-demo")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module (Playwright's loop must not outlive it: the ORM refuses to run
    beside a running event loop)."""
    from playwright.sync_api import sync_playwright

    from guatu.core.browser import CHROMIUM_ARGS, chromium_path
    from guatu.testing.requirements import require

    require(chromium_path() is not None, "chromium")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A chromium page logged in to the served demo as the city administrator `demo`."""
    from guatu.testing.server import logged_in_page

    context, page = logged_in_page(browser, server, {"width": 1400, "height": 1000})
    yield page
    context.close()
