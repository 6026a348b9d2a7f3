"""Schedules: the morning fetch and build, Ljubljana time, before residents check the day's outages.

- ``daily_fetch`` (06:00) fetches the sources; the landing sensor builds what arrived within
  a minute. It starts STOPPED: switch it on once ``sources.yaml`` lists your sites, so a fresh
  ``dagster dev`` never reaches out to real websites.
- ``daily_build`` (06:30) merges every batch and publishes, so the package is fresh (and its
  freshness check green) even on a morning nothing new arrived.
"""
import dagster as dg

from .jobs import fetch_job, publish_job

daily_fetch = dg.ScheduleDefinition(
    name="daily_fetch",
    job=fetch_job,
    cron_schedule="0 6 * * *",
    execution_timezone="Europe/Ljubljana",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Fetch the sources of sources.yaml every morning at 06:00 Europe/Ljubljana.",
)

daily_build = dg.ScheduleDefinition(
    name="daily_build",
    job=publish_job,
    cron_schedule="30 6 * * *",
    execution_timezone="Europe/Ljubljana",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Merge every landing batch and publish the package every morning at 06:30 Europe/Ljubljana.",
)
