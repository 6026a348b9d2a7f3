"""Assets in data-flow order: ``ingest`` (files → documents), ``extract`` (documents → tables), ``publish``."""
