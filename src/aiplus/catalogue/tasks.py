"""Background jobs: thin wrappers over the services of the same name."""

from celery import shared_task

from aiplus.catalogue import search


@shared_task(name=search.EMBED_TASK, acks_late=True, soft_time_limit=3600, time_limit=3600 + 300)
def embed_published() -> int:
    return search.published_embed()
