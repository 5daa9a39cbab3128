"""Session set-up: the test database gets the Quzhou demo once; every test rolls back on top of it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission


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
