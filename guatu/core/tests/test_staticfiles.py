"""Static files: hashed names in pages, gzip and brotli copies, a year-long cache — plotly included."""

from __future__ import annotations

import gzip
import re
import time

import brotli
import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import Client, override_settings

from guatu.core.staticfiles import PlotlyFinder, collect
from guatu.testing.server import static_root

pytestmark = pytest.mark.django_db
YEAR = 365 * 24 * 3600


@pytest.fixture
def collected():
    with override_settings(STATIC_ROOT=static_root()):
        collect()  # a few seconds the first time in a test run, nothing after
        yield static_root()


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_pages_name_hashed_files_and_plotly_comes_compressed_for_a_year(collected, demo_user):
    client = Client()
    client.force_login(demo_user)
    page = client.get("/").content.decode()
    plotly = re.search(r'src="(/static/vendor/plotly/plotly\.min\.[0-9a-f]{12}\.js)"', page).group(1)
    assert re.search(r'href="/static/guatu/app\.[0-9a-f]{12}\.css"', page)
    original = finders.find("vendor/plotly/plotly.min.js")
    with open(original, "rb") as f:
        source = f.read()
    for encoding, decompress in (("gzip", gzip.decompress), ("br", brotli.decompress)):
        response = client.get(plotly, HTTP_ACCEPT_ENCODING=encoding)
        assert response.status_code == 200 and response["Content-Encoding"] == encoding
        max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
        assert max_age >= YEAR and "immutable" in response["Cache-Control"]
        compressed = body(response)
        assert len(compressed) < len(source) / 3 and decompress(compressed) == source


def test_collecting_again_without_a_change_does_nothing(collected):
    started = time.perf_counter()
    assert collect() is False
    assert time.perf_counter() - started < 1


def test_without_a_collect_pages_name_the_plain_files():
    assert static("guatu/app.css") == "/static/guatu/app.css"  # the tests' own STATIC_ROOT is never collected


def test_plotly_is_offered_alone_from_its_package():
    finder = PlotlyFinder()
    assert [path for path, _ in finder.list(None)] == ["plotly.min.js"]
    assert finder.find("vendor/plotly/plotly.min.js").endswith("package_data/plotly.min.js")
    assert finder.find("vendor/plotly/widgetbundle.js") is None and finder.find("plotly.min.js") is None
