"""Template tags other apps' pages use to show battle-map facts (the project page's problems)."""

from django import template

from guatu.schedules.problems import problems_context

register = template.Library()


@register.inclusion_tag("schedules/_problems.html", takes_context=True)
def project_problems(context, project):
    """The project's problems, overdue ones flagged, with the moves the user may make."""
    request = context.get("request")
    passed = {name: context.get(name) for name in ("request", "perms", "csrf_token")}
    return {"project": project, **passed, **problems_context(project, getattr(request, "user", None))}
