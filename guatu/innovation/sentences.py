"""The article's register for platforms: "两年来，衢州资源化工创新研究院累计引育高层次人才269人，…"

A figure that a row marks as a lower bound is written with 余 ("发表论文160余篇"), as the article does.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from guatu.core.money import fmt_money
from guatu.innovation.figures import Figure

CHINESE_NUMERALS = dict(enumerate("一两三四五六七八九十", start=1))


def _zh() -> bool:
    return (translation.get_language() or "zh-hans").startswith("zh")


def _count(figure: Figure) -> str:
    n = str(int(figure.value)) if figure.value == figure.value.to_integral_value() else str(figure.value)
    return _("%(n)s-odd") % {"n": n} if figure.lower_bound else n


def _amount(figure: Figure) -> str:
    text = fmt_money(figure.value, "wan", 2, trim=True)
    return _("%(n)s-odd") % {"n": text} if figure.lower_bound else text


PHRASES = {
    "talent": lambda f: _("brought in %(n)s high-level talents") % {"n": _count(f)},
    "first_of_kind": lambda f: (
        _("created %(n)s first-of-their-kind engineering devices and technology systems") % {"n": _count(f)}
    ),
    "papers": lambda f: _("published %(n)s papers") % {"n": _count(f)},
    "patent_applications": lambda f: _("applied for %(n)s patents") % {"n": _count(f)},
    "patent_grants": lambda f: _("was granted %(n)s patents") % {"n": _count(f)},
    "funded_projects": lambda f: _("won %(n)s national and provincial key projects") % {"n": _count(f)},
    "firm_services": lambda f: _("served firms %(n)s times") % {"n": _count(f)},
    "firms_incubated": lambda f: _("incubated %(n)s firms") % {"n": _count(f)},
    "commercial_income": lambda f: _("earned %(n)s 10k yuan from commercialisation") % {"n": _amount(f)},
    "rd_spending": lambda f: _("spent %(n)s 10k yuan on R&D") % {"n": _amount(f)},
}


def span(first_year: int, year: int) -> str:
    """ "两年来" for 2023–2024; "2024年" for one year."""
    n = year - first_year + 1
    if n <= 1:
        return _("In %(year)s") % {"year": year}
    words = CHINESE_NUMERALS.get(n, str(n)) if _zh() else str(n)
    return _("Over the past %(n)s years") % {"n": words}


def outputs_sentence(name: str, figures: dict[str, Figure], first_year: int, year: int) -> str | None:
    """The platform's achievements since its first reported year, or None when it reported nothing."""
    parts = [phrase(figures[key]) for key, phrase in PHRASES.items() if figures[key].value]  # 0 and None: unsaid
    if not parts:
        return None
    joined = ("，" if _zh() else ", ").join(parts)
    return _("%(span)s, %(name)s has in total %(parts)s.") % {"span": span(first_year, year), "name": name,
                                                               "parts": joined}  # fmt: skip


def support_sentence(figure: Figure) -> str | None:
    if figure.value is None or figure.value == Decimal(0):
        return None
    return _("The city has supported it with %(n)s 10k yuan in total.") % {"n": _amount(figure)}


def score_sentence(scheme: str, year: int, total: str, grade: str | None, rank: int | None, of: int,
                   type_name: str) -> str:  # fmt: skip
    text = _("Under the %(scheme)s it scored %(total)s points for %(year)s") % {
        "scheme": scheme, "total": total, "year": year}  # fmt: skip
    if grade:
        text += _(", graded %(grade)s") % {"grade": grade}
    if rank is not None and of > 1:
        text += _(", ranking %(rank)s among %(of)s %(type)s") % {"rank": rank, "of": of, "type": type_name}
    return text + _(".")


def projects_sentence(links: list) -> str | None:
    """Its results turned into projects: "其成果转化形成…项目(技术入股，总投资25亿元)"."""
    if not links:
        return None
    items = "、".join(
        _("%(project)s (%(relation)s, total investment %(total)s 100M yuan)") % {
            "project": link.project.name, "relation": link.get_relation_display(),
            "total": fmt_money(link.project.total_investment, "yi", 2, trim=True)}
        for link in links
    )  # fmt: skip
    return _("Its results became %(n)s ledger projects: %(items)s.") % {"n": len(links), "items": items}
