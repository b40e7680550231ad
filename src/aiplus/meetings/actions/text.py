"""Text helpers of the action detector: cleaning a spoken segment, cutting it into sentences, and how alike
two tasks are.

The Han range, the sentence splitter and the spoken-text cleaner live here, in one module, until
``aiplus.core.language`` offers shared ones to swap in."""

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")

# --- cleaning ---------------------------------------------------------------------------------------------

_MARK_RE = re.compile(
    r"\{[^}]*\}|\[[^\]]{0,30}\]|\((?:inaudible|crosstalk|laughs?|laughter|pause|silence)\)|<[^>]{1,20}>", re.I
)
_EN_FILLER_RE = re.compile(r"(?<![\w'])(?:um+|uh+|umm+|hmm+|mm+|erm|er|ah+|eh)(?![\w'])[ ,.]*", re.I)
_ZH_FILLER_RE = re.compile(r"[嗯呃誒]+[，,、 ]*")
_REPEAT_RE = re.compile(r"\b(\w+)(?:[ ,]+\1\b)+", re.I)
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)} | {
    code: code - 0xFEE0 for code in range(0xFF21, 0xFF5B)
}


def clean(text: str) -> str:
    text = text.translate(_FULLWIDTH).replace("’", "'").replace("‘", "'")
    text = _MARK_RE.sub(" ", text)
    text = _EN_FILLER_RE.sub("", text)
    text = _ZH_FILLER_RE.sub("", text)
    text = _REPEAT_RE.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" ,，、")


_SENTENCE_RE = re.compile(r"[^。！？!?；;]+[。！？!?；;]*|[。！？!?；;]+")


def split_sentences(text: str) -> list[str]:
    """Sentences of a cleaned segment; an English full stop ends one only when a space or the end follows
    (not in "15.3" or "p.m.")."""
    out: list[str] = []
    for part in _SENTENCE_RE.findall(text):
        for piece in re.split(
            rf"(?<=[a-z0-9)\"'])\.(?:\s+|$)(?=[A-Z0-9\"'(]|$|[{HAN}])|(?<=[{HAN}])\.(?:\s+|$)", part
        ):
            piece = piece.strip()
            if piece and re.search(rf"[A-Za-z0-9{HAN}]", piece):
                out.append(piece)
    return out


def has_han(text: str) -> bool:
    return bool(HAN_RE.search(text))
