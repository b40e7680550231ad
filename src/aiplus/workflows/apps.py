import logging

from django.apps import AppConfig

logger = logging.getLogger("aiplus.workflows")


def _on_document_ready(sender, document, **kwargs) -> None:
    """Start the workflows watching the document's collection; a failure here never fails the document."""
    from aiplus.workflows.services import runs_for_ready_document

    try:
        runs_for_ready_document(document)
    except Exception:
        logger.exception("workflow trigger failed document=%s", document.pk)


class WorkflowsConfig(AppConfig):
    name = "aiplus.workflows"
    label = "workflows"
    verbose_name = "Workflows"

    def ready(self) -> None:
        from aiplus.documents.signals import document_ready

        document_ready.connect(_on_document_ready, dispatch_uid="workflows.document_ready")
