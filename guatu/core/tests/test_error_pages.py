"""Pages that go wrong (400, 403, 404, 500, and a form whose CSRF token expired) speak Chinese and look like the
rest of guatu: the top bar, the stylesheet, a way back."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import translation
from django.views import defaults

pytestmark = pytest.mark.django_db


def _looks_like_guatu(html: str) -> None:
    assert 'class="topbar"' in html and "/static/guatu/app.css" in html
    assert 'id="error-page"' in html and "返回驾驶舱" in html


def test_a_missing_page_is_a_chinese_404_with_the_sites_look(demo_client):
    response = demo_client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    _looks_like_guatu(html)
    assert "<title>页面不存在 · 挂图</title>" in html
    assert "Not Found" not in html and "The requested resource" not in html


def test_a_missing_project_is_the_same_404(demo_client):
    response = demo_client.get("/projects/NO-SUCH-CODE/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_a_visitor_who_is_not_logged_in_gets_it_too(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def _render(view, *args) -> str:
    request = RequestFactory().get("/somewhere/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with translation.override("zh-hans"):
        response = view(request, *args)
    return response.status_code, response.content.decode()


def test_a_refusal_is_a_chinese_403():
    status, html = _render(defaults.permission_denied, PermissionDenied("只有市级管理员可以关闭报送期。"))
    assert status == 403
    _looks_like_guatu(html)
    assert "无权操作" in html and "只有市级管理员可以关闭报送期。" in html


def test_a_bad_request_is_a_chinese_400():
    status, html = _render(defaults.bad_request, Exception("bad"))
    assert status == 400
    _looks_like_guatu(html)
    assert "请求有误" in html


def test_a_server_error_is_a_chinese_500_without_a_request_context():
    status, html = _render(defaults.server_error)
    assert status == 500
    _looks_like_guatu(html)
    assert "出错了" in html and "Server Error" not in html


def test_an_expired_form_says_so_in_chinese(demo_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(demo_user)
    response = client.post("/reporting/calendar/open/", {"year": 2025, "month": 1})
    assert response.status_code == 403
    html = response.content.decode()
    _looks_like_guatu(html)
    assert "表单已过期" in html and "CSRF" not in html
