"""Template tags other apps' pages use to show battle-map facts (the project page's problems)."""

from django import template

from guatu.accounts.access import allows
from guatu.schedules.problems import problems_context

register = template.Library()


@register.inclusion_tag("schedules/_problems.html", takes_context=True)
def project_problems(context, project):
    """The project's problems, overdue ones flagged, with the moves the user may make."""
    from guatu.schedules.models import Problem

    request = context.get("request")
    user = getattr(request, "user", None)
    passed = {name: context.get(name) for name in ("request", "csrf_token")}
    # The roles decide (not Django's model permissions, which no role grants): a problem of this project.
    mays = {f"can_{action}_problem": user is not None and allows(user, action, Problem(project=project))
            for action in ("add", "change")}  # fmt: skip
    return {"project": project, **passed, **mays, **problems_context(project, user)}


@register.simple_tag
def gantt_rows(gantt, expand=False):
    """The battle map's rows (`_gantt.html`'s body) drawn in Python: the same markup the template loop drew,
    at a fraction of its cost (a page has 400 rows, each an SVG)."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext as _

    words = {k: escape(v) for k, v in (("show", _("Show milestones")), ("cannot", _("cannot schedule")),
                                       ("baseline", _("Baseline")), ("current", _("Current plan")),
                                       ("actual", _("Actual")))}  # fmt: skip
    today = gantt.today_x
    out = []
    for row in gantt.rows:
        key, level, child = escape(row.key), escape(row.level), bool(row.parent)
        attrs = f' data-parent="{escape(row.parent)}"{"" if expand else " hidden"}' if child else ""
        out.append(f'<tr class="g-row level-{level}{" g-child" if child else " g-project"}" data-key="{key}" '
                   f'data-level="{level}"{attrs}><td class="g-name">')  # fmt: skip
        if child:
            out.append(f'<span class="g-indent">└</span> {escape(row.label)}')
        else:
            if row.unschedulable:
                out.append('<span class="g-toggle-space"></span>')
            else:
                out.append(f'<button type="button" class="g-toggle" aria-label="{words["show"]}" data-toggle="{key}">'
                           f'{"▾" if expand else "▸"}</button>')  # fmt: skip
            out.append(f' <span class="dot {level}"></span> <a href="{escape(row.url)}">{escape(row.label)}</a>')
            if row.unschedulable:
                out.append(f' <span class="tag red unschedulable">{words["cannot"]}</span>')
        promise = row.promise.isoformat() if row.promise else ""
        top, bar_h, act_y, act_h, mark_y = (7, 8, 9, 4, 5) if child else (7, 12, 10, 6, 7)
        out.append(f'</td><td class="g-date">{promise}</td><td class="g-reason">{escape("；".join(row.reasons))}</td>'
                   f'<td class="g-chart"><svg width="{gantt.axis.width}" height="{18 if child else 26}">'
                   f'<line x1="{today}" x2="{today}" y1="0" y2="26" class="today"/>')  # fmt: skip
        if row.baseline:
            out.append(f'<rect class="bar-baseline" x="{row.baseline.x}" y="2" width="{row.baseline.width}" '
                       f'height="4"><title>{words["baseline"]}</title></rect>')  # fmt: skip
        if row.current:
            out.append(f'<rect class="bar-current" x="{row.current.x}" y="{top}" width="{row.current.width}" '
                       f'height="{bar_h}"><title>{words["current"]}</title></rect>')  # fmt: skip
        if row.actual:
            out.append(f'<rect class="bar-actual" x="{row.actual.x}" y="{act_y}" width="{row.actual.width}" '
                       f'height="{act_h}"><title>{words["actual"]}</title></rect>')  # fmt: skip
        for m in row.markers:
            out.append(f'<path class="marker {escape(m.status)}" d="M{m.x} {mark_y} l5 6 l-5 6 l-5 -6 z">'
                       f"<title>{escape(m.label)} {m.date.isoformat()}</title></path>")  # fmt: skip
        out.append("</svg></td></tr>\n")
    return mark_safe("".join(out))  # every value above is escaped
