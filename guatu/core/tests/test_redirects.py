"""Every `next` the app follows is checked with Django's safe-URL helper: off-site targets are ignored."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from guatu.core.redirects import redirect_to_next
from guatu.schedules.models import Problem

pytestmark = pytest.mark.django_db

OFF_SITE = ["https://evil.example", "//evil.example/x", "https:evil.example", "javascript:alert(1)", "\\\\evil.example"]


def an_open_problem() -> Problem:
    return Problem.objects.filter(status="open").order_by("pk").first()


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_problem_transition_does_not_redirect_off_site(demo_client, target):
    problem = an_open_problem()
    response = demo_client.post(f"/problems/{problem.pk}/transition/", {"to": "in_progress", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/problems/"
    problem.refresh_from_db()
    assert problem.status == "in_progress"


def test_the_problem_transition_follows_a_next_on_this_site(demo_client):
    problem = an_open_problem()
    back = f"/projects/{problem.project.code}/milestones/"
    response = demo_client.post(f"/problems/{problem.pk}/transition/", {"to": "in_progress", "next": back})
    assert response["Location"] == back


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_log_in_page_does_not_redirect_off_site(client, target):
    get_user_model().objects.create_user("clerk", password="Quzhou-ledger-2024")
    response = client.post(f"/login/?next={target}", {"username": "clerk", "password": "Quzhou-ledger-2024"})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_log_in_page_follows_a_next_on_this_site(client):
    get_user_model().objects.create_user("clerk", password="Quzhou-ledger-2024")
    response = client.post("/login/", {"username": "clerk", "password": "Quzhou-ledger-2024", "next": "/warnings/"})
    assert response["Location"] == "/warnings/"


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_log_out_does_not_redirect_off_site(demo_client, target):
    response = demo_client.post("/logout/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/login/"


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_language_switch_does_not_redirect_off_site(client, target):
    response = client.post("/i18n/setlang/", {"language": "en", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_language_switch_returns_to_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/warnings/?level=red"})
    assert response["Location"] == "/warnings/?level=red"


def test_redirect_to_next_refuses_plain_http_from_an_https_page():
    request = RequestFactory().post("/", {"next": "http://testserver/warnings/"}, secure=True)
    assert redirect_to_next(request, "/fallback/")["Location"] == "/fallback/"
    request = RequestFactory().get("/", {"next": "/warnings/"})
    assert redirect_to_next(request, "/fallback/")["Location"] == "/warnings/"
