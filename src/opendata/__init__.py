"""opendata: Slovenian municipal pages turned into validated open data packages.

The domain library (ingest, language, extract, publish). It never imports Dagster; the
Dagster code location in ``pipelines/`` wires these functions into assets.
"""

__version__ = "0.1.0"
