"""Session set-up: the test database gets the Quzhou demo once; every test rolls back on top of it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model


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
    """A signed-in filer (填报员) with no staff rights."""
    return get_user_model().objects.create_user("officer", password="officer-pass-1")


@pytest.fixture
def demo_client(client, demo_user):
    client.force_login(demo_user)
    return client


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client
