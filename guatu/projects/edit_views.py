"""Creating and editing projects, their annual plans and list memberships in the app (not only the
admin) — the same validation, the same access rule, the same change record as every other way in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from guatu.accounts.access import allows, may, require
from guatu.audit.context import acting
from guatu.audit.tracking import VersionConflict
from guatu.projects.forms import AnnualPlanFormSet, MembershipFormSet, ProjectForm
from guatu.projects.models import Project


@login_required
def project_edit(request, code: str | None = None):
    """The project form: new (code given by the user) or an edit of an existing project."""
    project = None
    if code is not None:
        project = get_object_or_404(Project.objects.visible_to(request.user), code=code)
        if not allows(request.user, "change", project):
            raise PermissionDenied(_("You may read this project but not change it."))
    elif not may(request.user, Project, "add"):
        raise PermissionDenied(_("Your role does not add projects."))
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(), acting(request.user):
                require(request.user, "change" if project else "add", form.instance)
                form.instance.save()
        except VersionConflict as exc:
            form.add_error(None, str(exc))
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved project %(code)s.") % {"code": form.instance.code})
            return redirect(form.instance)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@login_required
def project_plans(request, code: str):
    """Annual plans and list memberships of one project, edited together."""
    project = get_object_or_404(Project.objects.visible_to(request.user), code=code)
    if not allows(request.user, "change", project):
        raise PermissionDenied(_("You may read this project but not change its plans or lists."))
    plans = AnnualPlanFormSet(request.POST or None, instance=project, prefix="plans")
    lists = MembershipFormSet(request.POST or None, instance=project, prefix="lists")
    if request.method == "POST" and plans.is_valid() and lists.is_valid():
        try:
            with transaction.atomic(), acting(request.user):
                for formset in (plans, lists):
                    for obj in formset.save(commit=False):
                        require(request.user, "change", obj)
                        obj.save()
                    for obj in formset.deleted_objects:
                        require(request.user, "delete", obj)
                        obj.delete()
        except VersionConflict as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Saved the plans and lists of %(code)s.") % {"code": project.code})
            return redirect(project)
    return render(request, "projects/project_plans.html", {"project": project, "plans": plans, "lists": lists})
