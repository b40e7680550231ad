"""A task as it is recorded: the request in the meeting's own words, without its owner, politeness,
particles, purpose or deadline; and whether it says anything of its own or points back ("do it")."""

import re

from aiplus.core.language import HAN_RE, has_han
from aiplus.meetings.actions.similarity import content_words, stem
from aiplus.meetings.actions.tables import alternation, pattern, word_set

# --- tasks ------------------------------------------------------------------------------------------------


def points_back(task: str) -> bool:
    """A task that says nothing of its own: "do it", "take that away", 跟進, 搞掂佢, and a bare verb of a
    character or two (準備, 改埋, 想搞), whose object is what was just asked."""
    task = task.strip(" ,，.。")
    brief = len(HAN_RE.findall(pattern("aspect_zh").sub("", task))) <= 2
    if has_han(task) and not re.search(r"[A-Za-z]{2}", task) and brief:
        return True
    return not task or bool(pattern("anaphor").match(task))


def is_anaphoric(task: str) -> bool:
    """A task about something said before: those that point back, and a verb with only a pronoun
    ("correct it", "pull that together")."""
    task = task.strip(" ,，.。")
    if points_back(task):
        return True
    if has_han(task) or not pattern("pronoun_object").search(task):
        return False
    particles = {stem(word) for word in word_set("phrasal_particles_en")}
    return len(content_words(task) - particles) <= 1 and len(task.split()) <= 4


def task_substance(task: str) -> int:
    return len(content_words(task)) + len(HAN_RE.findall(task)) // 2


def tidy_task(task: str, *, owner_text: str = "") -> str:
    task = task.strip(" ,，、:：;；.。!！?？-–—")
    if owner_text:
        task = re.sub(rf"^{re.escape(owner_text)}[\s,，]*", "", task)
    task = pattern("deadline_clause").sub("", task)
    if has_han(task):
        for _ in range(3):
            task = pattern("task_trail_zh").sub("", task).strip(" ,，、:：;；.。!！?？")
            task = pattern("task_lead_zh").sub("", task).strip(" ,，、:：;；.。")
            task = pattern("task_lead_en").sub("", task).strip(" ,，、")
            task = pattern("task_trail_en").sub("", task).strip(" ,，、")
        task = pattern("purpose_zh").sub("", task)
        task = pattern("hand_in_zh").sub("", task)
        task = re.sub(rf"(?:{alternation('particles')})(?=[，,])", "", task)
        # "我自己跟，我打俾..." : the owner's own pronouns and a bare "I'll take it" verb go
        task = re.sub(r"(?:(?<=[，,、])|^)\s*(?:我|你|我自己|你自己)(?![哋們])\s*", "", task)
        task = re.sub(r"(?:自己|親自|一陣|稍後)\s*(?=[\w])", "", task)
        # "睇下六月嘅值班表", "更新下職員名單", "chase 下佢哋": the softening 下 between a verb and its object
        # goes (not in 一下, 以下, 樓下, nor in 下個月, 下載, 下午)
        task = pattern("softening_zh").sub("", task)
        task = re.sub(r"(?<=[a-z])\s+[下吓](?![個次晝星禮週周月年午面屬])\s*", " ", task, flags=re.I)
        task = re.sub(r"^(?:搞|跟|做|處理|負責|跟進|handle)\s*[，,]\s*", "", task, flags=re.I)
    else:
        for _ in range(3):
            task = pattern("task_lead_en").sub("", task).strip(" ,;:.-")
            task = pattern("task_trail_en").sub("", task).strip(" ,;:.-?!")
        task = pattern("purpose_en").sub("", task)
    task = re.sub(r"\s+", " ", task).strip(" ,，、:：;；.。!！?？-–—")
    task = re.sub(r"^(?:by|before|on|until|in|within|於|喺|在)$", "", task, flags=re.I)
    return task


def with_object(said: str, context: str) -> str:
    """A verb and a pronoun ("draft it", "witness it") with the pronoun replaced by what it stands for, the
    first noun phrase of the sentence it points back to; "" when either is missing."""
    if has_han(said) or has_han(context):
        return ""
    pronoun = pattern("object_pronoun").search(said)
    phrase = pattern("noun_phrase").search(context)
    if not pronoun or not phrase or not content_words(said[: pronoun.start()]):
        return ""
    return f"{said[: pronoun.start()]}{phrase.group().strip()}{said[pronoun.end() :]}".strip()
