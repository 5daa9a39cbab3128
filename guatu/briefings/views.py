from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from guatu.briefings.content import build
from guatu.briefings.docx import write_docx
from guatu.projects.views import scope_period_form

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def briefing_docx(request):
    """The cockpit's briefing button: the same scope and period as the cockpit, as a Word file."""
    form = scope_period_form(request)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain; charset=utf-8")
    period = form.period()
    body = write_docx(build(form.scope(), period, user=request.user))
    response = HttpResponse(body, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="briefing-{period.year}-{period.month:02d}.docx"'
    return response
