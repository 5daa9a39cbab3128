"""The briefing's 科创平台 section: each platform's achievements in the article's register, its
score and rank under the city's scheme, the projects its results became, a ranking table, and an
appendix that traces every figure to the yearly output rows (and every score to its indicators)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from guatu.briefings.sections import Section, Table
from guatu.core.money import fmt_amount
from guatu.innovation import measures
from guatu.innovation.figures import ranking, summary_figures
from guatu.innovation.models import InnovationPlatform, PlatformProject
from guatu.innovation.sentences import outputs_sentence, projects_sentence, score_sentence, support_sentence

MOST_PLATFORMS = 10  # paragraphs; the table lists them all


def platforms_in(scope, user):
    """The platforms a briefing scope covers (region, industrial platform, industry), as the user sees them.
    A project list or a department says nothing about platforms and is not applied."""
    return (
        InnovationPlatform.objects.visible_to(user)
        .in_scope(region=scope.region, platform=scope.platform, industry=scope.industry)
        .select_related("platform_type", "region")
    )


def _num(value) -> str:
    """A figure as the article writes it: 269, 1,800, 2.5."""
    return "—" if value is None else fmt_amount(value, 2, trim=True)


def _score(value) -> str:
    """Points with two decimals, half-up: 104.31, 96.60."""
    return "—" if value is None else fmt_amount(value, 2)


def section(scope, period, *, user) -> Section | None:
    year = period.year
    platforms = list(platforms_in(scope, user))
    groups = ranking(platforms, year)
    rows = [(g, r) for g in groups for r in g.rows]
    reported = [(g, r) for g, r in rows if any(y <= year for y in _years(r))]
    if not reported:
        return None
    reported.sort(key=lambda gr: (gr[1].card.total is None, -(gr[1].card.total or 0), gr[1].platform.code))
    links = _links(user, [r.platform for _g, r in reported])
    paragraphs, appendix = [], []
    for group, row in reported[:MOST_PLATFORMS]:
        platform, outputs = row.platform, row.card.outputs
        years = sorted(y for y in outputs if y <= year)
        figures = summary_figures(outputs, year)
        text = outputs_sentence(platform.name, figures, years[0], year) or ""
        support = support_sentence(figures["city_support"])
        if row.card.card is not None and row.card.scheme is not None:
            scored = sum(1 for r in group.rows if r.rank is not None)
            text += score_sentence(row.card.scheme.name, year, _score(row.card.total), row.card.grade, row.rank, scored,
                                   group.platform_type.name)  # fmt: skip
        text += projects_sentence(links.get(platform.pk, [])) or ""
        paragraphs.append(text + (support or ""))
        appendix.append(_outputs_table(platform, outputs, years))
        if row.card.lines:
            appendix.append(_score_table(row.card))
    table = Table(
        [_("Platform type"), _("Innovation platform"), _("Region"), _("Score"), _("Grade"), _("Rank"), _("Last year")],
        [[g.platform_type.name, r.platform.name, r.platform.region.name, _score(r.card.total), r.card.grade or "—",
          str(r.rank) if r.rank else "—", _score(r.previous.total) if r.previous else "—"] for g, r in rows],
        _("Evaluation of innovation platforms, %(year)s") % {"year": year},
    )  # fmt: skip
    return Section("innovation", _("Innovation platforms"), paragraphs, [table], appendix, order=20)


def _years(row) -> list[int]:
    return list(row.card.outputs)


def _links(user, platforms) -> dict[int, list[PlatformProject]]:
    from guatu.projects.models import Project

    visible = Project.objects.visible_to(user)
    out: dict[int, list[PlatformProject]] = {}
    links = PlatformProject.objects.filter(platform__in=platforms, project__in=visible).select_related("project")
    for link in links.order_by("project__code"):
        out.setdefault(link.platform_id, []).append(link)
    return out


def _outputs_table(platform, outputs, years) -> Table:
    """The yearly rows and their sum: the figures the sentence names."""
    figures = summary_figures(outputs, years[-1])
    keys = [k for k in measures.KEYS if figures[k].value is not None]
    headers = [_("Year"), *[f"{measures.measure(k).header}({measures.measure(k).unit})" for k in keys], _("Note")]
    rows = [[str(y), *[_num(outputs[y].value(k)) for k in keys], outputs[y].note] for y in years]
    rows.append(
        [
            _("Total"),
            *[
                (_("%(n)s-odd") % {"n": _num(figures[k].value)} if figures[k].lower_bound else _num(figures[k].value))
                for k in keys
            ],
            "",
        ]
    )
    return Table(headers, rows, _("%(name)s: yearly outputs and their sum") % {"name": platform.name})


def _score_table(card) -> Table:
    rows = [[line.indicator.label, line.indicator.get_kind_display(), _num(line.item.actual),
             _num(line.indicator.target), _score(line.indicator.weight), _score(line.item.score)]
            for line in card.lines]  # fmt: skip
    rows.append([_("Total"), "", "", "", "", _score(card.total)])
    return Table([_("Indicator"), _("Kind"), _("Actual"), _("Target"), _("Weight"), _("Score")], rows,
                 _("%(name)s: scorecard %(year)s (%(scheme)s)") % {"name": card.platform.name, "year": card.year,
                                                                   "scheme": card.scheme.name})  # fmt: skip
