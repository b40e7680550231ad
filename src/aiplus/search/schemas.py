"""API shapes of the search app."""

from ninja import Schema


class VectorProgressOut(Schema):
    """How far the passages of a collection have their vectors for search by meaning."""

    done: int  # passages with a vector
    total: int  # passages in the collection
    model: str  # the model the stored vectors come from ("" before the first)
    # off (embeddings are off), working, ready, failed, or stale (vectors of another model: not used
    # until the collection is embedded again with `aiplus embed --rebuild`)
    state: str
    error: str  # error code when failed
