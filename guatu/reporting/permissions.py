"""Who may run the reporting calendar — decided here and nowhere else.

Today: the Django model permission `reporting.change_reportingmonth` (the lead maps the "city
administrator" role onto it). `None` is the system itself (CLI, cron, the demo loader).
"""

from __future__ import annotations


def can_manage_calendar(user) -> bool:
    """May `user` open, close and reopen reporting months and edit the reporting policy?"""
    if user is None:
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.has_perm("reporting.change_reportingmonth")
