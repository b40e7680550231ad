"""What every writer shares: the department's name, page labels, text measures and reproducible packages."""

from __future__ import annotations

import re
import textwrap
import unicodedata
import zipfile
from datetime import datetime
from pathlib import Path

from aiplus.core.language import CJK_PUNCTUATION, FULL_WIDTH, HAN

DEPT_EN = "Demo Services Department"
DEPT_ZH = "示範服務署"
# Fixed date used for file metadata, so that reruns give stable output.
META_DATE = datetime(2026, 4, 1, 9, 0, 0)
CJK_CHARACTERS = f"{CJK_PUNCTUATION}{HAN}{FULL_WIDTH}"  # the one Han class, with CJK punctuation
CJK_RE = re.compile(f"[{CJK_CHARACTERS}]")


def has_cjk(text: str) -> bool:
    """True if the text contains Chinese characters or full-width punctuation."""
    return bool(CJK_RE.search(text))


def display_width(text: str) -> int:
    """Width of the text in monospace columns (wide characters count as 2)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def dept_name(lang: str) -> str:
    return {"en": DEPT_EN, "zh-Hant": DEPT_ZH}.get(lang, f"{DEPT_EN} {DEPT_ZH}")


def page_label(lang: str, page: int, total: int | None = None) -> str:
    """Page footer, e.g. "Demo Services Department | Page 2 of 3"."""
    en = f"Page {page}" + (f" of {total}" if total else "")
    zh = f"第 {page} 頁" + (f"，共 {total} 頁" if total else "")
    label = {"en": en, "zh-Hant": zh}.get(lang, f"{en} {zh}")
    return f"{dept_name(lang)} | {label}"


def wrap_text(text: str, width: int = 78, indent: str = "") -> str:
    """Word-wrap English text for plain-text formats; CJK text is left as is."""
    if has_cjk(text):
        return indent + text
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=" " * len(indent))


def make_zip_reproducible(path: Path) -> None:
    """Rewrite a DOCX/XLSX package with fixed timestamps, so reruns are byte-identical."""
    with zipfile.ZipFile(path) as package:
        entries = [(info.filename, package.read(info)) for info in package.infolist()]
    stamp = META_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            package.writestr(zipfile.ZipInfo(name, META_DATE.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)
