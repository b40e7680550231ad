"""The demo glossary: about thirty government terms of the Demo Services Department, shared with the
Harbour Planning Department, loaded by ``aiplus setup``."""

from importlib import resources

from aiplus.core.access import OPERATOR
from aiplus.core.models import Department
from aiplus.glossary.models import GlossaryTerm
from aiplus.glossary.services import glossary_import, glossary_share


def load_demo_glossary(department: Department, *, share_with: list[str]) -> None:
    if GlossaryTerm.objects.filter(department=department).exists():
        return
    path = resources.files("aiplus.glossary").joinpath("data/demo_glossary.csv")
    with path.open("rb") as stream:
        glossary_import(
            actor=OPERATOR,
            department=department,
            path_or_file=stream,
            filename="demo_glossary.csv",
            channel="demo",
        )
    glossary_share(actor=OPERATOR, department=department, reader_codes=share_with, channel="demo")
