"""Background jobs: thin wrappers over the services of the same name."""

from celery import shared_task

from aiplus.faq import services


@shared_task(name=services.EMBED_TASK, acks_late=True, soft_time_limit=4 * 3600, time_limit=4 * 3600 + 300)
def embed_collection(collection_id: int) -> int:
    return services.faq_embed_collection(collection_id=collection_id)
