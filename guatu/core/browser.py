"""Server-side rendering of pages to PDF and PNG with Debian's chromium (never a downloaded browser).

Chinese renders only if a CJK font is installed (Debian's fonts-noto-cjk); chromium embeds the
glyphs it uses into the PDF.
"""

from __future__ import annotations

import os

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


class BrowserUnavailable(RuntimeError):
    """No chromium to render with; the message says how to install it."""


def chromium_path() -> str | None:
    for path in (os.environ.get("GUATU_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if path and os.path.exists(path):
            return path
    return None


def _launch(playwright):
    path = chromium_path()
    if path is None:
        raise BrowserUnavailable(
            "PDF/PNG export needs chromium and a CJK font: apt-get install chromium fonts-noto-cjk"
        )
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)


def html_to_pdf(html: str, *, header: str, footer: str, paper: str = "A3", landscape: bool = True) -> bytes:
    """Print self-contained HTML (inline CSS, no network) to PDF with a header and footer on every page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = _launch(p)
        try:
            page = browser.new_page()
            page.set_content(html, wait_until="load")
            return page.pdf(format=paper, landscape=landscape, print_background=True, display_header_footer=True,
                            header_template=header, footer_template=footer,
                            margin={"top": "18mm", "bottom": "14mm", "left": "10mm", "right": "10mm"})  # fmt: skip
        finally:
            browser.close()


def print_to_pdf(html: str) -> bytes:
    """Print self-contained HTML whose own CSS sets the paper, the margins and what goes in them
    (`@page` with margin boxes, e.g. page numbers on the outer side of odd and even pages)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = _launch(p)
        try:
            page = browser.new_page()
            page.set_content(html, wait_until="load")
            return page.pdf(prefer_css_page_size=True, print_background=True)
        finally:
            browser.close()


def html_to_png(html: str, *, width: int = 1800, height: int = 1000) -> bytes:
    """A full-page PNG; the page is at least `height` pixels tall."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = _launch(p)
        try:
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            page.set_content(html, wait_until="load")
            return page.screenshot(full_page=True, type="png")
        finally:
            browser.close()
