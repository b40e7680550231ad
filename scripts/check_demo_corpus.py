"""Check that the content files regenerate the committed demo corpus: same text, page by page.

The documents are regenerated into a temporary folder and each one is compared with the committed file in
``src/aiplus/demo/corpus/``. Identical bytes need no further look; otherwise both files are read with
aiplus's own parsers (OCR included for scans, as ingestion reads them) and their page texts compared. Binary
identity is not required, but a change of extracted text means the demo documents' content changed: keep the
committed file, or change the content on purpose and regenerate. Exit status 1 when any document differs.

    .venv/bin/python scripts/check_demo_corpus.py [--keep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from make_demo_corpus import CORPUS_DIR, generate


@dataclass(frozen=True)
class Comparison:
    path: str  # relative to the corpus folder
    outcome: str  # "same bytes", "same text", "text differs", "missing", "not generated"
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome in ("same bytes", "same text")


def page_texts(path: Path) -> list[str]:
    """The file's page texts as aiplus ingestion extracts them."""
    from aiplus.documents.parsers import detect_file_type, parser_for

    with path.open("rb") as handle:
        head = handle.read(8)
    return [page.text for page in parser_for(detect_file_type(path.name, head))(path).pages]


def compare_file(relative: str, committed_dir: Path, generated_dir: Path) -> Comparison:
    committed, generated = committed_dir / relative, generated_dir / relative
    if not committed.exists():
        return Comparison(relative, "missing", "generated but not committed")
    if not generated.exists():
        return Comparison(relative, "not generated", "committed but no content file makes it")
    if committed.read_bytes() == generated.read_bytes():
        return Comparison(relative, "same bytes")
    old, new = page_texts(committed), page_texts(generated)
    if old == new:
        return Comparison(relative, "same text")
    if len(old) != len(new):
        return Comparison(relative, "text differs", f"{len(old)} pages committed, {len(new)} generated")
    page = next(i for i, (a, b) in enumerate(zip(old, new, strict=True), start=1) if a != b)
    return Comparison(relative, "text differs", f"page {page} differs")


def compare(committed_dir: Path, generated_dir: Path) -> list[Comparison]:
    """Compare every generated and every committed document, by path."""
    names = {
        str(p.relative_to(folder)) for folder in (committed_dir, generated_dir) for p in folder.rglob("*")
    }
    files = sorted(n for n in names if (committed_dir / n).is_file() or (generated_dir / n).is_file())
    return [compare_file(name, committed_dir, generated_dir) for name in files]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--keep", action="store_true", help="keep the regenerated folder for inspection")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aiplus.settings")
    work = Path(tempfile.mkdtemp(prefix="aiplus-demo-corpus-"))
    os.environ.setdefault("AIPLUS_HOME", str(work / "home"))
    import django

    django.setup()
    try:
        generate(work / "corpus", quiet=True)
        results = compare(CORPUS_DIR, work / "corpus")
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    for result in results:
        print(f"{result.outcome:14} {result.path}" + (f"  ({result.detail})" if result.detail else ""))
    failed = [r for r in results if not r.ok]
    print(f"{len(results) - len(failed)} of {len(results)} documents read the same; {len(failed)} differ")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
