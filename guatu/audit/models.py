"""The change record (变更记录): one append-only row per change to a tracked object.

Who (the user, and the username kept as text so the name survives), when, in which request, why,
and the object's tracked fields before and after. Rows are only ever inserted: the model, its
queryset and database triggers (migration 0001) refuse updates and deletes, and guatu offers no
command that prunes them.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Something tried to change or delete a change record."""


class Action(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")


class ChangeRecordQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("change records are append-only")

    def delete(self):
        raise AppendOnlyError("change records are append-only")

    def _raw_delete(self, using):
        raise AppendOnlyError("change records are append-only")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("change records are append-only")

    def for_object(self, obj) -> ChangeRecordQuerySet:
        return self.filter(content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk)

    def for_project(self, project) -> ChangeRecordQuerySet:
        """Everything recorded about a project: the project itself and the rows that belong to it."""
        return self.filter(project_id=project.pk)

    def visible_to(self, user) -> ChangeRecordQuerySet:
        from guatu.accounts.access import restrict

        return restrict(self, user, "view")


class ChangeRecord(models.Model):
    """One change: who, when, request, reason, action, the object, and its fields before → after."""

    time = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    username = models.CharField(_("username"), max_length=150)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    # No index of its own: the (content_type, object_id) index leads with it, and one index less is one less to
    # write with every record (an import or `guatu synth` writes millions).
    content_type = models.ForeignKey(ContentType, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+",
                                     db_index=False)  # fmt: skip
    object_id = models.BigIntegerField(_("object id"))
    object_repr = models.CharField(_("object"), max_length=200)
    # Where the object stood when it changed, so the access rules can scope the record itself.
    project_id = models.BigIntegerField(_("project id"), null=True, blank=True, db_index=True)
    region = models.ForeignKey(
        "core.Region", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    platform = models.ForeignKey(
        "core.Platform", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    department = models.ForeignKey(
        "core.Department", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    objects = ChangeRecordQuerySet.as_manager()

    access_paths = {"region": "region", "platform": "platform", "department": "department"}

    class Meta:
        ordering = ["-time", "-id"]
        verbose_name = _("change record")
        verbose_name_plural = _("change records")
        indexes = [models.Index(fields=["content_type", "object_id"], name="changerecord_object")]

    def __str__(self) -> str:
        return f"{self.time:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("change records are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("change records are append-only")

    def changed_fields(self) -> list[str]:
        before, after = self.before or {}, self.after or {}
        return [name for name in {**before, **after} if before.get(name) != after.get(name)]
