"""The access rule in the API and the web pages (see `guatu.accounts.access`).

API: `RolePermission` is the default permission class — a signed-in, active user with a role that
grants the action on the view's model; per object, the object must be in the user's scope.
`ScopedViewSetMixin` restricts every viewset's queryset to what the user may view (so an object
out of scope is a 404, never a leak) and checks add/change/delete on the object as it would be
saved. `ScopedSerializerMixin` limits every foreign-key field to objects the user may view.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from guatu.accounts.access import allows, may, require, restrict

METHOD_ACTIONS = {"GET": "view", "HEAD": "view", "OPTIONS": "view", "POST": "add", "PUT": "change",
                  "PATCH": "change", "DELETE": "delete"}  # fmt: skip


def view_model(view):
    model = getattr(view, "access_model", None)
    if model is not None:
        return model
    queryset = getattr(view, "queryset", None)
    if queryset is not None:
        return queryset.model
    serializer_class = getattr(view, "serializer_class", None)
    meta = getattr(serializer_class, "Meta", None)
    return getattr(meta, "model", None)


def view_action(request, view) -> str:
    """The access action of this request: the view's `access_actions[action]`, else by HTTP method."""
    named = getattr(view, "access_actions", {}).get(getattr(view, "action", None))
    return named or METHOD_ACTIONS.get(request.method, "change")


class RolePermission(BasePermission):
    """Signed in, active, and holding a role that grants this action on this kind of object."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        model = view_model(view)
        if model is None:  # figures computed from scoped reads (progress, warnings …)
            return True
        return may(user, model, view_action(request, view))

    def has_object_permission(self, request, view, obj) -> bool:
        return allows(request.user, view_action(request, view), obj)


class ScopedViewSetMixin:
    """Querysets restricted to what the user may view; writes checked on the object as saved."""

    def get_queryset(self):
        return restrict(super().get_queryset(), self.request.user, "view")


class ScopedSerializerMixin:
    """Foreign keys accept only objects the user may view; saves check add/change on the result."""

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is None:
            return fields
        for field in fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and not getattr(field, "read_only", False):
                field.queryset = restrict(queryset, request.user, "view")
        if hasattr(self.Meta.model, "version") and "version" not in fields:
            fields["version"] = serializers.IntegerField(
                required=False, min_value=1,
                help_text="The object's version; send the one you read when you change it (or If-Match).",
            )  # fmt: skip
        return fields

    def _acting_user(self):
        request = self.context.get("request")
        return request.user if request is not None else None

    def create(self, validated_data):
        validated_data.pop("version", None)
        instance = self.Meta.model(**validated_data)
        self._require(instance, "add")
        instance.save()
        return instance

    def update(self, instance, validated_data):
        validated_data.pop("version", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        self._require(instance, "change")
        instance.save()
        return instance

    def _require(self, instance, action: str) -> None:
        try:
            require(self._acting_user(), action, instance)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
