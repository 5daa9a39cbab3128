"""The importer's view of the cross-row report rules: the one set in `guatu.projects.rules`, worded by
the model (`guatu.projects.models.series_message`)."""

from guatu.projects.models import series_message
from guatu.projects.rules import SeriesError, SeriesRow, series_errors

__all__ = ["SeriesError", "SeriesRow", "series_errors", "series_message"]
