"""A file the browser downloads: an Excel sheet or a CSV the exchange wrote, under the name it is saved as."""

from __future__ import annotations

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"xlsx": XLSX, "csv": "text/csv; charset=utf-8"}


def attachment(body: bytes, name: str, content_type: str | None = None) -> HttpResponse:
    """`body` as a download named `name`; the content type follows the name's .xlsx/.csv unless given."""
    if content_type is None:
        content_type = CONTENT_TYPES[name.rsplit(".", 1)[-1]]
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
