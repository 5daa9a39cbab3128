"""The hazard loop and the other safety writes that are more than one form's save.

found → rectifying → verified → closed (销号), each step by a user who may change the hazard,
atomic, checked against the loop (`models.MOVES`), dated, and on the change record with its reason.
The web page, the API and the CLI call these.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guatu.accounts.access import require
from guatu.audit.context import acting
from guatu.safety.choices import HazardStatus
from guatu.safety.models import Accident, Hazard, move_error

S = HazardStatus


class WorkflowError(ValueError):
    """A step the hazard's status, dates or the given note do not allow; the message says why."""


def _as(user, reason: str | None = None):
    """Act as `user` (None: keep the outer actor — the system, the demo loader), with a reason."""
    return acting(**({"user": user} if user is not None else {}), reason=reason)


def _name(user) -> str:
    return user.get_username() if user is not None else "system"


def transition_hazard(hazard: Hazard, to: str, *, acting_user, note: str = "", on: dt.date | None = None) -> Hazard:
    """Move a hazard one step along its loop.

    - found → rectifying: rectification starts (the note, if any, is the plan);
    - → verified: the re-inspection confirms the rectification (the note says what was done; a 重大
      hazard cannot be verified on the spot, it goes through rectifying first);
    - verified → rectifying: the re-inspection failed (the note says why; required);
    - verified → closed: 销号.
    """
    note = note.strip()
    try:
        target = S(to)
    except ValueError:
        raise WorkflowError(_("“%(to)s” is not a hazard status.") % {"to": to}) from None
    with transaction.atomic():
        fresh = Hazard.objects.select_for_update().select_related("inspection").get(pk=hazard.pk)
        require(acting_user, "change", fresh)
        source = S(fresh.status)
        problem = move_error(source, target, fresh.grade)
        if problem:
            raise WorkflowError(problem)
        day = on or timezone.localdate()
        if day > timezone.localdate():
            raise WorkflowError(_("The day of a step cannot be in the future."))
        if day < fresh.found_on:
            raise WorkflowError(_("The day of a step cannot be before the hazard was found (%(day)s).") % {
                "day": fresh.found_on.isoformat()})  # fmt: skip
        if target == S.RECTIFYING and source == S.VERIFIED:
            if not note:
                raise WorkflowError(_("Say why the re-inspection did not accept the rectification."))
            fresh.verified_on, fresh.verified_by = None, ""
        elif target == S.RECTIFYING and note:
            fresh.rectification = note
        elif target == S.VERIFIED:
            fresh.rectification = note or fresh.rectification
            if not fresh.rectification.strip():
                raise WorkflowError(_("Say how the hazard was rectified before it is verified."))
            fresh.verified_on, fresh.verified_by = day, _name(acting_user)
        elif target == S.CLOSED:
            if day < fresh.verified_on:
                raise WorkflowError(_("A hazard cannot be closed before it was verified (%(day)s).") % {
                    "day": fresh.verified_on.isoformat()})  # fmt: skip
            fresh.closed_on, fresh.closed_by = day, _name(acting_user)
        fresh.status = target
        reason = f"{source.label} → {target.label}" + (f": {note}" if note else "")
        with _as(acting_user, reason):
            fresh.save()
    for f in Hazard._meta.concrete_fields:
        setattr(hazard, f.attname, getattr(fresh, f.attname))
    return hazard


def reclassify_accidents(*, acting_user=None) -> list[Accident]:
    """Re-class every accident whose stored class the thresholds no longer give (after they were edited);
    returns the changed accidents, each change on the record."""
    with transaction.atomic(), _as(acting_user, "accident thresholds changed: re-classified"):
        changed = Accident.objects.select_for_update().misclassified()
        for accident in changed:
            if acting_user is not None:
                require(acting_user, "change", accident)
            accident.save()  # clean() computes the class again
    return changed
