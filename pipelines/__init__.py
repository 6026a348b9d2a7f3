"""The Dagster code location: assets, checks, jobs, schedules, sensors and resources.

Wiring only: every function that does work lives in ``opendata`` and is tested without
Dagster. ``definitions.py`` assembles the pieces; ``workspace.yaml`` loads it.
"""
