"""Editing in the app: a platform's facts, a year's outputs, the city's schemes — the same validation,
access rule and change record as the API, the admin and the import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guatu.accounts.access import allows, may, require
from guatu.accounts.decorators import role_required
from guatu.audit.context import acting
from guatu.audit.tracking import VersionConflict
from guatu.innovation import actions
from guatu.innovation.forms import BandFormSet, IndicatorFormSet, OutputForm, PlatformForm, SchemeForm
from guatu.innovation.models import EvaluationScheme, InnovationPlatform, PlatformOutput
from guatu.innovation.views import visible_platform


def _save(request, form, obj, action: str) -> bool:
    """Save a form's object under the access rule; a refusal or a newer version becomes a form error."""
    try:
        with transaction.atomic(), acting(request.user):
            require(request.user, action, obj)
            obj.save()
    except (VersionConflict, PermissionDenied) as exc:
        form.add_error(None, str(exc))
        return False
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return False
    return True


@login_required
def output_edit(request, code: str, year: int | None = None):
    """A platform's outputs for a year: new, or an edit of the stored row."""
    platform = visible_platform(request, code)
    row = get_object_or_404(PlatformOutput, platform=platform, year=year) if year is not None else None
    action = "change" if row else "add"
    if not allows(request.user, action, row or PlatformOutput(platform=platform)):
        raise PermissionDenied(_("You may read this platform but not report its outputs."))
    form = OutputForm(request.POST or None, instance=row, platform=platform)
    if request.method == "POST" and form.is_valid() and _save(request, form, form.instance, action):
        messages.success(request, _("Saved the %(year)s outputs of %(name)s.") % {"year": form.instance.year,
                                                                               "name": platform.name})  # fmt: skip
        return redirect(platform)
    return render(request, "innovation/output_form.html", {"form": form, "platform": platform, "row": row})


@login_required
def platform_edit(request, code: str | None = None):
    platform = visible_platform(request, code) if code else None
    if platform is not None and not allows(request.user, "change", platform):
        raise PermissionDenied(_("You may read this platform but not change it."))
    if platform is None and not may(request.user, InnovationPlatform, "add"):
        raise PermissionDenied(_("Your role does not add platforms."))
    form = PlatformForm(request.POST or None, instance=platform, user=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(request, form, form.instance, "change" if platform else "add")
    ):
        messages.success(request, _("Saved platform %(name)s.") % {"name": form.instance.name})
        return redirect(form.instance)
    return render(request, "innovation/platform_form.html", {"form": form, "platform": platform})


@login_required
def scheme_list(request):
    schemes = EvaluationScheme.objects.select_related("platform_type").prefetch_related("indicators", "bands")
    return render(request, "innovation/scheme_list.html", {
        "schemes": schemes, "may_add": may(request.user, EvaluationScheme, "add")})  # fmt: skip


@login_required
def scheme_detail(request, pk: int):
    scheme = get_object_or_404(EvaluationScheme.objects.select_related("platform_type"), pk=pk)
    return render(request, "innovation/scheme_detail.html", {
        "scheme": scheme, "indicators": scheme.indicators.all(), "bands": scheme.bands.all(),
        "can_edit": allows(request.user, "change", scheme), "next_year": scheme.year + 1,
    })  # fmt: skip


@login_required
@role_required(EvaluationScheme, "change")
def scheme_edit(request, pk: int | None = None):
    """A scheme with its indicators and grade bands, saved together (only the city sets schemes)."""
    scheme = get_object_or_404(EvaluationScheme, pk=pk) if pk else EvaluationScheme()
    form = SchemeForm(request.POST or None, instance=scheme if pk else None)
    indicators = IndicatorFormSet(request.POST or None, instance=scheme, prefix="indicators")
    bands = BandFormSet(request.POST or None, instance=scheme, prefix="bands")
    if request.method == "POST" and form.is_valid() and indicators.is_valid() and bands.is_valid():
        kept = [f.instance for f in indicators.forms if f.has_changed() and f not in indicators.deleted_forms]
        kept_bands = [f.instance for f in bands.forms if f.has_changed() and f not in bands.deleted_forms]
        try:
            actions.save_scheme(
                form.instance, kept, [f.instance for f in indicators.deleted_forms if f.instance.pk],
                kept_bands, [f.instance for f in bands.deleted_forms if f.instance.pk], acting_user=request.user,
            )  # fmt: skip
        except (VersionConflict, PermissionDenied) as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": form.instance.name})
            return redirect(form.instance)
    return render(request, "innovation/scheme_form.html", {"form": form, "indicators": indicators, "bands": bands,
                                                            "scheme": scheme if pk else None})  # fmt: skip


@login_required
@require_POST
@role_required(EvaluationScheme, "add")
def scheme_copy(request, pk: int):
    scheme = get_object_or_404(EvaluationScheme, pk=pk)
    try:
        year = int(request.POST.get("year", scheme.year + 1))
        copy = actions.copy_scheme(scheme, year, acting_user=request.user)
    except (ValueError, ValidationError) as exc:
        messages.error(request, "; ".join(getattr(exc, "messages", [str(exc)])))
        return redirect(scheme)
    messages.success(request, _("Copied to %(name)s; adjust its targets.") % {"name": copy.name})
    return redirect("innovation:scheme_edit", pk=copy.pk)
