"""An import running in the background: its file, progress and outcome, polled by the page."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    """An upload being read, previewed or committed by a background worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        READING = "reading", _("reading")
        PREVIEWED = "previewed", _("previewed")
        COMMITTING = "committing", _("committing")
        COMMITTED = "committed", _("committed")
        FAILED = "failed", _("failed")

    token = models.CharField(max_length=32, unique=True)
    commit_requested = models.BooleanField(
        default=False, help_text=_("Commit after reading when the file has no errors (the API's commit=true).")
    )
    language = models.CharField(max_length=16, blank=True, help_text=_("The language the preview is written in."))
    worker = models.CharField(
        max_length=100, blank=True, help_text=_("host:pid of the worker running the job, to tell when it died")
    )
    file_name = models.CharField(_("file"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    preview = models.JSONField(_("preview"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    RUNNING = (Status.READING, Status.COMMITTING)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"


class HeaderSynonym(models.Model):
    """A header label a city's sheets use for one of guatu's columns (added to the built-in ones)."""

    class Kind(models.TextChoices):
        REPORTS = "reports", _("monthly reports")
        PLANS = "plans", _("annual plans")
        PROJECTS = "projects", _("projects")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    column = models.CharField(_("column"), max_length=32, help_text=_("e.g. invest_month, total_investment"))
    label = models.CharField(_("label in the sheet"), max_length=100, help_text=_("e.g. 当月完成额"))

    class Meta:
        verbose_name = _("header synonym")
        verbose_name_plural = _("header synonyms")
        constraints = [models.UniqueConstraint(fields=["kind", "label"], name="headersynonym_unique")]

    def __str__(self) -> str:
        return f"{self.label} → {self.column}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from guatu.exchange.tables import SPECS

        keys = [c.key for c in SPECS.get(self.kind, [])]
        if self.column not in keys:
            raise ValidationError({"column": _("One of: %(keys)s") % {"keys": ", ".join(keys)}})


def synonyms_for(kind: str) -> dict[str, list[str]]:
    """The city's extra header labels for a kind, by column."""
    extra: dict[str, list[str]] = {}
    for column, label in HeaderSynonym.objects.filter(kind=kind).values_list("column", "label"):
        extra.setdefault(column, []).append(label)
    return extra
