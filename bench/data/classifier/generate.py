"""Write ``documents.jsonl``: the labelled set of letters a Hong Kong department receives (see README.md).

Each document's split (train or held-out) is fixed first, by a hash of its id; its sentences then come only
from that split's pool (``pool_train.txt`` or ``pool_heldout.txt``), so no held-out document repeats a
training sentence. Shared neutral openings, closings and filler (``shared.txt``) carry no label. About a fifth of
the documents (only those with two or more sentences of their own) also carry one sentence of a neighbouring category (a confuser), as real letters mention other
business. Rerun with ``python bench/data/classifier/generate.py``; the output is the same every time.
"""

import hashlib
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCUMENTS_PER_LABEL = 100
HELD_OUT_SHARE = 0.25
SCANNED_SHARE = 0.15  # of held-out documents: rendered to images and read back by OCR in the benchmark
LANGUAGE_WEIGHTS = {"en": 0.4, "zh": 0.4, "mixed": 0.2}
# Categories whose letters are easily taken for each other.
NEIGHBOURS = {
    "noise_complaint": ("hygiene_complaint", "compliment"),
    "hygiene_complaint": ("noise_complaint", "compliment"),
    "licence_application": ("licence_renewal", "appeal"),
    "licence_renewal": ("licence_application", "change_of_address", "refund_request"),
    "refund_request": ("appeal", "appointment_booking"),
    "access_to_information": ("procurement_enquiry", "appeal"),
    "job_application": ("appointment_booking",),
    "appointment_booking": ("job_application", "licence_application"),
    "compliment": ("noise_complaint", "hygiene_complaint"),
    "change_of_address": ("licence_renewal",),
    "procurement_enquiry": ("access_to_information",),
    "appeal": ("licence_application", "refund_request"),
}
_SLOT_RE = re.compile(r"\{(\w+)\}")


def read_sections(path: Path) -> dict[tuple[str, ...], list[str]]:
    sections: dict[tuple[str, ...], list[str]] = {}
    key: tuple[str, ...] | None = None
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("## "):
            key = tuple(line[3:].split())
            sections[key] = []
        elif line.strip() and not line.startswith("#") and key is not None:
            sections[key].append(line.strip())
    return sections


def split_of(document_id: str) -> str:
    digest = hashlib.sha256(document_id.encode()).digest()
    return "heldout" if digest[0] < 256 * HELD_OUT_SHARE else "train"


def _fill(sentence: str, shared: dict, rng: random.Random) -> str:
    return _SLOT_RE.sub(lambda m: rng.choice(shared[(m.group(1),)]), sentence)


def _sentences(pool: dict, label: str, language: str) -> list[str]:
    if language == "mixed":  # code-mixed letters also use plain written Chinese sentences
        return pool[(label, "mixed")] + pool[(label, "zh")]
    return pool[(label, language)]


def compose(label: str, language: str, pool: dict, shared: dict, rng: random.Random) -> str:
    own = rng.sample(_sentences(pool, label, language), rng.choice((1, 2, 2, 3, 3, 4)))
    body = list(own)
    if len(own) >= 2 and rng.random() < 0.35:
        neighbour = rng.choice(NEIGHBOURS[label])
        body.insert(rng.randrange(1, len(body) + 1), rng.choice(_sentences(pool, neighbour, language)))
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        body.insert(rng.randrange(len(body) + 1), rng.choice(shared[("filler", language)]))
    parts = []
    if rng.random() < 0.8:
        parts.append(rng.choice(shared[("opening", language)]))
    parts.extend(body)
    if rng.random() < 0.7:
        parts.append(rng.choice(shared[("closing", language)]))
    joiner = " " if language == "en" else ("" if rng.random() < 0.5 else "\n")
    if rng.random() < 0.3:
        joiner = "\n"
    return joiner.join(_fill(part, shared, rng) for part in parts)


def generate() -> list[dict]:
    pools = {split: read_sections(HERE / f"pool_{split}.txt") for split in ("train", "heldout")}
    shared = read_sections(HERE / "shared.txt")
    labels = sorted({key[0] for key in pools["train"]})
    rng = random.Random(20261207)
    documents = []
    for label in labels:
        for number in range(DOCUMENTS_PER_LABEL):
            document_id = f"{label}-{number:03d}"
            split = split_of(document_id)
            language = rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
            text = compose(label, language, pools[split], shared, rng)
            scanned = split == "heldout" and rng.random() < SCANNED_SHARE
            documents.append(
                {
                    "id": document_id,
                    "label": label,
                    "language": language,
                    "split": split,
                    "scanned": scanned,
                    "text": text,
                }
            )
    return documents


def main() -> None:
    documents = generate()
    with open(HERE / "documents.jsonl", "w", encoding="utf-8") as out:
        for document in documents:
            out.write(json.dumps(document, ensure_ascii=False) + "\n")
    held = sum(d["split"] == "heldout" for d in documents)
    print(f"{len(documents)} documents, {held} held out, {sum(d['scanned'] for d in documents)} scanned")


if __name__ == "__main__":
    main()
