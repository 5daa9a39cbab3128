"""Creating and editing funds, commitments and investments in the app — the same validation, access
rule and change record as the API, the admin and the import."""

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
from guatu.funds.forms import FundCommitmentForm, FundForm, FundInvestmentForm
from guatu.funds.models import Fund, FundCommitment, FundInvestment


def _save(request, form, action: str) -> bool:
    """Save a valid form under the access rule, inside one transaction; False (with the reason on the form)
    when someone else changed the row meanwhile or the user may not."""
    try:
        with transaction.atomic(), acting(request.user):
            require(request.user, action, form.instance)
            form.save()
    except (VersionConflict, PermissionDenied) as exc:
        form.add_error(None, str(exc))
        return False
    return True


@login_required
def fund_edit(request, code: str | None = None):
    fund = None
    if code is not None:
        fund = get_object_or_404(Fund.objects.visible_to(request.user), code=code)
        if not allows(request.user, "change", fund):
            raise PermissionDenied(_("You may read this fund but not change it."))
    elif not may(request.user, Fund, "add"):
        raise PermissionDenied(_("Your role does not add funds."))
    form = FundForm(request.POST or None, instance=fund, user=request.user)
    if request.method == "POST" and form.is_valid() and _save(request, form, "change" if fund else "add"):
        messages.success(request, _("Saved fund %(code)s.") % {"code": form.instance.code})
        return redirect(form.instance)
    return render(
        request, "funds/edit.html", {"form": form, "fund": fund, "title": _("Edit fund") if fund else _("New fund")}
    )


def _fund_for_rows(request, code: str) -> Fund:
    return get_object_or_404(Fund.objects.visible_to(request.user), code=code)


@login_required
def commitment_edit(request, code: str, pk: int | None = None):
    fund = _fund_for_rows(request, code)
    row = get_object_or_404(FundCommitment.objects.visible_to(request.user), pk=pk, fund=fund) if pk else None
    action = "change" if row else "add"
    if not (allows(request.user, action, row) if row else may(request.user, FundCommitment, "add")):
        raise PermissionDenied(_("Your role or scope does not allow this."))
    form = FundCommitmentForm(request.POST or None, instance=row, fund=fund, user=request.user)
    if request.method == "POST" and form.is_valid() and _save(request, form, action):
        messages.success(request, _("Saved the commitment of %(lp)s.") % {"lp": form.instance.lp_name})
        return redirect(fund)
    return render(request, "funds/edit.html", {"form": form, "fund": fund, "title": _("Commitment")})


@login_required
def investment_edit(request, code: str, pk: int | None = None):
    fund = _fund_for_rows(request, code)
    row = get_object_or_404(FundInvestment.objects.visible_to(request.user), pk=pk, fund=fund) if pk else None
    action = "change" if row else "add"
    if not (allows(request.user, action, row) if row else may(request.user, FundInvestment, "add")):
        raise PermissionDenied(_("Your role or scope does not allow this."))
    form = FundInvestmentForm(request.POST or None, instance=row, fund=fund, user=request.user)
    if request.method == "POST" and form.is_valid() and _save(request, form, action):
        messages.success(request, _("Saved the investment in %(investee)s.") % {"investee": form.instance.investee})
        return redirect(fund)
    return render(request, "funds/edit.html", {"form": form, "fund": fund, "title": _("Investment")})
