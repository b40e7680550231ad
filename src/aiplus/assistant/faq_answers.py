"""Questions to FAQ and forms collections are answered by the matched entry, not by passages.

``answer_stream`` asks here first: when a matched entry answers (or the question was only for FAQ
collections, so a decline is the answer) the entry's answer is the whole answer, citing the entry (its
``source_id`` is the entry's id) with ``engine`` "faq".
"""

from aiplus.core.language import Script
from aiplus.documents.models import Collection
from aiplus.documents.selectors import collections_visible_to


def split_faq(actor, collections):
    """The FAQ and forms collections among those asked (each readable by the actor), and the others (None:
    every collection, as before). Asked for every collection, documents are searched: FAQ entries are
    passages there too."""
    if collections is None:
        return [], None
    from aiplus.faq.services import is_faq

    visible = set(
        collections_visible_to(actor).filter(pk__in=[c.pk for c in collections]).values_list("pk", flat=True)
    )
    faq = [c for c in collections if is_faq(c) and c.pk in visible]
    return faq, [c for c in collections if not is_faq(c)]


def faq_answer(*, actor, question: str, collections: list[Collection], script: Script):
    """The matched entry's answer, citing the entry; a decline below the threshold."""
    from aiplus.assistant.services import Answer, Citation
    from aiplus.faq.services import faq_match

    match = faq_match(question=question, collections=collections, actor=actor)
    citations = [
        Citation(
            number,
            hit.entry_id,
            hit.document_id,
            hit.question,
            hit.collection,
            hit.page,
            hit.chunk_id,
            0,
            len(hit.answer),
            hit.answer,
            "faq",
        )
        for number, hit in enumerate(match.hits, start=1)
    ]
    return Answer(
        match.answer,
        citations,
        "faq",
        grounded=match.answered,
        found=match.answered,
        script=str(script),
        answered=match.answered,
        confidence=match.confidence,
    )
