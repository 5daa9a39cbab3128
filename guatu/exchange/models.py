"""An import running in the background: its file, progress and outcome, polled by the page."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        READING = "reading", _("reading")
        PREVIEWED = "previewed", _("previewed")
        COMMITTING = "committing", _("committing")
        COMMITTED = "committed", _("committed")
        FAILED = "failed", _("failed")

    token = models.CharField(max_length=32, unique=True)
    file_name = models.CharField(_("file"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    preview = models.JSONField(_("preview"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"
