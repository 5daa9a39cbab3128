"""Who may change what: reading needs a login; writing needs the model permission.

The same rule serves the API (`ReadOrModelPermission`) and the web (`can_file_reports`).
"""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions


class ReadOrModelPermission(DjangoModelPermissions):
    """Any signed-in user reads; add/change/delete need Django's model permissions."""

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            return True
        return super().has_permission(request, view)


def can_file_reports(user) -> bool:
    return user.has_perms(["projects.add_monthlyreport", "projects.change_monthlyreport"])
