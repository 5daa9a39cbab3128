"""The change record for people: a filterable list (auditors, administrators), one object's
history (anyone who may view the object), and CSV export of what the list shows."""

from __future__ import annotations

import csv
import io
import json

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from guatu.accounts.access import allows, may, restrict
from guatu.audit.changes import entries
from guatu.audit.filtersets import ChangeRecordFilterSet
from guatu.audit.models import ChangeRecord

CSV_HEADERS = ["time", "username", "action", "kind", "object_id", "object", "reason", "request_id", "before", "after"]


@login_required
def change_list(request):
    """Every change the user may audit, newest first, filterable, 100 a page; ?format=csv exports it."""
    if not may(request.user, ChangeRecord, "view"):
        raise PermissionDenied(_("The change record list is for auditors and administrators."))
    records = restrict(ChangeRecord.objects.select_related("content_type"), request.user, "view")
    filterset = ChangeRecordFilterSet(request.GET or None, queryset=records)
    records = filterset.qs  # unbound: every record
    if request.GET.get("format") == "csv":
        return _csv(records)
    page = Paginator(records, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/change_list.html", {"filterset": filterset, "page": page,
                                                      "entries": entries(list(page.object_list)),
                                                      "query": query.urlencode()})  # fmt: skip


def _csv(records) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADERS)
    for r in records.iterator(chunk_size=2000):
        kind = f"{r.content_type.app_label}.{r.content_type.model}"
        writer.writerow([r.time.isoformat(), r.username, r.action, kind, r.object_id, _neutral(r.object_repr),
                         _neutral(r.reason), r.request_id, json.dumps(r.before, ensure_ascii=False),
                         json.dumps(r.after, ensure_ascii=False)])  # fmt: skip
    response = HttpResponse(("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="change-record.csv"'
    return response


def _neutral(text: str) -> str:
    """Text that a spreadsheet will not run as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
def object_changes(request, app_label: str, model: str, pk: int):
    """One object's change record — for anyone who may view the object (or audit the record)."""
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        raise Http404 from None
    model_class = content_type.model_class()
    obj = model_class._base_manager.filter(pk=pk).first() if model_class else None
    records = ChangeRecord.objects.filter(content_type=content_type, object_id=pk).select_related("content_type")
    if obj is not None:
        if not allows(request.user, "view", obj):
            raise Http404
    else:  # deleted: only those who audit the record see what it was
        records = restrict(records, request.user, "view")
    rows = list(records[:500])  # newest first
    if obj is None and not rows:
        raise Http404
    return render(request, "audit/object_changes.html", {
        "obj": obj, "kind": model_class._meta.verbose_name if model_class else model,
        "entries": entries(rows), "last": rows[0] if rows else None,
    })  # fmt: skip
