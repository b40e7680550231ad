"""Document classifier benchmark: aiplus's bilingual classifier against Paperless-ngx's method, same data, same run.

Data: ``bench/data/classifier/documents.jsonl`` (1,200 letters in 12 categories, English, Traditional Chinese
and code-mixed Cantonese; see its README). The train/held-out split was fixed by a hash of each document's id
when the set was generated, and held-out documents are written from their own sentence pool. Held-out
documents marked ``scanned`` are rendered here to page images (PIL, Noto Sans CJK, slight skew and noise) and
read back with the project's OCR (``aiplus.documents.ocr``), so the classifiers see OCR text for them.

Methods, each trained on the training part only:

- aiplus (``aiplus.classifier.learning``): the language toolkit's terms (jieba over an OpenCC-folded copy,
  stemmed English words) plus Chinese character pairs, TF-IDF, logistic regression with calibrated
  probabilities. Its one setting (C) is chosen by 5-fold cross-validation on the training part (``--tune``)
  and kept in ``learning.DEFAULT_C``; the held-out part is never used to choose anything.
- Paperless-ngx (reimplemented from its ``src/documents/classifier.py``): lower-case, collapse spaces,
  replace non-word characters by spaces; ``CountVectorizer(ngram_range=(1, 2), min_df=0.01)`` over its
  default ``\\w\\w+`` word tokens; ``MLPClassifier(tol=0.01)``. Its optional NLTK stemming and stop words are
  left out (NLTK data cannot be fetched here, and it has no Chinese support either way).

    .venv/bin/python bench/classifier.py            # train on the training part, score held-out once
    .venv/bin/python bench/classifier.py --tune     # cross-validate C on the training part only; no held-out
    .venv/bin/python bench/classifier.py --no-ocr   # held-out scanned documents as born-digital text
"""

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "classifier" / "documents.jsonl"
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
TUNE_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
sys.path.insert(0, str(ROOT / "src"))


def load() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]


# --- scanned pages -------------------------------------------------------------------------------------


def _wrap(text: str, font, width: int, draw) -> list[str]:
    """Lines of at most ``width`` pixels; English wraps at spaces, Chinese anywhere."""
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for piece in re.findall(r"[A-Za-z0-9$,.'’:/()\-]+ ?|.", paragraph):
            if line and draw.textlength(line + piece, font=font) > width:
                lines.append(line.rstrip())
                line = piece.lstrip()
            else:
                line += piece
        lines.append(line.rstrip())
    return lines


def render_scan(text: str, seed: str):
    """A page image of ``text`` as a scanner gives it: grey paper, a slight skew, specks of noise."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    rng = random.Random(seed)
    font = ImageFont.truetype(FONT, 30)
    page = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
    draw = ImageDraw.Draw(page)
    y = 150
    for line in _wrap(text, font, 1040, draw):
        draw.text((100, y), line, fill=rng.randint(0, 40), font=font)
        y += 48
    for _ in range(400):
        draw.point((rng.randrange(1240), rng.randrange(1754)), fill=rng.randint(120, 200))
    page = page.rotate(rng.uniform(-1.2, 1.2), expand=False, fillcolor=235)
    return page.filter(ImageFilter.GaussianBlur(0.6))


def ocr_text(document: dict) -> str:
    from aiplus.documents.ocr import ocr_image

    return ocr_image(render_scan(document["text"], document["id"]))


# --- Paperless-ngx's method ------------------------------------------------------------------------------


def paperless_preprocess(content: str) -> str:
    content = content.lower().strip()
    content = re.sub(r"\s+", " ", content)
    return re.sub(r"[^\w\s]", " ", content)


class PaperlessMethod:
    name = "Paperless-ngx (word 1-2-gram counts + MLP)"

    def fit(self, texts: list[str], labels: list[str]) -> None:
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.neural_network import MLPClassifier

        self.vectorizer = CountVectorizer(analyzer="word", ngram_range=(1, 2), min_df=0.01)
        data = self.vectorizer.fit_transform(paperless_preprocess(t) for t in texts)
        self.model = MLPClassifier(tol=0.01, random_state=0).fit(data, labels)

    def predict(self, texts: list[str]) -> list[str]:
        return list(self.model.predict(self.vectorizer.transform(paperless_preprocess(t) for t in texts)))


class AiplusMethod:
    name = "aiplus (bilingual terms + character pairs, TF-IDF, calibrated logistic regression)"

    def fit(self, texts: list[str], labels: list[str]) -> None:
        from aiplus.classifier.learning import train

        self.model = train(texts, labels)

    def predict(self, texts: list[str]) -> list[str]:
        from aiplus.classifier.learning import predict

        return [result.label for result in predict(self.model, texts)]


# --- scoring -----------------------------------------------------------------------------------------------


def scores(gold: list[str], predicted: list[str]) -> tuple[float, float]:
    from sklearn.metrics import accuracy_score, f1_score

    if not gold:
        return float("nan"), float("nan")
    return accuracy_score(gold, predicted), f1_score(gold, predicted, average="macro", zero_division=0)


def tune(train: list[dict]) -> None:
    from aiplus.classifier.learning import cross_validated

    texts, labels = [d["text"] for d in train], [d["label"] for d in train]
    print(f"5-fold cross-validation on the training part ({len(train)} documents); held-out not used")
    for c in TUNE_GRID:
        result = cross_validated(texts, labels, folds=5, c=c)
        print(f"  C={c:<5} accuracy {result['accuracy']:.3f}  macro-F1 {result['macro_f1']:.3f}")


def run(documents: list[dict], *, use_ocr: bool) -> None:
    train = [d for d in documents if d["split"] == "train"]
    held = [d for d in documents if d["split"] == "heldout"]
    scanned = [d for d in held if d["scanned"]]
    started = time.perf_counter()
    texts = {d["id"]: (ocr_text(d) if use_ocr and d["scanned"] else d["text"]) for d in held}
    if use_ocr:
        print(f"OCR of {len(scanned)} rendered scans: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    labels = sorted({d["label"] for d in documents})
    print(
        f"{len(documents)} documents, {len(labels)} categories; training part {len(train)}, "
        f"held-out {len(held)} ({len(scanned)} scanned{', read by OCR' if use_ocr else ', as text'})"
    )
    groups = {
        "all": held,
        "English": [d for d in held if d["language"] == "en"],
        "Traditional Chinese": [d for d in held if d["language"] == "zh"],
        "code-mixed": [d for d in held if d["language"] == "mixed"],
        "scanned (OCR)" if use_ocr else "scanned (text)": scanned,
        "born-digital": [d for d in held if not d["scanned"]],
    }
    for method in (AiplusMethod(), PaperlessMethod()):
        began = time.perf_counter()
        method.fit([d["text"] for d in train], [d["label"] for d in train])
        trained = time.perf_counter() - began
        began = time.perf_counter()
        predicted = dict(
            zip([d["id"] for d in held], method.predict([texts[d["id"]] for d in held]), strict=True)
        )
        per_document_ms = (time.perf_counter() - began) * 1000 / len(held)
        print(f"\n{method.name}")
        print(f"  training {trained:.2f} s; prediction {per_document_ms:.2f} ms per document (batch)")
        for name, group in groups.items():
            accuracy, macro_f1 = scores([d["label"] for d in group], [predicted[d["id"]] for d in group])
            print(f"  {name:<22} n={len(group):<4} accuracy {accuracy:.3f}  macro-F1 {macro_f1:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="cross-validate C on the training part only")
    parser.add_argument("--no-ocr", action="store_true", help="use the text of scanned documents, not OCR")
    options = parser.parse_args()
    documents = load()
    if options.tune:
        tune([d for d in documents if d["split"] == "train"])
        return
    run(documents, use_ocr=not options.no_ocr)


if __name__ == "__main__":
    main()
