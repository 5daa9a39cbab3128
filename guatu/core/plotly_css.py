"""The style rules plotly.js inserts into the page at load, as a static file the app serves.

plotly.js adds its global rules (modebar, tooltips, notifier) with a `<style>` element created at
run time, which a Content-Security-Policy without `'unsafe-inline'` blocks. It skips that step when
the page already has an element `#plotly.js-style-global.no-inline-styles`: base.html links
`guatu/plotly-global.css` under that id. `global_rules()` reads the rules the bundled plotly.js would
insert (chromium, no policy), so a test notices when an upgrade changes them; `python -m
guatu.core.plotly_css > guatu/static/guatu/plotly-global.css` regenerates the file.

The bundle also inserts maplibre's CSS (for map traces) unless an element with a fixed id exists;
guatu draws no maps, so base.html holds an empty element with that id (`bundled_style_ids()`).
"""

from __future__ import annotations

import re
from pathlib import Path

STATIC_FILE = Path(__file__).parents[1] / "static" / "guatu" / "plotly-global.css"
HEADER = "/* Written by `python -m guatu.core.plotly_css` from the bundled plotly.js {version}: its global rules. */\n"


def plotly_js() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def bundled_style_ids() -> list[str]:
    """The ids of the `<style>` elements the bundle creates unless an element with that id exists."""
    return re.findall(r'getElementById\("([0-9a-f]{64})"\)', plotly_js().read_text(encoding="utf-8"))


def global_rules() -> tuple[str, list[str]]:
    """(plotly.js version, the rules it inserts into `#plotly.js-style-global`, in the sheet's order)."""
    from playwright.sync_api import sync_playwright

    from guatu.core.browser import _launch

    with sync_playwright() as p:
        browser = _launch(p)
        try:
            page = browser.new_page()
            page.set_content("<html><head></head><body><div id='g'></div></body></html>")
            page.add_script_tag(path=str(plotly_js()))
            page.evaluate("Plotly.newPlot('g', [{type: 'bar', x: ['a'], y: [1]}])")
            version = page.evaluate("Plotly.version")
            rules = page.evaluate(
                "Array.from(document.getElementById('plotly.js-style-global').sheet.cssRules).map(r => r.cssText)"
            )
        finally:
            browser.close()
    return version, rules


def stylesheet() -> str:
    version, rules = global_rules()
    return HEADER.format(version=version) + "".join(rule + "\n" for rule in rules)


if __name__ == "__main__":
    import sys

    sys.stdout.write(stylesheet())
