"""The briefing as a PDF: the same official document as the Word file (`official.compose`), laid out
by GB/T 9704 in HTML and CSS and printed by Debian's chromium (`guatu.core.browser`).

Fonts: the names offices install (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312) come first; a server
that has only Debian's fonts-noto-cjk prints with Noto Serif CJK SC and Noto Sans CJK SC instead,
embedded in the file, so the PDF reads the same everywhere even if it does not look like 仿宋.
"""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from guatu.briefings.content import Briefing
from guatu.briefings.models import Masthead
from guatu.briefings.official import OfficialDocument, compose
from guatu.core.browser import print_to_pdf


def write_pdf(briefing: Briefing, *, language: str = "zh-hans", chart: bool = True, issued: dt.date | None = None,
              masthead: Masthead | None = None, number: str | None = None) -> bytes:  # fmt: skip
    """The briefing as PDF bytes; BrowserUnavailable when no chromium is installed."""
    official = compose(briefing, language=language, issued=issued, masthead=masthead, number=number, chart=chart)
    return print_to_pdf(render_html(official))


def render_html(official: OfficialDocument) -> str:
    with override(official.language):
        return render_to_string("briefings/official_print.html", {
            "doc": official, "attachment_mark": _("Attachment"),
            "attachment_note": _("Attachment: %(title)s") % {"title": official.attachment_title},
            "copy_to": _("Copy to: %(names)s") % {"names": official.copy_to},
            "printed": _("printed %(date)s") % {"date": official.issued_text},
        })  # fmt: skip
