"""The overview's chart data (passed to the page with json_script, drawn by static/safety/safety.js)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from guatu.safety.choices import AccidentClass, HazardGrade


def overview_chart(data) -> dict:
    units = data.counties or [data.total]
    award_units = [data.total, *data.counties] if data.counties else [data.total]
    years = sorted({y for u in award_units for y in u.award.history} | {data.year})
    return {
        "counties": [u.region.name for u in units],
        "hazards": [
            {"name": _("Open · %(grade)s") % {"grade": HazardGrade(g).label}, "grade": g, "kind": "open",
             "values": [u.hazards_open[g] - u.hazards_overdue[g] for u in units]}
            for g in HazardGrade.values
        ] + [
            {"name": _("Overdue · %(grade)s") % {"grade": HazardGrade(g).label}, "grade": g, "kind": "overdue",
             "values": [u.hazards_overdue[g] for u in units]}
            for g in HazardGrade.values
        ],
        "accidents": [
            {"name": str(AccidentClass(c).label), "cls": c, "values": [u.accidents[c] for u in units]}
            for c in AccidentClass.values
        ],
        "awards": {
            "units": [u.region.name for u in award_units],
            "years": years,
            "won": [[u.award.history.get(y) for y in years] for u in award_units],
            "labels": {"won": _("won"), "lost": _("not won"), "none": _("not decided")},
        },
        "titles": {"hazards": _("Hazards open on the day, by county"), "accidents": _("Accidents by class"),
                   "awards": _("平安 awards by year")},
    }  # fmt: skip
