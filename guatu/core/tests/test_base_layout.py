"""What base.html gives every page: the language menu naming each language in itself, the favicon, the menu
button a phone folds the navigation behind; and form errors named by their labels, never by field codes."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.forms import Form, IntegerField

from guatu.core.formerrors import form_error_text

pytestmark = pytest.mark.django_db


def _options(html: str) -> list[str]:
    menu = re.search(r'<select name="language".*?</select>', html, re.S).group(0)
    return [name.strip() for name in re.findall(r"<option [^>]*>([^<]*)</option>", menu)]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_language_menu_names_each_language_in_itself(demo_client, language):
    demo_client.cookies["django_language"] = language
    html = demo_client.get("/warnings/").content.decode()
    assert _options(html) == ["简体中文", "English"]
    assert "英语" not in html


def test_every_page_links_the_favicon_and_favicon_ico_answers(client):
    html = client.get("/login/").content.decode()
    assert '<link rel="icon" href="/static/guatu/favicon.svg" type="image/svg+xml">' in html
    redirect = client.get("/favicon.ico")
    assert redirect.status_code == 302 and redirect["Location"] == "/static/guatu/favicon.ico"
    icon = client.get(redirect["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert client.get("/static/guatu/favicon.svg").status_code == 200


def test_the_navigation_sits_behind_a_menu_button_the_script_opens(demo_client):
    html = demo_client.get("/").content.decode()
    assert '<button type="button" class="nav-toggle" aria-controls="topnav" aria-expanded="false">' in html
    assert '<div class="topnav" id="topnav">' in html
    assert '<noscript><link rel="stylesheet" href="/static/guatu/nojs.css"></noscript>' in html
    assert '<a href="/api/v1/">API</a>' in html


class ReportLikeForm(Form):
    invest_ytd = IntegerField(label="本年累计完成", min_value=0)

    def clean(self):
        raise ValidationError("本年累计不得低于上月。")  # kept under "__all__"


def test_form_error_text_names_fields_by_label_not_code():
    form = ReportLikeForm({"invest_ytd": "-1"})
    assert not form.is_valid()
    text = form_error_text(form)
    assert text.startswith("本年累计不得低于上月。 本年累计完成: ")
    assert "invest_ytd" not in text and "__all__" not in text


def test_a_pages_form_errors_are_named_by_label(demo_client):
    response = demo_client.get("/indicators/", {"period": "2024-13"})
    assert response.status_code == 400
    errors = re.search(r'<div class="errors" role="alert">(.*?)</div></div>', response.content.decode(), re.S)
    assert errors and "<b>期间</b>: " in errors.group(1)
    assert "period" not in errors.group(1) and "errorlist" not in errors.group(1)


def test_the_cockpits_form_errors_are_named_by_label(demo_client):
    response = demo_client.get("/", {"year": "1999"})
    html = response.content.decode()
    errors = re.search(r'<div class="errors" role="alert">(.*?)</div></div>', html, re.S)
    assert errors and "<b>年份</b>: " in errors.group(1) and ">year" not in errors.group(1)


def test_a_message_about_a_form_names_the_field_by_label(demo_client):
    response = demo_client.post("/reporting/calendar/open/", {"year": "", "month": "13"}, follow=True)
    text = " ".join(str(m) for m in response.context["messages"])
    assert "月份: " in text and "month" not in text
