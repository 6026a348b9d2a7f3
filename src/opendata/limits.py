"""Every cap that keeps one hostile file from stalling the daily run, in one place.

Each cap ends in a reject with its own reason, never a silent truncation.
"""

# A landing file larger than this is rejected unread (`too_large`).
MAX_FILE_BYTES = 20 * 1024 * 1024
# The longest real page in our corpora is under 5,000 characters; 200k is a dump of something
# else and would cost an extractor seconds (`text_too_long`, at ingest and again at extraction).
MAX_TEXT_CHARS = 200_000
# Items in one feed (`too_many_items`), counted before the feed is parsed.
MAX_FEED_ITEMS = 10_000
# Candidates one document may yield for one record type (`too_many_rows`).
MAX_ROWS_PER_DOCUMENT = 1_000
