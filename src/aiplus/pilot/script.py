"""Output in the script asked for, without rewriting what is already right.

OpenCC's ``s2hk`` is made for Simplified input: run over text already in Traditional characters it also
rewrites valid forms (宣布→宣佈, and 不准→不準, which changes the meaning). So text is converted clause by
clause, and only the clauses written in the other script (``core.language.detect_script``) are converted:
a Simplified clause in a model's Traditional answer is converted; a Traditional quote is kept as written.
"""

import re

from aiplus.core.language import Script, convert_script, detect_script, has_han

_CLAUSE_RE = re.compile(r"[^，。！？；：、,.!?;:\n]+[，。！？；：、,.!?;:\n]*")


def in_script(text: str, language: str) -> str:
    """``text`` with each Chinese clause in the other script converted to ``language`` (en: unchanged)."""
    if language == Script.ENGLISH:
        return text
    other = Script.SIMPLIFIED if language == Script.TRADITIONAL else Script.TRADITIONAL
    return _CLAUSE_RE.sub(
        lambda m: (
            convert_script(m.group(), Script(language))
            if has_han(m.group()) and detect_script(m.group()) == other
            else m.group()
        ),
        text,
    )
