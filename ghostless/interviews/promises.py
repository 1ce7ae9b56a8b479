"""The candidate's promise: when they will hear back after an interview."""

from datetime import datetime

from ghostless.followups.business_time import add_business_days
from ghostless.interviews.models import Interview


def hear_back_by(interview: Interview) -> datetime | None:
    """The interview's end plus its stage's `hear_back_days` business days (company time);
    None when the stage makes no promise."""
    days = interview.stage.hear_back_days if interview.stage_id else None
    if not days:
        return None
    return add_business_days(interview.ends_at, days)
