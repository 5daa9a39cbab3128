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
