from django.db import models
from django.utils.translation import pgettext_lazy


class MonthState(models.TextChoices):
    """A reporting month is open while the city collects its reports, closed when it is done."""

    OPEN = "open", pgettext_lazy("reporting month", "open")
    CLOSED = "closed", pgettext_lazy("reporting month", "closed")
