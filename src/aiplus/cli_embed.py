"""``aiplus embed``: give a collection's passages their vectors, through the same services as the worker."""

import sys

import click

from aiplus.cli import _actor, _django, _emit, _fail, main

STATE_NOTES = {
    "off": "Embeddings are off (AIPLUS_EMBEDDINGS=off): search uses keywords only.",
    "stale": "The stored vectors come from another model ({model}); run again with --rebuild.",
    "failed": "Embedding failed ({error}); keyword search still works. Run again to retry.",
}


@main.command("embed")
@click.option("--collection", "slug", required=True, help="Collection slug.")
@click.option(
    "--wait", is_flag=True, help="Return when every passage has its vector (a progress bar on stderr)."
)
@click.option(
    "--rebuild",
    is_flag=True,
    help="Forget the collection's vectors and embed again (after a change of model).",
)
@click.option("--user", "username", help="Act as this user (default: the operator).")
@click.option(
    "--json", "as_json", is_flag=True, help="Print {collection, done, total, model, state} as JSON."
)
def embed_command(slug, wait, rebuild, username, as_json) -> None:
    """Fill in the vectors of a collection's passages for search by meaning.

    Without --wait the work is queued for the background worker and the current progress is printed."""
    _django()
    from tqdm import tqdm

    from aiplus.core.errors import AiplusError
    from aiplus.search.vectors import collection_embed, vector_progress, vectors_wait

    actor = _actor(username)
    try:
        collection = collection_embed(actor=actor, slug=slug, rebuild=rebuild)
        if wait:
            with tqdm(desc="Embedding", unit="passage", file=sys.stderr, disable=as_json) as bar:

                def on_step(done: int, total: int) -> None:
                    bar.total = total
                    bar.update(done - bar.n)

                progress = vectors_wait(collection=collection, on_step=on_step)
        else:
            progress = vector_progress(collection)
    except AiplusError as error:
        _fail(error)
    if as_json:
        _emit({"collection": slug, **progress.as_dict()})
    else:
        click.echo(
            f"vectors: {progress.done} of {progress.total} ({progress.state}, {progress.model or 'no model'})"
        )
    if progress.state in STATE_NOTES:
        message = STATE_NOTES[progress.state].format(model=progress.model, error=progress.error)
        if wait or progress.state != "failed":
            raise click.ClickException(message)
        click.echo(message, err=True)
