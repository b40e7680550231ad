"""What the documents app announces, for other apps to act on without documents knowing them."""

from django.dispatch import Signal

# Sent with ``document`` once a document (or its new version) is searchable, after its transaction commits.
document_ready = Signal()
