"""Signals that complete the record: deletes of tracked objects (one, a queryset or a cascade), rows saved raw
(`loaddata`), and changes to users, which are Django's model rather than ours."""

from __future__ import annotations

import hashlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_delete, pre_save

from guatu.audit.models import Action
from guatu.audit.tracking import TrackedModel, make_record, record_delete, snapshot, to_json, write_records

USER_FIELDS = ("username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser", "password")


def _user_snapshot(values: dict) -> dict:
    out = {name: to_json(values.get(name)) for name in USER_FIELDS if name != "password"}
    # The hash itself is never recorded, only that it changed.
    password = values.get("password") or ""
    out["password"] = "***" + hashlib.sha256(password.encode()).hexdigest()[:6] if password else ""
    return out


def _user_pre_save(sender, instance, **kwargs) -> None:
    if instance.pk is None:
        instance._audit_before = None
        return
    row = sender._base_manager.filter(pk=instance.pk).values(*USER_FIELDS).first()
    instance._audit_before = _user_snapshot(row) if row else None


def _user_post_save(sender, instance, created, **kwargs) -> None:
    before = getattr(instance, "_audit_before", None)
    after = _user_snapshot({name: getattr(instance, name) for name in USER_FIELDS})
    if before == after:
        return
    write_records([make_record(Action.CREATE if created else Action.UPDATE, instance, before, after, {})])


def _raw_saved(sender, instance, created, raw, **kwargs) -> None:
    """A row saved raw (`loaddata`) skips `TrackedModel.save`: it is recorded here, its before unknown (null), so
    its figures, their rollups and whatever was computed from them follow it like any write."""
    if raw:
        write_records([make_record(Action.CREATE if created else Action.UPDATE, instance, None, snapshot(instance))])


def connect() -> None:
    for model in apps.get_models():
        if issubclass(model, TrackedModel):
            pre_delete.connect(record_delete, sender=model, dispatch_uid=f"audit-delete-{model._meta.label}")
            post_save.connect(_raw_saved, sender=model, dispatch_uid=f"audit-raw-{model._meta.label}")
    user = get_user_model()
    pre_save.connect(_user_pre_save, sender=user, dispatch_uid="audit-user-pre")
    post_save.connect(_user_post_save, sender=user, dispatch_uid="audit-user-post")
