"""FAQ entries: one row per language version of an entry; the versions of one entry share its ``entry_id``.

Each entry id is mirrored as a document of its collection (``source_id`` = the entry id) with one page and one
passage per language version, so the documents app's access rules, search and citations cover FAQ
collections as they cover files.
"""

from django.conf import settings
from django.db import models

from aiplus.documents.models import Chunk, Collection, CollectionKind, Document

LANGUAGES = ("en", "zh-Hant")
FAQ_KINDS = (CollectionKind.FAQ, CollectionKind.FORMS)


def is_faq(collection: Collection) -> bool:
    """Whether a collection is answered by FAQ matching (a FAQ or a forms collection)."""
    return collection.kind in FAQ_KINDS


class FaqEntry(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="faq_entries")
    entry_id = models.CharField(max_length=100)
    language = models.CharField(max_length=16)  # one of LANGUAGES
    question = models.TextField()  # for a form: its title
    alternatives = models.JSONField(default=list, blank=True)  # other wordings of the question
    answer = models.TextField(blank=True)
    url = models.CharField(max_length=1000, blank=True)
    form = models.CharField(max_length=200, blank=True)  # a form number, or a form's file name
    department = models.CharField(max_length=200, blank=True)  # for a form: who issues it
    # The mirror that makes the entry searchable and citable like any passage.
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    chunk = models.ForeignKey(Chunk, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # One L2-normalised float32 row per wording (the question, then each alternative), and one for the
    # question with its answer as a passage, from ``vectors_model``; ``vectors_key`` fingerprints the texts, so
    # unchanged entries are never embedded again.
    vectors = models.BinaryField(null=True, blank=True)
    passage_vector = models.BinaryField(null=True, blank=True)
    vectors_model = models.CharField(max_length=200, blank=True)
    vectors_key = models.CharField(max_length=64, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["collection", "entry_id", "language"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "entry_id", "language"], name="faq_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} ({self.language})"

    @property
    def wordings(self) -> list[str]:
        return [self.question, *self.alternatives]

    @property
    def passage(self) -> str:
        return f"{self.question}\n{self.answer}"
