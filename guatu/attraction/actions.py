"""The pipeline's workflows: creating and editing leads, moving them from stage to stage (dated, with
the history row and the change record in one transaction), and converting a signed lead into a
ledger project. The web forms, the API, the CLI and the demo call these and nothing else.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guatu.accounts.access import require
from guatu.attraction.choices import Stage
from guatu.attraction.models import Lead, LeadStageChange, SigningEvent
from guatu.attraction.stages import MOVES, RANK, RESUME
from guatu.audit.context import acting
from guatu.audit.tracking import TrackedModel, VersionConflict
from guatu.projects.choices import Category
from guatu.projects.choices import Stage as ProjectStage
from guatu.projects.models import Project


class AttractionError(ValueError):
    """A move the pipeline's rules do not allow; the message says why."""


class ConversionError(AttractionError):
    """The lead cannot become this project (it already is one, or the code is taken); names the project."""

    def __init__(self, message: str, project: Project | None = None):
        super().__init__(message)
        self.project = project


def _as(user, reason: str | None = None):
    """Act as `user` (None: keep the outer actor — the system, the demo loader), with a reason."""
    return acting(**({"user": user} if user is not None else {}), reason=reason)


def _name(user) -> str:
    return user.get_username() if user is not None else "system"


def save_lead(lead: Lead, *, acting_user) -> Lead:
    """Create a lead (at 线索, from the day it was received) or save an edit of its facts."""
    with transaction.atomic(), _as(acting_user):
        creating = lead.pk is None
        if creating:
            lead.stage, lead.stage_on, lead.signed_on = Stage.LEAD, lead.received_on, None
            lead.event, lead.project = None, None
        require(acting_user, "add" if creating else "change", lead)
        lead.save()
    return lead


def save_item(obj: TrackedModel, *, acting_user) -> TrackedModel:
    """Add or change a row that belongs to a lead (a talk, a contact, capital in place)."""
    with transaction.atomic(), _as(acting_user):
        require(acting_user, "add" if obj.pk is None else "change", obj)
        obj.save()
    return obj


def delete_item(obj: TrackedModel, *, acting_user) -> None:
    with transaction.atomic(), _as(acting_user):
        require(acting_user, "delete", obj)
        obj.delete()


def suspended_from(lead: Lead) -> str | None:
    """The stage a suspended lead left (where it resumes); None unless it is suspended."""
    if lead.stage != Stage.SUSPENDED:
        return None
    last = lead.stage_changes.filter(to_stage=Stage.SUSPENDED).order_by("-on", "-id").first()
    return last.from_stage if last else None


def next_stages(lead: Lead) -> list[str]:
    """Where the lead may go from its current stage, in the pipeline's order (what a page offers)."""
    targets = set(MOVES[lead.stage])
    if RESUME in targets:
        targets.discard(RESUME)
        back = suspended_from(lead)
        if back:
            targets.add(back)
    order = list(Stage.values)
    return sorted(targets, key=order.index)


def transition(
    lead: Lead,
    to: str,
    *,
    acting_user,
    on: dt.date | None = None,
    reason: str = "",
    event: SigningEvent | None = None,
    agreed_start: dt.date | None = None,
    seen_version: int | None = None,
) -> LeadStageChange:
    """Move a lead to stage `to` on day `on` (default: the event's day, else today).

    The move must be in `stages.MOVES`; the day may not be in the future nor before the lead's
    current stage began; suspending and exiting need a reason; signing needs the agreed start date
    (given here or already on the lead). The first signing is the one that counts: it sets
    `signed_on` (and the event signed at), which no later move changes.
    """
    reason = (reason or "").strip()
    to = Stage(to).value
    with transaction.atomic(), _as(acting_user, reason or None):
        fresh = Lead.objects.select_for_update().get(pk=lead.pk)
        if seen_version is not None and seen_version != fresh.version:
            raise VersionConflict(fresh, {"version": fresh.version}, seen_version)
        require(acting_user, "change", fresh)
        allowed = next_stages(fresh)
        if to not in allowed:
            raise AttractionError(
                _("A lead cannot go from “%(from)s” to “%(to)s”; it may go to: %(allowed)s.")
                % {
                    "from": Stage(fresh.stage).label,
                    "to": Stage(to).label,
                    "allowed": "、".join(str(Stage(s).label) for s in allowed) or _("nowhere (final)"),
                }
            )
        day = on or (event.on if event is not None else timezone.localdate())
        _check_day(fresh, day)
        if to in (Stage.SUSPENDED, Stage.EXITED) and not reason:
            raise AttractionError(_("Say why the lead is %(to)s.") % {"to": Stage(to).label})
        if to == Stage.SIGNED:
            _sign(fresh, day, event, agreed_start)
        elif event is not None:
            raise AttractionError(_("Only a signing is made at a signing event."))
        change = LeadStageChange(
            lead=fresh, from_stage=fresh.stage, to_stage=to, on=day, reason=reason, by=_name(acting_user)
        )
        why = reason or _("stage: %(from)s → %(to)s") % {"from": Stage(fresh.stage).label, "to": Stage(to).label}
        with acting(reason=why):  # the change record says why, even when the person gave no reason
            change.save()
            fresh.stage, fresh.stage_on = to, day
            fresh.save()
    _copy_state(fresh, lead)
    return change


def _check_day(lead: Lead, day: dt.date) -> None:
    if day > timezone.localdate():
        raise AttractionError(_("A stage change cannot be dated in the future (%(day)s).") % {"day": day})
    since = lead.stage_on or lead.received_on
    if since and day < since:
        raise AttractionError(
            _("%(day)s is before the lead's current stage began (%(since)s).") % {"day": day, "since": since}
        )


def _sign(lead: Lead, day: dt.date, event: SigningEvent | None, agreed_start: dt.date | None) -> None:
    if agreed_start is not None:
        lead.agreed_start = agreed_start
    if lead.agreed_start is None:
        raise AttractionError(_("A signing needs the agreed start date (约定开工日期) from the agreement."))
    if lead.signed_on is not None:  # signed before, suspended, resumed: it counted the first time
        if event is not None and event.pk != lead.event_id:
            raise AttractionError(
                _("This lead counted at its first signing on %(day)s; a later signing cannot move it to an event.")
                % {"day": lead.signed_on}
            )
        return
    if event is not None and event.on != day:
        raise AttractionError(
            _("A signing at %(event)s is dated the event's day, %(day)s.") % {"event": event.name, "day": event.on}
        )
    lead.signed_on, lead.event = day, event


def convert(
    lead: Lead,
    *,
    acting_user,
    code: str | None = None,
    name: str | None = None,
    department=None,
    category: str = Category.INDUSTRIAL,
) -> Project:
    """Turn a signed lead into a ledger project, once: code (default: the lead's), name, owner (the
    investor), region, platform, industry, department and total investment (the counted amount)
    carried over; the lead points at the project and the project back at the lead (`project.lead`).
    Converting twice, or onto a code the ledger already has, is an error naming the project."""
    with transaction.atomic(), _as(acting_user, _("converted from lead %(code)s") % {"code": lead.code}):
        fresh = Lead.objects.select_for_update().get(pk=lead.pk)
        require(acting_user, "change", fresh)
        if fresh.project is not None:
            raise ConversionError(
                _("Lead %(lead)s is already in the ledger as project %(code)s %(name)s.")
                % {"lead": fresh.code, "code": fresh.project.code, "name": fresh.project.name},
                fresh.project,
            )
        if fresh.signed_on is None or fresh.stage == Stage.EXITED:
            raise AttractionError(_("Only a signed lead that has not exited becomes a ledger project."))
        code = (code or fresh.code).strip()
        taken = Project.objects.filter(code=code).first()
        if taken is not None:
            raise ConversionError(
                _("The ledger already has project %(code)s %(name)s; give the new project another code.")
                % {"code": taken.code, "name": taken.name},
                taken,
            )
        project = Project(
            code=code,
            name=(name or fresh.name).strip(),
            owner=fresh.investor,
            region=fresh.region,
            platform=fresh.platform,
            industry=fresh.industry,
            department=department or fresh.department,
            category=category,
            total_investment=fresh.counted_investment,
            planned_start=fresh.agreed_start,
            contact_leader=fresh.leader_name,
            description=_("Converted from investment lead %(code)s.") % {"code": fresh.code},
        )
        _carry_stage(fresh, project)
        require(acting_user, "add", project)
        project.save()
        fresh.project = project
        fresh.save()
    _copy_state(fresh, lead)
    return project


def _carry_stage(lead: Lead, project: Project) -> None:
    """A lead already building or producing joins the ledger with its start (and production) date."""
    dates = {
        c.to_stage: c.on
        for c in lead.stage_changes.order_by("on", "id")
        if c.to_rank and c.to_rank >= RANK[Stage.STARTED]
    }
    started = min(dates.values(), default=None)
    if started is None:
        return
    project.actual_start, project.stage = started, ProjectStage.CONSTRUCTION
    produced = dates.get(Stage.PRODUCING)
    if produced is not None:
        project.actual_completion, project.stage = produced, ProjectStage.PRODUCTION


def _copy_state(source: Lead, target: Lead) -> None:
    if source is target:
        return
    for f in Lead._meta.concrete_fields:
        setattr(target, f.attname, getattr(source, f.attname))
    for name in ("project", "event"):
        field = Lead._meta.get_field(name)
        if field.is_cached(target):
            field.delete_cached_value(target)
