"""The peers of the retrieval benchmark: what a user might build instead of aiplus (see bench/retrieval.py)."""

import sqlite3
import time
import unicodedata

from bench.retrieval_data import SCRIPTS, Corpus, K, gold_rank, note, summarise, with_difference


def peer_rank_bm25(corpus: Corpus) -> dict:
    """rank_bm25's BM25Okapi with whitespace tokens, as a user would first reach for it.

    Only documents with a positive score count as retrieved: when no query token occurs in any paragraph,
    every score is 0 and the "top 10" is simply the first 10 paragraphs, which is not retrieval.
    """
    import numpy as np
    from rank_bm25 import BM25Okapi

    note("rank_bm25: indexing and searching…")
    started = time.perf_counter()
    ids = [p.source_id for p in corpus.paragraphs]
    bm25 = BM25Okapi([p.text.split() for p in corpus.paragraphs])
    per_script, no_match = {}, {}
    for script in SCRIPTS:
        ranks, empty = [], 0
        for question in corpus.questions:
            scores = bm25.get_scores(question.text(script).split())
            top = np.argsort(-scores, kind="stable")[:K]
            ranked = [ids[i] for i in top if scores[i] > 0]
            empty += not ranked
            ranks.append(gold_rank(ranked, question.gold))
        per_script[script] = summarise(ranks)
        no_match[script] = empty / max(len(corpus.questions), 1)
    return {
        "metrics": with_difference(per_script),
        "queries_with_no_match": no_match,
        "seconds": time.perf_counter() - started,
    }


def jieba_folded_tokens(text: str, fold, tokenizer) -> list[str]:
    """jieba words of the text folded to Simplified (OpenCC hk2s), lower-cased, punctuation and spaces dropped.

    What a careful user builds in an afternoon: jieba's dictionary is Simplified, so Traditional text is folded
    first, and folding both paragraphs and questions also makes the two scripts meet.
    """
    return [
        word.lower()
        for word in tokenizer.lcut(fold.convert(text))
        if not all(_is_separator(character) for character in word)
    ]


def peer_bm25s_jieba(corpus: Corpus) -> dict:
    """bm25s (Lucene BM25, default k1 1.5 and b 0.75) over jieba tokens of hk2s-folded text.

    As for rank_bm25, only paragraphs with a positive score count as retrieved.
    """
    import logging

    import bm25s
    import jieba
    import opencc

    note("bm25s + jieba on hk2s-folded text: indexing and searching…")
    started = time.perf_counter()
    jieba.setLogLevel(logging.WARNING)
    fold, tokenizer = opencc.OpenCC("hk2s"), jieba.Tokenizer()
    ids = [p.source_id for p in corpus.paragraphs]
    retriever = bm25s.BM25()
    retriever.index(
        [jieba_folded_tokens(p.text, fold, tokenizer) for p in corpus.paragraphs], show_progress=False
    )
    per_script = {}
    for script in SCRIPTS:
        queries = [jieba_folded_tokens(q.text(script), fold, tokenizer) for q in corpus.questions]
        documents, scores = retriever.retrieve(queries, k=K, show_progress=False)
        ranks = []
        for question, row, row_scores in zip(corpus.questions, documents, scores, strict=True):
            ranked = [ids[i] for i, score in zip(row, row_scores, strict=True) if score > 0]
            ranks.append(gold_rank(ranked, question.gold))
        per_script[script] = summarise(ranks)
    return {"metrics": with_difference(per_script), "seconds": time.perf_counter() - started}


def _is_separator(character: str) -> bool:
    return character.isspace() or unicodedata.category(character).startswith(("P", "Z"))


def trigram_query(text: str) -> str:
    """OR of the quoted trigrams of each run of characters between whitespace and punctuation."""
    trigrams: dict[str, None] = {}
    run: list[str] = []
    for character in [*text, " "]:
        if not _is_separator(character):
            run.append(character)
            continue
        for i in range(len(run) - 2):
            trigrams.setdefault("".join(run[i : i + 3]), None)
        run = []
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in trigrams)


def peer_fts5_trigram(corpus: Corpus) -> dict:
    note("SQLite FTS5 trigram: indexing and searching…")
    started = time.perf_counter()
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='trigram')")
    connection.executemany(
        "INSERT INTO t(rowid, body) VALUES (?, ?)", [(i, p.text) for i, p in enumerate(corpus.paragraphs)]
    )
    ids = [p.source_id for p in corpus.paragraphs]
    per_script = {}
    for script in SCRIPTS:
        ranks = []
        for question in corpus.questions:
            expression = trigram_query(question.text(script))
            rows = (
                connection.execute(
                    "SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT ?", (expression, K)
                ).fetchall()
                if expression
                else []
            )
            ranks.append(gold_rank([ids[r] for (r,) in rows], question.gold))
        per_script[script] = summarise(ranks)
    connection.close()
    return {"metrics": with_difference(per_script), "seconds": time.perf_counter() - started}
