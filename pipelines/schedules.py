"""Schedules: the daily build at 06:00 Ljubljana time, before residents check the morning's outages."""
from __future__ import annotations

import dagster as dg

from .jobs import build_job

daily_build = dg.ScheduleDefinition(
    name="daily_build",
    job=build_job,
    cron_schedule="0 6 * * *",
    execution_timezone="Europe/Ljubljana",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Rebuild and publish the package every morning at 06:00 Europe/Ljubljana.",
)
