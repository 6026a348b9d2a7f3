"""Partitions: one per landing batch, so a day's new pages cost a day's work.

Why batches and not days: a batch is exactly "the files that were new when we looked",
whatever their publication or fetch dates say (archives land with old dates, a crawler
can drop a week at once). Reading and extracting are per batch; merging and publishing
combine every batch, since one outage can be announced in Monday's batch and postponed in
Thursday's.
"""
import dagster as dg

landing_batches = dg.DynamicPartitionsDefinition(name="landing_batches")
