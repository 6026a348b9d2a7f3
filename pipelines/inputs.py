"""Reading partitioned inputs in unpartitioned assets."""
import dagster as dg


def by_partition(context: dg.AssetExecutionContext, input_name: str, value) -> dict:
    """The upstream value keyed by partition, also when only one partition exists.

    The filesystem IO manager hands over a bare value instead of a one-entry dict when the
    upstream has a single partition; the combining assets always want the dict.
    """
    keys = context.asset_partition_keys_for_input(input_name)
    if isinstance(value, dict) and set(value) == set(keys):
        return value
    if len(keys) == 1:
        return {keys[0]: value}
    return dict(value)
