"""Who may run the reporting calendar — decided here and nowhere else: a role granting "close" on
the reporting month (the city administrator; see guatu.accounts.roles). `None` is the system
itself (CLI, cron, the demo loader)."""

from __future__ import annotations


def can_manage_calendar(user) -> bool:
    """May `user` open, close and reopen reporting months and edit the reporting policy?"""
    from guatu.accounts.access import may
    from guatu.reporting.models import ReportingMonth

    return may(user, ReportingMonth, "close")
