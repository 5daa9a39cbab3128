"""Web: download templates and exports; upload → preview → confirm an import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guatu.exchange.importer import ImportError_, import_file
from guatu.exchange.permissions import may_import
from guatu.exchange.reader import UnreadableFile
from guatu.exchange.service import EXPORT_KINDS, export_bytes
from guatu.exchange.tables import KINDS
from guatu.exchange.template import template_xlsx
from guatu.exchange.uploads import discard, find_upload, save_upload
from guatu.projects.forms import ScopeForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(body: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def export_view(request, kind: str, fmt: str):
    if kind not in EXPORT_KINDS or fmt not in ("xlsx", "csv"):
        raise Http404
    form = ScopeForm(request.GET)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain; charset=utf-8")
    year = request.GET.get("year")
    through = request.GET.get("through")
    try:
        body = export_bytes(kind, fmt, form.scope(), year=int(year) if year else None,
                            through=int(through) if through else None, user=request.user)  # fmt: skip
    except ValueError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    return _attachment(body, f"guatu-{kind}.{fmt}", XLSX if fmt == "xlsx" else "text/csv; charset=utf-8")


@login_required
def template_view(request, kind: str):
    if kind not in KINDS:
        raise Http404
    return _attachment(template_xlsx(kind), f"guatu-template-{kind}.xlsx", XLSX)


@login_required
def import_page(request):
    context = {"kinds": KINDS}
    if request.method == "POST":
        kind = request.POST.get("kind") or None
        uploaded = request.FILES.get("file")
        if not uploaded:
            messages.error(request, _("Choose a file to upload."))
            return redirect("exchange:import")
        try:
            path = save_upload(uploaded)
        except ValueError as exc:
            messages.error(request, str(exc))
            return redirect("exchange:import")
        try:
            preview = import_file(path, kind, dry_run=True, name=uploaded.name)
        except (ImportError_, UnreadableFile) as exc:
            discard(path)
            messages.error(request, str(exc).replace(path.name, uploaded.name))  # the stored name is random
            return redirect("exchange:import")
        context.update(
            preview=preview, token=path.stem, may_commit=preview.ok and may_import(request.user, preview.kind)
        )
    return render(request, "exchange/import.html", context)


@login_required
@require_POST
def import_commit(request):
    found = find_upload(request.POST.get("token", ""))
    if not found:
        messages.error(request, _("The uploaded file is gone; upload it again."))
        return redirect("exchange:import")
    path, name = found
    kind = request.POST.get("kind")
    if kind not in KINDS or not may_import(request.user, kind):
        raise PermissionDenied
    preview = import_file(path, kind, acting_user=request.user, name=name)
    if preview.ok:
        discard(path)
        messages.success(request, _("%(file)s imported: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
                         % {"file": name, "created": preview.created, "updated": preview.updated,
                            "unchanged": preview.unchanged})  # fmt: skip
    else:
        messages.error(request, _("%(file)s has %(n)s errors now; nothing was written.") % {
            "file": name, "n": len(preview.errors)})  # fmt: skip
    return redirect("exchange:import")
