"""Decisions and action items found in a transcript without a model, in English, written Chinese, Cantonese
and the code-mixed way Hong Kong meetings are held.

The rules are the ones a meeting secretary applies when reading a transcript. Their words are data
(``data/*.txt`` word lists, ``data/pronouns.tsv``, ``data/patterns.toml`` with an example per pattern,
see ``tables``); the modules say how the pieces fit: ``english`` and ``chinese`` read one sentence,
``candidates`` folds what several turns say of one action into one item, ``decisions`` and ``recap``
read the chair, ``detector`` walks the transcript. No rule and no example quotes the benchmark
meetings under ``bench/data/meetings``; ``bench/actions.py --split held-out`` measures on meetings never
looked at while rules change.

- **An action** needs someone who will do something: a cue ("I'll", "X will", "X to ...", "please",
  "can you ... by ...", "action:", 跟進, 負責, 請..., 由...負責, 我嚟跟, 你搞掂佢, 唔該你..., 交俾...做) with an
  owner that is a person, a team or body, or the speaker. "The system will go live in May" has no one to
  do it and is no action; nor is what was already done (already, 已經, and Cantonese 咗 / 過 after the verb:
  "供應商交咗兩份報價", "保養公司睇過" - but "改咗就 send", "check 咗話我知" are still to come, and "啲已經
  交咗表嘅家長" only describes someone), what might have been (if we had, 如果), a question that tasks
  nobody, an opinion ("I think we should"), what is done at the meeting itself (presenting, sharing the
  screen, 申報利益, 離席 / 回席), a want ("I'll need the names of the interns"), a proposal withdrawn right
  after ("no need", 唔使喇, 不用了), a request its owner answers as done already ("我尋日已經問咗"), the
  chair announcing the agenda ("今日三樣嘢：...", "First item is ...", "Item two, the ..."), or what "we"
  will do said as what is agreed ("Agreed. We'll shut the counter ..." is a decision). Telling is said at
  the meeting only when told to it ("tell us"); telling someone else is work after it ("tell the
  trainers", 我同印刷商講).
- **The owner** is the person named ("Mary, can you...", "Peter 你..."), the body named (the Secretariat,
  IT組, 秘書處), the speaker for "I" / 我, or, for a "you" with no name, whoever accepts next ("OK", 好,
  收到, 冇問題). A request to someone named who does not speak under a label of their own is taken on by a
  speaker whose label names nobody ("Mary, please put up the notice" - Speaker 2: "OK, I will do it"): one
  action, still Mary's, and that speaker's "I" in the answer is Mary. "We" / 我哋 names no single person:
  the speaker's team when their label gives one, else "". Names are given as the attendee or speaker
  label they refer to, when exactly one fits (Cantonese calls 何俊賢 阿俊 too). A name right after 俾 / 同 /
  叫 / 追 / 通知 is whom it is for, not who does it ("俾我睇", "追 IT組"); "交俾 X" makes X the owner only
  with a verb after it ("交俾人事組安排"), and "交俾我" the speaker only when it gives them the work
  ("呢件事交俾我"; a bare verb after it acts on the thing handed: "份問卷交俾我跟進" is 跟進份問卷), not when
  it hands in what someone was asked ("Peter 你跟進，月尾前交俾我", "做完交俾我"). A "you" with no name
  answering someone's promise is said to them ("咁我整理好份名單" - "OK，你 send 份名單俾財務科"). A clause
  with no subject, after the speaker has just taken something on, is still theirs ("我嚟做，星期一之前
  email 俾法律組").
- **The task** is the request in the meeting's own words, with the owner, politeness ("please", "could
  you", 唔該, 麻煩), the name it is addressed to ("Mary, please ..."), handing the work back ("，月尾前交俾我",
  "，覆我"), what it is for or what happens otherwise ("，費事...", "，唔係就..."), when it is to be done
  once something else is ("新系統裝好咗之後", "等...咗就"), a clause of its own before the owner, the
  softening 下 between a verb and its object ("更新下職員名單"), fillers and Cantonese particles (啦, 喇, 吖,
  囉) taken out, and the deadline moved to ``due`` / ``due_text`` (see ``dates``); of two deadlines said
  for it in one turn, the one marked as the deadline ("月底前", "by Friday") wins over a time the work is
  needed ("下個月"). "I'll do it" / 我嚟跟 take their task from what was just asked, and so do a hand-over
  with nothing else ("要 review 份指引，Peter 你跟進": Peter reviews it), a verb with only a pronoun ("draft
  it", "check it" - the pronoun becomes the noun phrase it stands for, "drafting a one-page checklist")
  and a bare verb of a character or two (準備, 改埋, 想搞); what was proposed in a turn ("I suggest a
  checklist") is preferred to a fragment after it. "Before the next meeting" / 下次會議前 takes the next
  meeting's date when the meeting says it.
- **One action, one item**: the same action proposed, accepted and summed up by the chair becomes one item
  whose evidence lists every segment. A "you ..." answering someone's promise in the turn before is about
  that promise ("我嚟整份新聞稿" - "你整好俾我過目"); "Copy me" after a request adds to it.
- **The summing-up** ("to recap", "summing up", 總結, recap 一下) adds nothing new for an owner who has
  actions: each of its items ("Jason, the leave summary by the twentieth", "阿俊聽日覆會議室") joins that
  owner's action it overlaps, else the one with its deadline, else the owner's next one it has not gone
  over; it lends them deadlines they lacked. Only an owner with no action yet gets a new one.
- **A decision** is marked by "agreed", "resolved", "approved", "we decided", "carried", "let's go with",
  同意, 通過, 決定, 議決, 就咁決定, 照咁做, 咁就 agreed / 咁就揀 / 咁就用, "好，通過，...", 暫時用..., and
  Cantonese "for now" (今年唔搞...住). A bare "Agreed." / 就咁決定 / 同意。 followed in the same turn by a
  statement of what is agreed ("Agreed. We shut the counter on the holiday.", "同意。咁就平安夜三點收工。")
  records that statement; else a bare "Agreed." / 就咁決定 records the proposal just before it (a bare
  同意 alone only supports it). What was approved before ("上個月已經批咗") is no decision now. A question
  put to the meeting about what it does ("要唔要全部影印？", 是否需要延期？, "Should we survey the staff
  first?"; not an offer or a request, "要唔要我幫你訂車？") settled within two turns by someone else's firm
  answer (an opening 要 / 唔使 / 唔得 / yes / no, or 不用..., 都要...; not an opinion) is a decision,
  recorded as the answer.
"""

from aiplus.meetings.actions.detector import detect
from aiplus.meetings.actions.similarity import task_similarity

__all__ = ["detect", "task_similarity"]
