"""Creating and editing leads, moving them on, converting them, and logging talks, contacts and capital
in place — through `actions`, under the access rule, into the change record."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guatu.accounts.access import allows, may
from guatu.attraction import actions
from guatu.attraction.choices import Stage
from guatu.attraction.forms import ArrivalForm, ContactForm, ConvertForm, LeadForm, TalkForm, TransitionForm
from guatu.attraction.models import CapitalArrival, Contact, Lead, Talk
from guatu.attraction.views import visible_lead
from guatu.audit.tracking import VersionConflict


@login_required
def lead_edit(request, code: str | None = None):
    lead = None
    if code is not None:
        lead = visible_lead(request, code)
        if not allows(request.user, "change", lead):
            raise PermissionDenied(_("You may read this lead but not change it."))
    elif not may(request.user, Lead, "add"):
        raise PermissionDenied(_("Your role does not add leads."))
    form = LeadForm(request.POST or None, instance=lead, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_lead(form.instance, acting_user=request.user)
        except (VersionConflict, PermissionDenied) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved lead %(code)s.") % {"code": form.instance.code})
            return redirect(form.instance)
    return render(request, "attraction/lead_form.html", {"form": form, "lead": lead})


@login_required
def lead_transition(request, code: str):
    lead = visible_lead(request, code)
    if not allows(request.user, "change", lead):
        raise PermissionDenied(_("You may read this lead but not move it on."))
    form = TransitionForm(request.POST or None, lead=lead)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.transition(
                lead,
                data["to"],
                acting_user=request.user,
                on=data["on"],
                reason=data["reason"],
                event=data["event"],
                agreed_start=data["agreed_start"],
                seen_version=data["seen_version"],
            )
        except (actions.AttractionError, VersionConflict, PermissionDenied) as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            form.add_error(None, "; ".join(exc.messages))
        else:
            messages.success(
                request, _("%(code)s is now at “%(stage)s”.") % {"code": lead.code, "stage": Stage(lead.stage).label}
            )
            return redirect(lead)
    return render(request, "attraction/lead_transition.html", {"form": form, "lead": lead})


@login_required
def lead_convert(request, code: str):
    lead = visible_lead(request, code)
    if not allows(request.user, "change", lead):
        raise PermissionDenied(_("You may read this lead but not convert it."))
    form = ConvertForm(request.POST or None, user=request.user, lead=lead)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = actions.convert(
                lead,
                acting_user=request.user,
                code=data["code"] or None,
                name=data["name"] or None,
                department=data["department"],
                category=data["category"],
            )
        except (actions.AttractionError, PermissionDenied) as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            form.add_error(None, "; ".join(exc.messages))
        else:
            messages.success(
                request, _("%(lead)s is in the ledger as project %(code)s.") % {"lead": lead.code, "code": project.code}
            )
            return redirect(project)
    return render(request, "attraction/lead_convert.html", {"form": form, "lead": lead})


ITEMS = {"talks": (Talk, TalkForm), "contacts": (Contact, ContactForm), "arrivals": (CapitalArrival, ArrivalForm)}


@login_required
def item_edit(request, code: str, kind: str, pk: int | None = None):
    """Add (or edit) a talk, a contact or capital in place on a lead."""
    if kind not in ITEMS:
        raise PermissionDenied
    model, form_class = ITEMS[kind]
    lead = visible_lead(request, code)
    item = get_object_or_404(model.objects.filter(lead=lead), pk=pk) if pk else model(lead=lead)
    if not allows(request.user, "change" if pk else "add", item):
        raise PermissionDenied(_("You may read this lead but not change it."))
    form = form_class(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_item(form.instance, acting_user=request.user)
        except (VersionConflict, PermissionDenied) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect(lead)
    return render(
        request,
        "attraction/item_form.html",
        {"form": form, "lead": lead, "kind": kind, "title": model._meta.verbose_name},
    )


@login_required
@require_POST
def item_delete(request, code: str, kind: str, pk: int):
    if kind not in ITEMS:
        raise PermissionDenied
    model = ITEMS[kind][0]
    lead = visible_lead(request, code)
    item = get_object_or_404(model.objects.filter(lead=lead), pk=pk)
    actions.delete_item(item, acting_user=request.user)
    messages.success(request, _("Deleted."))
    return redirect(lead)
