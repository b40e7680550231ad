"""Market briefs: how well agencies, vendors and places are recognised, and whether brief sentences rest on the
release they cite.

1. Recognition precision and recall, per kind and overall, on ``bench/data/briefs/releases.jsonl``: 18
   labelled releases written after the recogniser was finished and never used to build it (see the README
   there). A found entity counts once per release; it is right when the release's labels hold it.
2. The releases are ingested into a collection and briefed (the whole range, each month, English and
   Chinese, and on two topics). For every summary sentence, key signal and quote, the share that passes the
   grounding check (``llm.grounding.supported``) against the release it cites, and the share found word for
   word in it. Without a model, as here, the brief is extractive.

Runs on SQLite in a temporary data directory, without a model server. From the repository root:

    .venv/bin/python bench/briefs.py
"""

import io
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "briefs" / "releases.jsonl"
RESULTS = ROOT / "bench" / "results" / "briefs.json"
ISOLATE = (
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "AIPLUS_CACHE_URL",
    "AIPLUS_LLM_BASE_URL",
    "AIPLUS_EMBEDDINGS_BASE_URL",
)
# The briefs made over the labelled releases: (label, from, to, query, language).
BRIEFS = [
    ("all, English", "", "", "", "en"),
    ("all, Chinese", "", "", "", "zh-Hant"),
    ("January", "2027-01-01", "2027-01-31", "", "en"),
    ("February", "2027-02-01", "2027-02-28", "", "en"),
    ("March", "2027-03-01", "2027-03-31", "", "zh-Hant"),
    ("topic: chatbot", "", "", "chatbot", "en"),
    ("topic: 檔案", "", "", "檔案", "zh-Hant"),
]


def _setup(home: Path) -> None:
    for name in ISOLATE:
        os.environ.pop(name, None)
    os.environ.update({"AIPLUS_HOME": str(home), "AIPLUS_LOG_LEVEL": "WARNING"})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aiplus.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _load_lists() -> None:
    """The demo's departments and the catalogue demo's vendors, as the demo loads them."""
    from importlib import resources

    from aiplus.catalogue.models import Vendor, VendorStatus
    from aiplus.core.services import department_get_or_create

    department_get_or_create(code="dsd", name_en="Demo Services Department", name_zh="示範服務署")
    department_get_or_create(code="hpd", name_en="Harbour Planning Department", name_zh="海港規劃署")
    demo = resources.files("aiplus.demo")
    for row in json.loads(demo.joinpath("briefs", "departments.json").read_text("utf-8")):
        department_get_or_create(**row)
    for row in json.loads(demo.joinpath("catalogue", "vendors.json").read_text("utf-8")):
        Vendor.objects.create(status=VendorStatus.APPROVED, **row)


def _found_labels(entity) -> str:
    """How the labels name an entity: a vendor by its English name, an agency or a place by its key."""
    from aiplus.briefs.recognise import VENDOR

    return entity.name_en if entity.kind == VENDOR else entity.key


def recognition(rows: list[dict]) -> dict:
    from aiplus.briefs.recognise import FIELDS, KINDS, Recogniser

    recogniser = Recogniser.from_database()
    counts = {kind: {"true": 0, "found": 0, "labelled": 0, "missed": [], "wrong": []} for kind in KINDS}
    for row in rows:
        found = recogniser.entities(row["text"])
        for kind in KINDS:
            gold = set(row[FIELDS[kind]])
            got = {_found_labels(e) for e in found[kind]}
            tally = counts[kind]
            tally["true"] += len(gold & got)
            tally["found"] += len(got)
            tally["labelled"] += len(gold)
            tally["missed"] += [f"{row['id']}:{name}" for name in sorted(gold - got)]
            tally["wrong"] += [f"{row['id']}:{name}" for name in sorted(got - gold)]
    total = {k: sum(counts[kind][k] for kind in KINDS) for k in ("true", "found", "labelled")}
    for tally in [*counts.values(), total]:
        tally["precision"] = round(tally["true"] / tally["found"], 3) if tally["found"] else 0.0
        tally["recall"] = round(tally["true"] / tally["labelled"], 3) if tally["labelled"] else 0.0
    return {**counts, "all": total}


def support(rows: list[dict]) -> dict:
    from aiplus.briefs.services import brief_create
    from aiplus.core.access import OPERATOR
    from aiplus.core.models import Department
    from aiplus.documents.models import Document
    from aiplus.documents.services import collection_create, document_process, ingest_stream
    from aiplus.llm.grounding import supported

    collection = collection_create(
        actor=OPERATOR,
        slug="bench-releases",
        name="Bench releases",
        department=Department.objects.get(code="dio"),
    )
    for row in rows:
        outcome = ingest_stream(
            actor=OPERATOR,
            collection=collection,
            stream=io.BytesIO(row["text"].encode()),
            filename=f"{row['id']}.txt",
        )
        document_process(document_id=outcome.document.pk)
    texts = {
        d.pk: "\n".join(p.text for p in d.pages.all()) for d in Document.objects.filter(collection=collection)
    }
    sentences = passed = verbatim = 0
    per_brief = []
    for label, start, end, query, language in BRIEFS:
        brief = brief_create(
            actor=OPERATOR, slug=collection.slug, date_from=start, date_to=end, query=query, language=language
        )
        source_text = {s["number"]: texts[s["document_id"]] for s in brief.content["sources"]}
        claims = [(line["text"], line["sources"]) for line in brief.content["summary"]]
        claims += [(s["text"], [s["source"]]) for s in brief.content["signals"]]
        if brief.content["quote"]:
            claims.append((brief.content["quote"]["text"], [brief.content["quote"]["source"]]))
        ok = sum(supported(text, [source_text[n] for n in numbers]) for text, numbers in claims)
        exact = sum(
            all(" ".join(text.split()) in " ".join(source_text[n].split()) for n in numbers)
            for text, numbers in claims
        )
        sentences, passed, verbatim = sentences + len(claims), passed + ok, verbatim + exact
        per_brief.append(
            {"brief": label, "releases": len(brief.content["sources"]), "sentences": len(claims)}
        )
    return {
        "briefs": per_brief,
        "sentences": sentences,
        "supported_share": round(passed / sentences, 3) if sentences else 0.0,
        "verbatim_share": round(verbatim / sentences, 3) if sentences else 0.0,
    }


def main() -> None:
    rows = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as home:
        _setup(Path(home))
        _load_lists()
        scores = recognition(rows)
        grounded = support(rows)
    print(f"Recognition on {len(rows)} labelled releases (held out: written after the recogniser)")
    print(f"{'kind':<10}{'precision':>10}{'recall':>8}{'found':>7}{'labelled':>9}")
    for kind in ("agency", "vendor", "location", "all"):
        tally = scores[kind]
        print(
            f"{kind:<10}{tally['precision']:>10.3f}{tally['recall']:>8.3f}{tally['found']:>7}{tally['labelled']:>9}"
        )
    for kind in ("agency", "vendor", "location"):
        if scores[kind]["missed"] or scores[kind]["wrong"]:
            print(f"  {kind}: missed {scores[kind]['missed']}; wrong {scores[kind]['wrong']}")
    print(f"\nBrief sentences over {len(BRIEFS)} extractive briefs: {grounded['sentences']} sentences")
    print(f"supported by the cited release (grounding check): {grounded['supported_share']:.3f}")
    print(f"found word for word in the cited release:         {grounded['verbatim_share']:.3f}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"recognition": scores, "support": grounded}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
