"""The admin under the same access rule as every other way in.

Every ModelAdmin in guatu derives from `ScopedAdmin` (a test checks it): the changelist shows the
rows the user may view, foreign-key choices are the rows they may view, and add/change/delete are
allowed per object by `guatu.accounts.access`. Forms carry the version the user saw, so an admin
edit over someone else's newer change is refused rather than silently overwriting it.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin

from guatu.accounts.access import allows, may, require, restrict


class VersionedFormMixin:
    """A hidden `seen_version`: the version of the object when the form was shown."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if hasattr(self._meta.model, "version"):
            self.fields["seen_version"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=getattr(self.instance, "version", None)
            )

    def _post_clean(self):
        seen = self.cleaned_data.get("seen_version") if hasattr(self, "cleaned_data") else None
        if seen is not None and self.instance.pk is not None:
            self.instance.version = seen
        super()._post_clean()


class VersionedModelForm(VersionedFormMixin, forms.ModelForm):
    pass


class ScopedAdmin(admin.ModelAdmin):
    form = VersionedModelForm

    def get_queryset(self, request):
        return restrict(super().get_queryset(request), request.user, "view")

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_staff and may(request.user, self.model, "view")

    def has_view_permission(self, request, obj=None) -> bool:
        if obj is None:
            return request.user.is_staff and may(request.user, self.model, "view")
        return allows(request.user, "view", obj)

    def has_add_permission(self, request) -> bool:
        return request.user.is_staff and may(request.user, self.model, "add")

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is None:
            return request.user.is_staff and may(request.user, self.model, "change")
        return allows(request.user, "change", obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is None:
            return request.user.is_staff and may(request.user, self.model, "delete")
        return allows(request.user, "delete", obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = restrict(field.queryset, request.user, "view")
        return field

    def save_model(self, request, obj, form, change) -> None:
        require(request.user, "change" if change else "add", obj)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj) -> None:
        require(request.user, "delete", obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            require(request.user, "delete", obj)
        super().delete_queryset(request, queryset)


class ScopedInline(admin.TabularInline):
    """An inline under the same rule (its rows belong to the parent object's scope)."""

    extra = 0
    form = VersionedModelForm

    def get_queryset(self, request):
        return restrict(super().get_queryset(request), request.user, "view")

    def has_add_permission(self, request, obj=None) -> bool:
        return may(request.user, self.model, "add")

    def has_change_permission(self, request, obj=None) -> bool:
        return may(request.user, self.model, "change")

    def has_delete_permission(self, request, obj=None) -> bool:
        return may(request.user, self.model, "delete")

    def has_view_permission(self, request, obj=None) -> bool:
        return may(request.user, self.model, "view")


class ReadOnlyAdmin(ScopedAdmin):
    """For records nobody edits (the change record)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
