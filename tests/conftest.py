"""Shared fixtures. People are named for their place in the story: Alice owns knowledge in the Demo Services
Department (dsd), Amy is a member there, Bob is a member of the Harbour Planning Department (hpd) and Betty
owns its knowledge, Tom is a member of the Transport Records Department (trd)."""

import io
from pathlib import Path

import pytest

from aiplus.core.models import Role


@pytest.fixture(autouse=True)
def _isolated_home(settings, tmp_path):
    """Each test keeps its files and search index in its own data directory, and starts with no rate-limit
    counts left by another, in the platform's language (a page asked for in Chinese leaves Chinese active in
    the thread, as a request would, and the CLI speaks whatever is active)."""
    from django.core.cache import cache
    from django.utils import translation

    from aiplus.faq.services import drop_cached_matchers
    from aiplus.llm.embeddings import query_cache_clear
    from aiplus.search.services import drop_cached_indexes

    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()
    drop_cached_matchers()
    query_cache_clear()

    settings.AIPLUS_HOME = tmp_path / "home"
    settings.AIPLUS_LLM_BASE_URL = ""
    settings.AIPLUS_EMBEDDINGS_BASE_URL = ""
    settings.AIPLUS_SPEECH_BASE_URL = ""
    settings.AIPLUS_WHISPER_MODEL_DIR = ""
    drop_cached_indexes()
    yield
    drop_cached_indexes()


@pytest.fixture
def dsd(db):
    from aiplus.core.services import department_get_or_create

    return department_get_or_create(code="dsd", name_en="Demo Services Department", name_zh="示範服務署")


@pytest.fixture
def hpd(db):
    from aiplus.core.services import department_get_or_create

    return department_get_or_create(code="hpd", name_en="Harbour Planning Department", name_zh="海港規劃署")


@pytest.fixture
def trd(db):
    from aiplus.core.services import department_get_or_create

    return department_get_or_create(code="trd", name_en="Transport Records Department", name_zh="運輸紀錄署")


def _person(username, department, role):
    from aiplus.core.services import user_create

    return user_create(username=username, password="pass-" + username, department=department, role=role)


@pytest.fixture
def alice(dsd):
    return _person("alice", dsd, Role.KNOWLEDGE_OWNER)


@pytest.fixture
def amy(dsd):
    return _person("amy", dsd, Role.MEMBER)


@pytest.fixture
def bob(hpd):
    return _person("bob", hpd, Role.MEMBER)


@pytest.fixture
def betty(hpd):
    return _person("betty", hpd, Role.KNOWLEDGE_OWNER)


@pytest.fixture
def tom(trd):
    return _person("tom", trd, Role.MEMBER)


@pytest.fixture
def admin(db):
    return _person("admin", None, Role.PLATFORM_ADMIN)


def add_file(collection, actor, path: Path):
    """Ingest a file from disk and process it at once, as a worker would; the document afterwards."""
    from aiplus.documents.services import document_process, ingest_stream

    with path.open("rb") as stream:
        outcome = ingest_stream(actor=actor, collection=collection, stream=stream, filename=path.name)
    document_process(document_id=outcome.document.pk)
    outcome.document.refresh_from_db()
    return outcome.document


def add_text(collection, actor, source_id: str, text: str):
    """Ingest a text file and process it at once, as a worker would."""
    from aiplus.documents.services import document_process, ingest_stream

    outcome = ingest_stream(
        actor=actor,
        collection=collection,
        stream=io.BytesIO(text.encode()),
        filename=Path(source_id).name,
        source_id=source_id,
    )
    if outcome.document is not None and outcome.outcome in {"queued", "updated"}:
        document_process(document_id=outcome.document.pk)
        outcome.document.refresh_from_db()
    return outcome


DOG_EN = (
    "Dog licence renewal\n\nEvery dog licence must be renewed once a year. The renewal fee is HK$80. "
    "Renew at any Demo Services Department office, Monday to Friday, 9 a.m. to 5 p.m."
)
DOG_ZH = "狗隻牌照續期\n\n狗隻牌照每年須續期一次，續期費用為港幣八十元。市民可於辦公時間內前往任何示範服務署辦事處辦理續期。"
HAWKER_ZH = (
    "小販牌照申請\n\n申請小販牌照須遞交申請表格及身份證副本。審批需時約十五個工作天，申請費為港幣二百元。"
)
PIER_SECRET = (
    "Internal note: the pier relocation budget of HK$38 million is confidential. 碼頭遷移預算為機密。"
)


@pytest.fixture
def guidance(alice):
    """The Demo Services Department's public guidance, in English and Traditional Chinese."""
    from aiplus.documents.services import collection_create

    collection = collection_create(
        actor=alice, slug="guidance", name="Guidance", department=alice.department, visibility="public"
    )
    add_text(collection, alice, "dog-en.txt", DOG_EN)
    add_text(collection, alice, "dog-zh.txt", DOG_ZH)
    add_text(collection, alice, "hawker-zh.txt", HAWKER_ZH)
    return collection


@pytest.fixture
def pier_notes(betty):
    """The Harbour Planning Department's private notes."""
    from aiplus.documents.services import collection_create

    collection = collection_create(
        actor=betty, slug="pier-notes", name="Pier notes", department=betty.department, visibility="private"
    )
    add_text(collection, betty, "pier.txt", PIER_SECRET)
    return collection
