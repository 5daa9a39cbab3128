"""The Content-Security-Policy header on every response, and templates that need nothing inline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guatu.core import plotly_css

pytestmark = pytest.mark.django_db

GUATU = Path(__file__).resolve().parents[2]
# Rendered only into chromium for the PDF/PNG exports (page.set_content), never served to a browser.
PRINT_ONLY = {"schedules/battle_map_print.html", "schedules/_print_header.html", "schedules/_print_footer.html",
              "briefings/chart.html", "briefings/official_print.html"}  # fmt: skip


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


@pytest.mark.parametrize("path", ["/", "/warnings/", "/account/", "/admin/", "/api/v1/"])
def test_every_page_carries_a_policy_without_inline_script(demo_client, path):
    response = demo_client.get(path)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_the_log_in_page_carries_the_policy_too(client):
    assert "script-src 'self'" in client.get("/login/")["Content-Security-Policy"]


def served_templates() -> list[Path]:
    found = sorted(GUATU.glob("templates/**/*.html")) + sorted(GUATU.glob("*/templates/**/*.html"))
    return [p for p in found if p.relative_to(p.parents[len(p.parts) - p.parts.index("templates") - 2]).as_posix()
            not in PRINT_ONLY]  # fmt: skip


def test_the_template_list_is_found():
    names = {p.name for p in served_templates()}
    assert {"base.html", "cockpit.html", "battle_map.html", "job.html"} <= names
    assert "battle_map_print.html" not in names


@pytest.mark.parametrize("template", served_templates(), ids=lambda p: p.name)
def test_no_template_has_inline_script_handlers_or_styles(template):
    comments = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.S)
    text = comments.sub("", template.read_text(encoding="utf-8"))
    for tag in re.findall(r"<script\b[^>]*>", text):
        assert "src=" in tag, f"{template.name}: inline script {tag}"
    assert not re.search(r"\son[a-z]+\s*=", text), f"{template.name}: an on…= event handler"
    assert not re.search(r"\sstyle\s*=", text), f"{template.name}: a style= attribute"
    assert "<style" not in text, f"{template.name}: a <style> element"
    assert "javascript:" not in text


def test_base_html_names_every_style_element_the_plotly_bundle_would_insert():
    base = (GUATU / "templates" / "base.html").read_text(encoding="utf-8")
    assert 'id="plotly.js-style-global" class="no-inline-styles"' in base
    for style_id in plotly_css.bundled_style_ids():
        assert f'id="{style_id}"' in base


@pytest.mark.browser
def test_the_served_plotly_stylesheet_matches_the_bundled_plotly():
    from guatu.core.browser import chromium_path
    from guatu.testing.requirements import require

    require(chromium_path() is not None, "chromium")
    assert plotly_css.STATIC_FILE.read_text(encoding="utf-8") == plotly_css.stylesheet()
