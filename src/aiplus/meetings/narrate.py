"""Writing what was said as minutes do: in the third person and past tense ("the Chair said that they
would..."), or in formal written Chinese ("主席表示..."), whatever language was spoken.

Without a model nothing is translated: an English summary quotes Chinese speech in Chinese, and a Chinese
summary keeps English words as spoken. Cantonese is turned into written Chinese word by word, and
Simplified into Hong Kong Traditional, because minutes are written, not spoken.
"""

import re

from aiplus.core.language import Script, convert_script, detect_script

# Labels that name a role, not a person: "the Chair said", but "Mary said".
_ROLE_WORDS = frozenset(
    [
        "chair",
        "chairman",
        "chairperson",
        "chairwoman",
        "vice",
        "deputy",
        "secretary",
        "secretariat",
        "member",
        "members",
        "manager",
        "project",
        "marketing",
        "industrial",
        "designer",
        "user",
        "interface",
        "officer",
        "director",
        "head",
        "team",
        "lead",
        "leader",
        "professor",
        "grad",
        "student",
        "postdoc",
        "engineer",
        "analyst",
        "representative",
        "clerk",
        "convenor",
        "committee",
        "panel",
    ]
)

_REPORTED = [
    (r"\bI'm\b", "they were"),
    (r"\bI am\b", "they were"),
    (r"\bI was\b", "they were"),
    (r"\bI've\b", "they had"),
    (r"\bI'll\b", "they would"),
    (r"\bI'd\b", "they would"),
    (r"\bwe're\b", "they were"),
    (r"\bwe've\b", "they had"),
    (r"\bwe'll\b", "they would"),
    (r"\bwe'd\b", "they would"),
    (r"\blet's\b", "they should"),
    (r"\b[Ii]\b", "they"),
    (r"\b[Ww]e\b", "they"),
    (r"\bme\b", "them"),
    (r"\bus\b", "them"),
    (r"\b(?:my|our)\b", "their"),
    (r"\b(?:myself|ourselves)\b", "themselves"),
    (r"\bis\b", "was"),
    (r"\bare\b", "were"),
    (r"\bwill\b", "would"),
    (r"\bcan\b", "could"),
    (r"(?<!would )(?<!could )(?<!should )(?<!might )(?<!must )(?<!to )\bhave\b", "had"),
    (r"\bhas\b", "had"),
    (r"\bdon't\b", "did not"),
    (r"\bdoesn't\b", "did not"),
    (r"\bthey was\b", "they were"),
]

# Cantonese words and their written Chinese, longest first when applied.
_WRITTEN = {
    "唔係": "不是",
    "係咪": "是否",
    "係": "是",
    "唔好": "不要",
    "唔使": "不用",
    "唔": "不",
    "嘅": "的",
    "咗": "了",
    "喺": "在",
    "佢哋": "他們",
    "佢": "他",
    "我哋": "我們",
    "你哋": "你們",
    "哋": "們",
    "畀": "給",
    "俾": "給",
    "乜嘢": "甚麼",
    "嘢": "東西",
    "冇": "沒有",
    "啲": "些",
    "嚟": "來",
    "睇": "看",
    "講": "說",
    "噉": "這樣",
    "咁樣": "這樣",
    "點解": "為何",
    "點樣": "怎樣",
    "邊個": "誰",
    "幾多": "多少",
    "而家": "現在",
    "聽日": "明天",
    "琴日": "昨天",
    "今日": "今天",
    "下個禮拜": "下星期",
    "呢個禮拜": "本星期",
    "禮拜": "星期",
    "搞掂": "完成",
    "同埋": "和",
    "仲": "還",
    "攞": "拿",
    "搵": "找",
    "揾": "找",
    "嗰": "那",
    "呢個": "這個",
    "呢啲": "這些",
    "啱": "合適",
    "返": "回",
}
_WRITTEN_RE = re.compile("|".join(sorted(map(re.escape, _WRITTEN), key=len, reverse=True)))
_PARTICLES_RE = re.compile(r"(?:啦|喇|吖|囉|喎|嘛|㗎|呀|啊|咩|嘞|噃)+(?=[，。！？,.!?]|$)")

LEADS = {
    "en": ("First", "Then", "Next", "Later", "After that", "In the end"),
    "zh-Hant": ("首先", "其後", "接著", "隨後", "此外", "最後"),
}


def speaker_phrase(label: str, language: str) -> str:
    label = label.strip()
    if not label:
        return "一位與會者" if language == "zh-Hant" else "a participant"
    if language == "en" and all(word.lower().strip(".") in _ROLE_WORDS for word in label.split()):
        return f"the {label}"
    return label


def reported(sentence: str) -> str:
    """An English sentence in reported speech: third person, past tense."""
    for pattern, replacement in _REPORTED:
        sentence = re.sub(pattern, replacement, sentence)
    sentence = sentence.rstrip(" .。")
    return sentence[:1].lower() + sentence[1:] if sentence[:2] != sentence[:2].upper() else sentence


def written_chinese(text: str) -> str:
    """Cantonese as written Chinese, in Hong Kong Traditional characters."""
    text = _PARTICLES_RE.sub("", text)
    text = _WRITTEN_RE.sub(lambda match: _WRITTEN[match.group()], text)
    return convert_script(text, Script.TRADITIONAL)


def narrate(lines: list[tuple[str, str]], *, language: str, overview: str = "") -> str:
    """Prose from (speaker, sentence) pairs in meeting order, in ``language`` ("en" or "zh-Hant")."""
    leads = LEADS[language]
    parts = [overview] if overview else []
    for n, (speaker, sentence) in enumerate(lines):
        lead = leads[0] if n == 0 else leads[-1] if n == len(lines) - 1 else leads[1 + (n - 1) % 4]
        who = speaker_phrase(speaker, language)
        english = detect_script(sentence) == Script.ENGLISH
        if language == "en":
            said = (
                "suggested"
                if re.search(r"\b(should|could|maybe|suggest|propose)\b", sentence, re.I)
                else "said"
            )
            body = f"that {reported(sentence)}" if english else f"「{sentence.rstrip('。')}」"
            parts.append(f"{lead}, {who} {said} {body}.")
        else:
            body = sentence.rstrip(" .。") if english else written_chinese(sentence).rstrip("。")
            parts.append(f"{lead}，{who}表示{body}。")
    return " ".join(parts) if language == "en" else "".join(parts)


def overview_sentence(phrases: list[str], *, language: str) -> str:
    if not phrases:
        return ""
    if language == "en":
        listed = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]
        return f"The meeting was mainly about {listed}."
    return f"會議主要討論{'、'.join(convert_script(p, Script.TRADITIONAL) for p in phrases)}。"
