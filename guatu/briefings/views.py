from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from guatu.briefings.content import build
from guatu.core.browser import BrowserUnavailable
from guatu.projects.views import scope_period_form

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _briefing(request):
    form = scope_period_form(request)
    if not form.is_valid():
        return None, HttpResponse(form.errors.as_text(), status=400, content_type="text/plain; charset=utf-8")
    period = form.period()
    return (build(form.scope(), period, user=request.user), period), None


def _attachment(body: bytes, content_type: str, period, suffix: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="briefing-{period.year}-{period.month:02d}.{suffix}"'
    return response


@login_required
def briefing_docx(request):
    """The cockpit's briefing button: the same scope and period as the cockpit, as a Word file."""
    from guatu.briefings.docx import write_docx

    found, refusal = _briefing(request)
    if refusal:
        return refusal
    briefing, period = found
    return _attachment(write_docx(briefing), DOCX, period, "docx")


@login_required
def briefing_pdf(request):
    """The same briefing as a PDF (printed by chromium); 503 with the reason when no chromium is installed."""
    from guatu.briefings.pdf import write_pdf

    found, refusal = _briefing(request)
    if refusal:
        return refusal
    briefing, period = found
    try:
        body = write_pdf(briefing)
    except BrowserUnavailable as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    return _attachment(body, "application/pdf", period, "pdf")
