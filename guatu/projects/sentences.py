"""The article's register: one sentence per list, e.g.
今年1至11月,衢州智造新城12个省"千项万亿"工程项目完成投资230.5亿元,完成年度目标任务的142.3%。
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from guatu.core.money import fmt_money, fmt_pct
from guatu.projects.progress import ProgressRow
from guatu.projects.scope import Scope


def _months(row: ProgressRow) -> str:
    month = row.period.month
    return _("January") if month == 1 else _("January to %(month)s") % {"month": _month_name(month)}


def _month_name(month: int) -> str:
    names = [
        _("January"),
        _("February"),
        _("March"),
        _("April"),
        _("May"),
        _("June"),
        _("July"),
        _("August"),
        _("September"),
        _("October"),
        _("November"),
        _("December"),
    ]
    return names[month - 1]


def list_sentence(row: ProgressRow, scope: Scope) -> str:
    """One list's progress as a briefing sentence, in the active language."""
    where = scope.platform or scope.region or ""
    return _(
        "In %(months)s %(year)s, %(count)s %(list)s projects of %(where)s completed investment of "
        "%(ytd)s 100M yuan, %(completion)s of the annual target."
    ) % {
        "months": _months(row),
        "year": row.period.year,
        "count": row.projects,
        "list": row.label,
        "where": where,
        "ytd": fmt_money(row.ytd_actual, "yi", 2, trim=True),
        "completion": fmt_pct(row.completion),
    }
