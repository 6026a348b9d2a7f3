"""Extract assets: documents → candidates per record type → merged, typed tables."""

import dagster as dg
import pyarrow as pa

from opendata.extract import extract_by_document, select_extractions
from opendata.ingest import BatchRead, CombinedBatches
from opendata.schema import to_arrow

from opendata.versions import code_version

from ..inputs import by_partition
from ..metadata import definition_metadata, materialization_metadata
from ..partitions import landing_batches
from ..resources import PipelineSettings

GROUP = "extract"
OWNERS = ["team:open-data"]


def _candidates_asset(kind: str, description: str) -> dg.AssetsDefinition:
    @dg.asset(
        name=f"{kind[:-1]}_candidates",
        group_name=GROUP,
        owners=OWNERS,
        partitions_def=landing_batches,
        code_version=code_version("extract"),
        kinds={"python"},
        tags={"stage": "extract"},
        description=description,
    )
    def _asset(context: dg.AssetExecutionContext, settings: PipelineSettings, landing_files: BatchRead) -> dict:
        documents = [doc for read in BatchRead.stored(landing_files).reads() for doc in read.documents]
        found = extract_by_document(kind, documents, settings.gazetteer())
        errors = [e for extraction in found.values() for e in extraction.errors]
        for error in errors:
            context.log.error(f"{error.path}: {error.reason} {error.detail}")
        context.add_output_metadata(
            {"documents": len(documents), "candidates": sum(len(x.candidates) for x in found.values()), "errors": len(errors)}
        )
        return found

    return _asset


outage_candidates = _candidates_asset("outages", "Outages as each document of a batch states them, before merging.")
event_candidates = _candidates_asset("events", "Dated events as each document of a batch states them, before merging.")
project_candidates = _candidates_asset("projects", "Projects as each document of a batch names them, before merging.")


def _kept(candidates: dict, landing_documents: CombinedBatches) -> tuple[list, list]:
    """Candidates of the deduplicated documents only, from the batch each was kept from."""
    return select_extractions(candidates, landing_documents.kept(), landing_documents.batch_of)


def _out(name: str, description: str) -> dg.AssetOut:
    return dg.AssetOut(
        group_name=GROUP,
        owners=OWNERS,
        code_version=code_version("extract"),
        kinds={"pyarrow"},
        tags={"stage": "merge"},
        metadata=definition_metadata(name),
        description=description,
    )


def _emit(name: str, rows: list[dict]) -> dg.Output:
    table = to_arrow(name, rows)
    return dg.Output(table, output_name=name, metadata=materialization_metadata(table, name))


def _emit_mentions(output_name: str, rows: list[dict]) -> dg.Output:
    table = to_arrow("mentions", rows)
    return dg.Output(table, output_name=output_name, metadata=materialization_metadata(table))


@dg.multi_asset(
    outs={
        "outages": _out("outages", "One row per announced disruption, merged across documents."),
        "outage_areas": _out("outage_areas", "Where each outage applies, one row per place."),
        "outage_mentions": _out("mentions", "Evidence for every outage."),
    },
    name="merge_outages",
)
def outage_tables(context: dg.AssetExecutionContext, settings: PipelineSettings, landing_documents: CombinedBatches, outage_candidates):
    from opendata.extract.outages import merge_outages

    candidates, _ = _kept(by_partition(context, "outage_candidates", outage_candidates), landing_documents)
    rows, areas, mentions = merge_outages(candidates, settings.gazetteer())
    yield _emit("outages", rows)
    yield _emit("outage_areas", areas)
    yield _emit_mentions("outage_mentions", mentions)


@dg.multi_asset(
    outs={
        "events": _out("events", "Dated public events, merged across documents."),
        "event_mentions": _out("mentions", "Evidence for every event."),
    },
    name="merge_events",
)
def event_tables(context: dg.AssetExecutionContext, landing_documents: CombinedBatches, event_candidates):
    from opendata.extract.events import merge_events

    candidates, _ = _kept(by_partition(context, "event_candidates", event_candidates), landing_documents)
    rows, mentions = merge_events(candidates)
    yield _emit("events", rows)
    yield _emit_mentions("event_mentions", mentions)


@dg.multi_asset(
    outs={
        "projects": _out("projects", "Municipal development projects, merged across documents."),
        "project_mentions": _out("mentions", "Evidence for every project."),
    },
    name="merge_projects",
)
def project_tables(context: dg.AssetExecutionContext, landing_documents: CombinedBatches, project_candidates):
    from opendata.extract.projects import merge_projects

    candidates, _ = _kept(by_partition(context, "project_candidates", project_candidates), landing_documents)
    rows, mentions = merge_projects(candidates)
    yield _emit("projects", rows)
    yield _emit_mentions("project_mentions", mentions)


@dg.asset(
    group_name=GROUP,
    owners=OWNERS,
    code_version=code_version("extract"),
    kinds={"pyarrow"},
    tags={"stage": "merge"},
    metadata=definition_metadata("mentions"),
    description="The evidence behind every record: document, sentence and character offsets.",
)
def mentions(
    context: dg.AssetExecutionContext, outage_mentions: pa.Table, event_mentions: pa.Table, project_mentions: pa.Table
) -> pa.Table:
    table = pa.concat_tables([outage_mentions, event_mentions, project_mentions])
    table = table.sort_by([("record_type", "ascending"), ("record_id", "ascending"), ("document_id", "ascending"), ("char_start", "ascending")])
    context.add_output_metadata(materialization_metadata(table, "mentions"))
    return table
