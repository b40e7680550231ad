"""REST endpoints for search and cited answers."""

from ninja import Query, Router

from aiplus.assistant.schemas import AnswerOut, AskIn, SearchHitOut, SearchQuery
from aiplus.assistant.services import answer_question
from aiplus.core.schemas import error_responses
from aiplus.documents.selectors import collection_for_reading
from aiplus.search.services import SearchFilters, search

router = Router(tags=["search and answers"])


@router.get("/search", response={200: list[SearchHitOut], **error_responses(404, 503)})
def search_passages(request, params: Query[SearchQuery]):
    collections = [collection_for_reading(request.user, params.collection)] if params.collection else None
    filters = SearchFilters(
        languages=tuple(params.language),
        file_types=tuple(params.file_type),
        date_from=params.date_from,
        date_to=params.date_to,
    )
    hits = search(actor=request.user, query=params.q, collections=collections, k=params.k, filters=filters)
    return [hit.as_dict() for hit in hits]


@router.post("/ask", response={200: AnswerOut, **error_responses(404, 503)})
def ask(request, payload: AskIn):
    collections = [collection_for_reading(request.user, payload.collection)] if payload.collection else None
    return answer_question(
        actor=request.user, question=payload.question, collections=collections, channel="api"
    ).as_dict()
