"""What every intake channel shares: the collection it fills, and a stored error shown in the user's language."""

from aiplus.core.errors import AiplusError, error_message
from aiplus.core.validation import invalid
from aiplus.documents.models import Collection
from aiplus.documents.selectors import collection_for_managing


def target_collection(*, actor, slug: str, department, field: str = "mailbox.collection") -> Collection:
    """A collection the actor manages, of the channel's department (so a channel never fills another
    department's collection, even when set up by a platform administrator)."""
    collection = collection_for_managing(actor, slug)
    if department is not None and collection.department_id != department.pk:
        raise invalid(field, "same_department")
    return collection


def stored_error(error: AiplusError) -> dict:
    return {"code": str(error.code), "params": error.params, "detail": error.detail}


def shown_error(stored: dict) -> str:
    """A stored error (``stored_error``) as the user reads it, in the active language."""
    if not stored:
        return ""
    return error_message(stored.get("code", ""), stored.get("params") or {})
