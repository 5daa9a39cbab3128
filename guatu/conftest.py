"""Session set-up: the test database gets the Quzhou demo once; every test rolls back on top of it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission


def pytest_configure(config):
    """Background jobs run at once in tests (the worker is a separate process in production)."""
    from django.conf import settings

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


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
    """A filer (填报员): may file and correct monthly reports, nothing else."""
    user = get_user_model().objects.create_user("officer", password="officer-pass-1")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="projects", codename__in=["add_monthlyreport", "change_monthlyreport"]
        )
    )
    return user


@pytest.fixture
def reader(db):
    """A signed-in user with no permissions: reads everything, writes nothing."""
    return get_user_model().objects.create_user("reader", password="reader-pass-1")


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
    """A chromium page logged in to the served demo as demo/demo."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{server}/")
    page.fill("#id_username", "demo")
    page.fill("#id_password", "demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}/")
    yield page
    context.close()
