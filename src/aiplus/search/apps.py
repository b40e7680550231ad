from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "aiplus.search"
    label = "search"
    verbose_name = "bilingual search"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from aiplus.documents.models import Collection
        from aiplus.search import checks  # noqa: F401  (registers the system checks)
        from aiplus.search.services import drop_index_of_deleted_collection

        # Cache invalidation only: a deleted collection's index is of no use to anyone.
        post_delete.connect(
            drop_index_of_deleted_collection, sender=Collection, dispatch_uid="search.drop_index"
        )
