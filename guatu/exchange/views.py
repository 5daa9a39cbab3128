"""Web: download templates and exports; upload → preview → confirm an import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guatu.core import params
from guatu.core.downloads import attachment
from guatu.exchange.jobs import commit_refusal, job_may_commit, run_import
from guatu.exchange.models import ImportJob
from guatu.exchange.permissions import may_import
from guatu.exchange.service import EXPORT_KINDS, export_bytes
from guatu.exchange.tables import KINDS
from guatu.exchange.template import template_xlsx
from guatu.exchange.uploads import declared_too_large, save_upload, too_large_message
from guatu.indicators.importer import may_import as may_import_indicators
from guatu.indicators.jobs import KIND as INDICATORS
from guatu.indicators.jobs import run_indicator_import
from guatu.projects.forms import ScopeForm


@login_required
def export_view(request, kind: str, fmt: str):
    if kind not in EXPORT_KINDS or fmt not in ("xlsx", "csv"):
        raise Http404
    form = ScopeForm(request.GET)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain; charset=utf-8")
    year = params.get(request.GET, "year", params.parse_year)
    through = params.get(request.GET, "through", params.parse_month)
    try:
        body = export_bytes(kind, fmt, form.scope(), year=year, through=through, user=request.user)
    except ValueError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    return attachment(body, f"guatu-{kind}.{fmt}")


def importable_kinds() -> tuple[str, ...]:
    from guatu.exchange import registry

    return (*KINDS, INDICATORS, *registry.REGISTRY)


def part_kinds(user) -> list:
    """The other parts' sheets the user may import (for the page's kind menu and template links)."""
    from guatu.exchange import registry

    return [kind for kind in registry.REGISTRY.values() if _may_import(user, kind.name)]


@login_required
def template_view(request, kind: str):
    from guatu.exchange import registry

    if kind in registry.REGISTRY:
        return attachment(registry.template_kind(kind), f"guatu-template-{kind}.xlsx")
    if kind not in (*KINDS, INDICATORS):
        raise Http404
    return attachment(template_xlsx(kind), f"guatu-template-{kind}.xlsx")


def _refuse_upload(request, message: str):
    messages.error(request, message)
    jobs = ImportJob.objects.filter(requested_by=request.user)[:10]
    return render(request, "exchange/import.html", {"kinds": KINDS, "jobs": jobs}, status=413)


@login_required
def import_page(request):
    """Upload: the file is kept and a background job reads and checks it (the preview)."""
    if request.method == "POST":
        if declared_too_large(request):  # refused before the body is read
            return _refuse_upload(request, too_large_message())
        uploaded = request.FILES.get("file")
        if getattr(request, "upload_too_large", False):
            return _refuse_upload(request, too_large_message())
        if not uploaded:
            messages.error(request, _("Choose a file to upload."))
            return redirect("exchange:import")
        try:
            path = save_upload(uploaded)
        except ValueError as exc:
            messages.error(request, str(exc))
            return redirect("exchange:import")
        kind = request.POST.get("kind") if request.POST.get("kind") in importable_kinds() else ""
        job = ImportJob.objects.create(token=path.stem, file_name=uploaded.name, kind=kind, requested_by=request.user,
                                       language=get_language() or "")  # fmt: skip
        (run_indicator_import if kind == INDICATORS else run_import).enqueue(job.pk, False)
        return redirect("exchange:job", token=job.token)
    jobs = ImportJob.objects.filter(requested_by=request.user)[:10]
    return render(request, "exchange/import.html", {"kinds": KINDS, "jobs": jobs, "parts": part_kinds(request.user)})


def _may_import(user, kind: str) -> bool:
    """Ledger kinds by their models; indicator values by theirs (guatu.indicators.importer)."""
    return may_import_indicators(user) if kind == INDICATORS else may_import(user, kind)


def _own_job(request, token: str) -> ImportJob:
    job = ImportJob.objects.filter(token=token).first()
    if job is None or (job.requested_by_id != request.user.pk and not request.user.is_superuser):
        raise Http404
    return job


@login_required
def job_page(request, token: str):
    job = _own_job(request, token)
    may_commit = job_may_commit(job) and _may_import(request.user, job.kind)
    return render(request, "exchange/job.html", {"job": job, "may_commit": may_commit})


@login_required
def job_status(request, token: str):
    """What the page polls: status, rows read so far, and the counts once known."""
    job = _own_job(request, token)
    keys = ("rows", "created", "updated", "unchanged", "errors_total", "can_commit")
    counts = {k: job.preview.get(k) for k in keys} if job.preview else {}
    return JsonResponse({"status": job.status, "rows_read": job.rows_read, "error": job.error, **counts})


@login_required
@require_POST
def job_commit(request, token: str):
    job = _own_job(request, token)
    if job.kind not in importable_kinds() or not _may_import(request.user, job.kind):
        raise PermissionDenied
    if not job_may_commit(job):
        messages.error(request, commit_refusal(job))
        return redirect("exchange:job", token=job.token)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED)  # the page polls until done
    (run_indicator_import if job.kind == INDICATORS else run_import).enqueue(job.pk, True)
    return redirect("exchange:job", token=job.token)
