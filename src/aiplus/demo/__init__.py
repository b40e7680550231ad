"""The bilingual demo: two departments, their people, a public-guidance collection and two meetings to try
things on."""

import secrets
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.db import transaction

from aiplus.core.access import OPERATOR
from aiplus.core.models import Role, User
from aiplus.core.services import department_get_or_create, user_create
from aiplus.documents import services as documents
from aiplus.documents.models import Collection, Visibility
from aiplus.meetings import services as meetings

DEMO_COLLECTION = "dsd-guidance"
PRIVATE_COLLECTION = "hpd-internal"

ADMIN = "admin"
_PEOPLE = [
    # username, department, role
    (ADMIN, None, Role.PLATFORM_ADMIN),
    ("alice", "dsd", Role.KNOWLEDGE_OWNER),
    ("amy", "dsd", Role.MEMBER),
    ("bob", "hpd", Role.MEMBER),
    ("betty", "hpd", Role.KNOWLEDGE_OWNER),
    ("grace", "dsd", Role.MEMBER),  # a governance officer: audits every department's model calls
]
GOVERNANCE_OFFICER = "grace"

_PRIVATE_NOTE = """Harbour Planning Department internal note (restricted)

The draft pier relocation budget is HK$38 million and has not been announced. Staff must not discuss the
proposed site at Sample Bay outside the department until the Secretary approves it.

海港規劃署內部備忘（限閱）：碼頭遷移預算草案為三千八百萬港元，尚未公布。
"""


@dataclass(frozen=True)
class DemoCredentials:
    """The passwords of the demo users this run created (a user that existed already keeps its own). They
    are shown once and kept nowhere in clear text; ``aiplus manage changepassword NAME`` sets a new one."""

    admin_password: str
    member_password: str
    members: list[str]


def corpus_path() -> Path:
    return Path(str(resources.files("aiplus.demo").joinpath("corpus")))


def demo_loaded() -> bool:
    return Collection.objects.filter(slug=DEMO_COLLECTION).exists()


def demo_file_count() -> int:
    """How many files ``load_demo`` stores: the corpus, the private note, the press releases and the letters."""
    releases = Path(str(resources.files("aiplus.demo").joinpath("briefs", "releases")))
    from aiplus.demo.correspondence import incoming_files

    return len(documents.iter_files([corpus_path(), releases])) + 1 + len(incoming_files())


# Meetings of the Demo Services Department: file, title, date.
_MEETINGS = [
    (
        "counter-services-weekly-2027-01-11.vtt",
        "Counter services weekly meeting / 櫃位服務週會",
        date(2027, 1, 11),
    ),
    ("licensing-committee-2027-01-06.txt", "Licensing Review Committee 1/2027", date(2027, 1, 6)),
]


def _load_meetings(secretary: User) -> None:
    """Queue minutes of the demo meetings, as the department's secretary would upload them."""
    folder = resources.files("aiplus.demo").joinpath("meetings")
    for filename, title, meeting_date in _MEETINGS:
        with folder.joinpath(filename).open("rb") as stream:
            meetings.meeting_create(
                actor=secretary,
                stream=stream,
                filename=filename,
                title=title,
                meeting_date=meeting_date,
                language="both" if filename.endswith(".vtt") else "en",
                template="committee" if "committee" in filename else "general",
            )


def load_demo(*, on_file=lambda outcome: None) -> DemoCredentials | None:
    """Create the demo departments, users and collections once and queue the demo corpus for ingestion.

    The platform administrator gets a password of its own, and the demo users share another, so the one
    handed round for trying the demo does not open the administration pages. Returns them the first time
    only (None once the demo is loaded): they are printed once and not stored.
    """
    if demo_loaded():
        return None
    admin_password = secrets.token_urlsafe(12)
    member_password = secrets.token_urlsafe(9)
    with transaction.atomic():
        dsd = department_get_or_create(code="dsd", name_en="Demo Services Department", name_zh="示範服務署")
        hpd = department_get_or_create(
            code="hpd", name_en="Harbour Planning Department", name_zh="海港規劃署"
        )
        departments = {"dsd": dsd, "hpd": hpd}
        created = []
        for username, code, role in _PEOPLE:
            if not User.objects.filter(username=username).exists():
                password = admin_password if role == Role.PLATFORM_ADMIN else member_password
                user_create(username=username, password=password, department=departments.get(code), role=role)
                created.append(username)
        from aiplus.privacy.governance import governance_officer_add

        governance_officer_add(actor=OPERATOR, username=GOVERNANCE_OFFICER)
        guidance = documents.collection_create(
            actor=OPERATOR,
            slug=DEMO_COLLECTION,
            name="Public service guidance / 公共服務指引",
            department=dsd,
            visibility=Visibility.PUBLIC,
            description="Licences, fees, opening hours, complaints. 牌照、收費、辦公時間、投訴。",
        )
        internal = documents.collection_create(
            actor=OPERATOR,
            slug=PRIVATE_COLLECTION,
            name="HPD internal notes / 海港規劃署內部文件",
            department=hpd,
            visibility=Visibility.PRIVATE,
        )
    documents.ingest_paths(actor=OPERATOR, collection=guidance, paths=[corpus_path()], on_file=on_file)
    private_note = Path(settings.AIPLUS_HOME) / "demo-private-note.txt"
    private_note.write_text(_PRIVATE_NOTE, encoding="utf-8")
    documents.ingest_paths(actor=OPERATOR, collection=internal, paths=[private_note], on_file=on_file)
    _load_meetings(User.objects.get(username="amy"))
    from aiplus.bots.demo import load_demo_bot

    load_demo_bot(dsd, also=[DEMO_COLLECTION])
    from aiplus.forums.demo import load_demo_forums

    load_demo_forums(organiser=User.objects.get(username=ADMIN))
    from aiplus.glossary.demo import load_demo_glossary

    load_demo_glossary(dsd, share_with=["hpd"])
    from aiplus.catalogue.demo import load_demo_catalogue

    created += load_demo_catalogue(password=member_password)
    from aiplus.briefs.demo import load_demo_releases

    load_demo_releases(owner=dsd, share_with=[hpd], on_file=on_file)
    from aiplus.demo.correspondence import load_demo_correspondence

    load_demo_correspondence(dsd, on_file=on_file)
    return DemoCredentials(
        admin_password=admin_password if ADMIN in created else "",
        member_password=member_password,
        members=[name for name in created if name != ADMIN],
    )
