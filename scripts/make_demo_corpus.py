"""Generate the bilingual demo knowledge collection shipped with aiplus.

The collection is a set of fictional public-service guidance documents for the "Demo Services Department"
(示範服務署), in English and Traditional Chinese (Hong Kong usage), in the formats that a first-time user is
likely to upload: text PDFs, scanned image PDFs without a text layer, a scanned PNG, DOCX, HTML, Markdown,
plain text and an XLSX fee table. All names, addresses, telephone numbers, fees and rules are invented and
internally consistent, so that questions asked against the collection have definite answers.

The text lives in content files, ``scripts/demo_content/<topic>/<name>.md`` (front matter and a small
Markdown body, described in ``demo_writers/content.py``; the fees in ``fees-and-payments/fees.csv``); each
output format has one small writer in ``scripts/demo_writers/``. Files are written to
``src/aiplus/demo/corpus/`` (or ``--out DIR``), keeping their topic sub-folders. Running the script again
overwrites the generated files and removes generated files that are no longer listed.

Rerun with::

    .venv/bin/python scripts/make_demo_corpus.py
    .venv/bin/python scripts/check_demo_corpus.py   # the regenerated files read the same as the committed ones
"""

from __future__ import annotations

import argparse
from pathlib import Path

from demo_writers import WRITERS
from demo_writers.content import read_documents

REPO_ROOT = Path(__file__).resolve().parents[1]
CONTENT_DIR = REPO_ROOT / "scripts" / "demo_content"
CORPUS_DIR = REPO_ROOT / "src" / "aiplus" / "demo" / "corpus"
GENERATED_SUFFIXES = {".pdf", ".docx", ".html", ".md", ".txt", ".xlsx", ".png"}


def generate(out_dir: Path, *, quiet: bool = False) -> list[Path]:
    """Write every document into ``out_dir``, remove stale generated files, and return the files written."""
    documents = read_documents(CONTENT_DIR)
    expected = [out_dir / doc.path for doc in documents]
    if len(set(expected)) != len(expected):
        raise SystemExit("duplicate document paths")
    for doc, target in zip(documents, expected, strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        WRITERS[doc.format](doc, target)
        if not quiet:
            print(f"{doc.format:9} {doc.lang:11} {doc.path}")
    for stale in sorted(out_dir.rglob("*")):
        if stale.is_file() and stale.suffix in GENERATED_SUFFIXES and stale not in expected:
            stale.unlink()
            if not quiet:
                print(f"removed stale {stale.relative_to(out_dir)}")
    for folder in sorted((p for p in out_dir.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--out", type=Path, default=CORPUS_DIR, help=f"output folder (default {CORPUS_DIR})")
    out_dir = parser.parse_args().out
    written = generate(out_dir)
    size = sum(p.stat().st_size for p in out_dir.rglob("*") if p.is_file())
    print(f"{len(written)} documents, {size / 1e6:.2f} MB in {out_dir}")


if __name__ == "__main__":
    main()
