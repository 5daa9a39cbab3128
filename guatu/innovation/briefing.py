def section(scope, period, *, user):
    return None
