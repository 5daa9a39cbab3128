"""The pipeline's stages in order and the moves allowed between them — data, read by the actions,
the forms, the API and the figures alike.

线索 → 研判 → 在谈 → 签约 → 注册 → 供地 → 开工 → 竣工 → 投产 → 达效 is the main line. A lead may skip
供地 (it rents a plant) and go from 开工 straight to 投产 (a first phase produces while the rest is
built). From every active stage it may be suspended (中止) or exit (退出); a suspended lead resumes
at the stage it was suspended from, or exits. 达效 and 退出 are final.
"""

from __future__ import annotations

from guatu.attraction.choices import Stage

MAIN = (
    Stage.LEAD,
    Stage.SCREENING,
    Stage.NEGOTIATING,
    Stage.SIGNED,
    Stage.REGISTERED,
    Stage.LAND,
    Stage.STARTED,
    Stage.COMPLETED,
    Stage.PRODUCING,
    Stage.REACHED,
)
# The rank of each main stage (线索 = 1 … 达效 = 10): "reached at least S" is "rank ≥ RANK[S]".
RANK: dict[str, int] = {stage.value: i for i, stage in enumerate(MAIN, start=1)}
ACTIVE = frozenset(MAIN) - {Stage.REACHED}
FINAL = frozenset({Stage.REACHED, Stage.EXITED})
RESUME = "resume"  # from 中止: back to the stage the lead was suspended from

_FORWARD: dict[str, set[str]] = {
    Stage.LEAD: {Stage.SCREENING},
    Stage.SCREENING: {Stage.NEGOTIATING},
    Stage.NEGOTIATING: {Stage.SIGNED},
    Stage.SIGNED: {Stage.REGISTERED},
    Stage.REGISTERED: {Stage.LAND, Stage.STARTED},
    Stage.LAND: {Stage.STARTED},
    Stage.STARTED: {Stage.COMPLETED, Stage.PRODUCING},
    Stage.COMPLETED: {Stage.PRODUCING},
    Stage.PRODUCING: {Stage.REACHED},
}

# From each stage, where a lead may go next. The one table every way in reads.
MOVES: dict[str, frozenset[str]] = {
    **{stage: frozenset(_FORWARD[stage] | {Stage.SUSPENDED, Stage.EXITED}) for stage in ACTIVE},
    Stage.REACHED: frozenset(),
    Stage.SUSPENDED: frozenset({RESUME, Stage.EXITED}),
    Stage.EXITED: frozenset(),
}

# Stages at which a signed lead has not yet started building (the exit review watches these).
SIGNED_NOT_STARTED = frozenset({Stage.SIGNED, Stage.REGISTERED, Stage.LAND})
# Stages whose owners report every so often (after 开工 the project's monthly reports take over).
REPORTING = frozenset({Stage.SCREENING, Stage.NEGOTIATING, *SIGNED_NOT_STARTED})


def rank(stage: str) -> int | None:
    """The main-line rank of a stage; None for 中止 and 退出."""
    return RANK.get(stage)


def at_least(stage: str) -> list[str]:
    """The main stages at or after `stage` (a lead at any of them has reached `stage`)."""
    return [s.value for s in MAIN if RANK[s] >= RANK[stage]]
