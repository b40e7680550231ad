"""Cues that tell what a sentence does: accept, decline, report what is done, suppose, give an opinion,
ask, or only lead in ("So, OK, ...")."""

import re

from aiplus.meetings.actions.text import _HAN_RE, _has_han

# --- cue vocabularies ---------------------------------------------------------------------------------------

# Verbs that ask for something now, in the meeting, not for work after it. Telling or reminding is said
# at the meeting only when it is told to the meeting ("tell us", "remind me what..."); "tell the trainers",
# "remind the contractor" is work after it.
_TO_THE_MEETING = (
    r"(?=\s+(?:us|me|everyone|everybody|all of us|the (?:meeting|committee|members|group|panel|board)|"
    r"what|how|why|where|when|whether|if|about|more|a bit)\b|\s*$)"
)
_SPEECH_VERBS = (
    rf"explain|tell{_TO_THE_MEETING}|say|said|clarify|elaborate|repeat|remind{_TO_THE_MEETING}|describe|introduce|summari[sz]e|recap|comment|"
    r"start|begin|continue|go ahead(?! with)|go on|go first|proceed|present|speak|talk|hear|see|share your screen|"
    r"share my screen|walk us|take us|run us|give us an? (?:update|overview|summary)|update us|answer|respond|"
    r"stop|finish|move on|move to|turn to|come in|jump in|add|put it|be clear|be honest|be brief|be quick|"
    r"think|agree|disagree|admit|confess|guess|suppose|imagine|understand|hope|wonder|mention|note|stress|"
    r"emphasi[sz]e|point out|interrupt|ask a question|raise|show|read|quote|open|welcome|"
    r"thank|apologi[sz]e|take a (?:look|break)|have a (?:look|break)|pull up|bring up|look at|check in|chair|"
    r"declare|suggest|propose|recommend|like|love|want|feel|believe|know|remember|live with|accept|be|do that again|"
    r"try|consider|help|come back to (?:that|this) later|park|skip|touch on|cover|focus|keep it|keep this|"
    r"vote|record|minute|hand over|pass|over to|confirm that"
)
_SPEECH_VERB_RE = re.compile(
    rf"^(?:just\s+|quickly\s+|briefly\s+|also\s+|first\s+)*(?:{_SPEECH_VERBS})\b", re.I
)
# Meeting procedure after "let's".
_PROCEDURE_RE = re.compile(
    r"^(?:move on|move to|start|begin|go (?:to|back|on|through|around|over|ahead with the)|turn to|take (?:a|the) |"
    r"break|wrap up|finish|continue|stop|leave it|be |see |look at|hear|discuss|talk|recap|come back to|park|vote|"
    r"keep|not |get started|get going|get back|get on|do (?:a|the) (?:round|quick)|skip|focus|say|think|hope|"
    r"welcome|thank|note|have (?:a|the) (?:look|break|discussion|vote|quick)|call it|adjourn|close|open|"
    r"put (?:it|this|that) to|bring|first|now|all|just|try to be|agree|go with|proceed with|stick with|"
    r"adopt|approve|accept|take (?:it|this) (?:as|offline)|deal with (?:that|this|it) (?:now|first|later|next))",
    re.I,
)
_IMPERATIVE_VERBS = (
    "send|circulate|check|draft|prepare|update|contact|arrange|book|confirm|review|follow|chase|call|email|"
    "e-mail|ring|phone|ask|find|look into|set up|fix|sort out|coordinate|liaise|write|revise|amend|finali[sz]e|"
    "submit|share|upload|provide|get|make|organi[sz]e|schedule|issue|collect|compile|consult|brief|inform|"
    "notify|report|distribute|study|investigate|explore|assess|evaluate|work out|take care of|double-check|"
    "verify|reply|respond to|put together|add|include|draw up|map|print|order|buy|procure|request|seek|obtain|"
    "go back to|come back|get back|talk to|speak to|meet|invite|reserve|register|apply|file|forward|copy|"
    "handle|deal with|test|install|reconcile|calculate|cost|estimate|track|monitor|clean up|tidy|reschedule|"
    "cancel|escalate|raise|flag|post|publish|translate|proofread|edit|sign|approve|table|lodge|recruit|hire|"
    "train|visit|inspect|survey|benchmark|pilot|trial|implement|deploy|roll out|migrate|back up|archive|"
    "retrieve|source|quote|keep|note down|put up|put out|log|record|let|give|bring|chase up|dig out|pull together"
)
_IMPERATIVE_RE = re.compile(rf"^(?:please\s+)?(?:{_IMPERATIVE_VERBS})\b", re.I)

# Cantonese / written Chinese action verbs, after 我 / 你 / a name.
_ZH_VERBS = (
    "跟進|跟手|跟|搞掂|搞|處理|做|寫|草擬|擬備|擬|準備|預備|整理|整|發出|發|寄|交|提交|遞交|呈交|俾|畀|聯絡|聯繫|約|安排|"
    "搵|問|查|核實|核對|更新|改|修改|覆|回覆|通知|知會|提醒|訂|報|上載|落單|申請|開|列|出|計|算|審批|簽|傳閱|分發|"
    "匯報|報告|檢查|測試|試|統計|收集|拎|攞|研究|了解|諮詢|協調|負責|執|睇|看|check|send|email|update|handle|follow|"
    "prepare|draft|book|arrange|call|confirm|review|submit|upload|share|fix|set|contact|chase|circulate|revise|"
    "amend|finalise|finalize|organise|organize|schedule|test|present|report|do|take|look|find|ask|get|print|"
    "coordinate|liaise|write|compile|collect|清|執返|補|寫返|整返|改返|覆返|send返|搞返|跟返|build|set up|打俾|打電話|打|"
    "致電|傾|見|帶|買|印|貼|搬|拉|揀|追|交代|影印|掃描|scan|核|批|約見|出信|發信|回信|撰寫|編製|制訂|制定|落實|推行|派|預留"
)
_ZH_NOT_ACTION = (
    "覺得|認為|諗|想|知|記得|記唔記得|明白|明|理解|同意|唔|不|冇|沒|無|係|是|都係|睇法|估|相信|希望|覺|講|話|問題|"
    "啱|好似|聽|見|睇到|聽到|頭先|啱啱|上次|琴日|已經|已|有冇|會唔會|點|點樣|係咪|是否|可能|應該|估計|驚|怕|擔心|"
    "建議|提議|贊成|反對|支持|的|嘅|哋|們|自己覺得|個人|本身|咁|就係|而家|都|真係|一直|以前|之前|曾經|未|好|仲|"
    "當時|亦|又|再講|補充|接受|要求|鍾意|喜歡|關心|知道|明瞭|哋"
)

# Words that accept a request. The short ones may run straight into what follows ("OK I'll send it");
# the others must stand alone ("I will." but not "I will draft it", which is read as a promise).
_ACCEPT_SHORT_EN = (
    r"ok(?:ay)?|yes|yep|yeah|yup|sure(?: thing)?|right|alright|all right|fine|no problem|no worries"
)
_ACCEPT_ALONE_EN = (
    r"will do|can do|certainly|of course|absolutely|definitely|noted|understood|got it|happy to|my pleasure|"
    r"consider it done|on it|leave it with me|i can do that|i'll do that|i will do that|i'll do it|i will|i can|"
    r"that's fine|that is fine|that works|fair enough|roger|copy that|agreed|deal|done|i'm on it|sounds good|"
    r"works for me|i'll take (?:it|that|that one|this)|i'll take care of (?:it|that)|me|i'll handle it|"
    r"i'll look into it|i'll follow up|i'll take that away|will try|i'll try"
)
_ACCEPT_EN_RE = re.compile(
    rf"^(?:(?:(?:{_ACCEPT_SHORT_EN})\b|(?:{_ACCEPT_ALONE_EN})(?=\s*(?:[,.!;，。！]|$)))[\s,.!;]*)+", re.I
)
_ACCEPT_SHORT_ZH = (
    r"好(?:的|呀|啊|嘅|喎|啦|吖)?|收到|冇問題|沒問題|無問題|OK|ok|Okay|okay|明白|Sure|sure|Yes|yes"
)
_ACCEPT_ALONE_ZH = (
    r"可以|得|知道|一定|會|係|要|行|無任歡迎|noted|Noted|no problem|No problem|冇所謂|問題不大|遵命|好嘢|搞掂|一於咁|"
    r"照做|我嚟|我跟|我做|交俾我|包俾我|我負責|我嚟跟|我跟進|我搞|我處理|我嚟搞|我嚟做|了解|明白晒|無問題呀"
)
_ACCEPT_ZH_RE = re.compile(
    rf"^(?:(?:{_ACCEPT_SHORT_ZH}|(?:{_ACCEPT_ALONE_ZH})(?=\s*(?:[,.!;，。！、~]|$)))[\s，,。.!！、~]*)+"
)
_NEGATIVE_RE = re.compile(
    r"\b(?:not|n't|cannot|can't|won't|no,|but|however|unfortunately|difficult|unable|impossible)\b|唔得|做唔到|"
    r"唔係|不行|不能|未必|困難|唔夠|但係|不過|可唔可以",
    re.I,
)
_DECLINE_EN_RE = re.compile(
    r"^(?:no(?=\s*[,.!;]|\s*$)|nope|not really|actually,? (?:no|let's not|we don't)|no need|there's no need|there is no need|"
    r"not necessary|it's not necessary|unnecessary|let's not|we won't|we will not|we don't need|don't bother|"
    r"forget (?:it|that)|never mind|scrap that|drop (?:it|that)|hold off|on second thought|let's drop|"
    r"we'll skip|we can skip|skip (?:it|that)|i'd rather not|i would rather not|i can't|i cannot|"
    r"i won't be able|i'm not able|that won't be necessary|that's not needed|not needed|cancel that)",
    re.I,
)
_DECLINE_ZH_RE = re.compile(
    r"(?<!使)唔使(?!問|客氣|急|再講|講|怕|擔心)|(?<!駛)唔駛(?!問|客氣|急)|不用了|不用(?!客氣)|不必|不需要|唔需要|冇需要|沒有需要|算(?:啦|了|數)|"
    r"唔好住|暫時唔好|暫時不|取消(?:咗|了)?|唔做住|唔搞住|擱置|押後|唔跟(?:住)?|放低住|唔急|遲啲先算"
)
_DONE_EN_RE = re.compile(
    r"\b(?:already|last (?:week|month|time|meeting|monday|tuesday|wednesday|thursday|friday)|yesterday|"
    r"earlier (?:today|this week)|previously|at the last meeting|has been (?:done|sent|completed|finished)|"
    r"(?:have|has|had)\s+(?:now\s+|just\s+|also\s+)?(?:\w+ed|sent|done|written|given|taken|made|got|gotten|"
    r"put|set|spoken|met|told|paid|run|begun|brought|bought|built|found|kept|left|lost|seen|shown|sold|"
    r"spent|won)\b)",
    re.I,
)
_DONE_ZH_RE = re.compile(
    r"已經|已(?!於)|早已|經已|琴日|尋日|上個?(?:星期|禮拜|週|月)|頭先已|啱啱已|上次已|之前已"
)
# Cantonese marks what is done with 咗 after the verb ("承辦商交咗三個方案") and what has been tried with 過
# ("我哋睇過"); "改咗就 send", "confirm 咗話我知" and "等佢 confirm 咗" are a sequence still to come.
_PERFECTIVE_ZH_RE = re.compile(r"咗|(?:睇|做|試|問|講|傾|搵|查|check|test)\s*過(?![期嚟去頭晒])", re.I)
_SEQUENCE_ZH_RE = re.compile(
    r"咗[^，,。]{0,12}?(?:就|之後|以後|先|再|嗰陣|話(?:俾)?我知|話俾)|(?:等|一旦|當)[^，,。]{0,12}咗"
)


def _done_zh(text: str) -> bool:
    """Whether a Chinese clause reports what was already done. What describes a thing ("啲已經 book 咗場嘅
    團體") says nothing of the action."""
    text = re.sub(r"(?:已經|已)?[^，,。的嘅啲]{0,10}咗[^，,。的嘅]{0,6}(?:嘅|的)", "", text)
    if _DONE_ZH_RE.search(text):
        return True
    return bool(_PERFECTIVE_ZH_RE.search(text)) and not _SEQUENCE_ZH_RE.search(text)


_HYPOTHETICAL_EN_RE = re.compile(
    r"^(?:if|even if|suppose|supposing|imagine|what if|in case|assuming|had we|were we|unless|whether)\b|"
    r"\b(?:if we had|if i had|if they had|if we were|would have|could have|should have|might have|"
    r"would've|could've|should've|in theory|hypothetically|in an ideal world|ideally)\b",
    re.I,
)
_CONDITION_OK_RE = re.compile(
    r"^(?:if (?:possible|you can|you could|you don't mind|that's (?:ok|okay|alright|all right|fine)|"
    r"there (?:is|are) no (?:objection|objections|comments|other comments)|no (?:one|body) objects|"
    r"everyone (?:agrees|is happy)|we're all agreed|all agreed|so|not|you have time|time permits|needed|"
    r"necessary|required|any)\b)[^,]*,\s*",
    re.I,
)
_HYPOTHETICAL_ZH_RE = re.compile(r"如果|假如|假設|假使|要是|萬一|倘若|若果|若然|嘅話|的話|本來|理論上|早知")
_CONDITION_OK_ZH_RE = re.compile(
    r"^(?:如果|假如)?(?:冇|沒有|無)(?:人)?(?:反對|異議|其他意見|問題)(?:嘅話|的話)?[，,、 ]*|^(?:如果|假如)?(?:可以|方便)(?:嘅話|的話)[，,、 ]*"
)
_OPINION_EN_RE = re.compile(
    r"^(?:i think|i feel|i believe|i guess|i suppose|personally|in my view|in my opinion|my view is|"
    r"my feeling is|it seems|perhaps|maybe|probably|i'm not sure|i am not sure|i wonder|i'd say|i would say)\b",
    re.I,
)
_OPINION_ZH_RE = re.compile(
    r"^(?:我(?:個人)?(?:覺得|認為|諗|相信|估|睇)|個人(?:覺得|認為)|或者|可能|應該係|似乎)"
)
_QUESTION_ZH_RE = re.compile(
    r"(?:[嗎呢咩未嘛吖麼]|係咪|有冇|會唔會|點樣|點算|點解|幾時|邊個|邊度|乜嘢|咩嘢)[\s？?]*$"
)
_LEADING_EN_RE = re.compile(
    r"^(?:(?:so|and|but|ok|okay|right|well|then|alright|all right|good|fine|great|now|yes|yeah|yep|sure|also|"
    r"thanks|thank you|in that case|and then|finally|lastly|firstly|secondly|next|perfect|excellent|lovely|"
    r"oh|look|listen|anyway|actually|in addition|as well|besides|moreover|similarly|likewise|one more thing|"
    r"otherwise|meanwhile|in the meantime|for now|for that|on that|on this|on (?:the|that|this) point|"
    r"(?:so,? )?(?:just )?to (?:recap|sum up|summari[sz]e|confirm|be clear)|in summary|recap|summary|"
    r"to wrap up|wrapping up|in short)\b[\s,.:;-]*)+",
    re.I,
)
_LEADING_ZH_RE = re.compile(
    r"^(?:(?:(?:好|呢|係|行|得|嗯|唔)(?=[\s，,、.。:：!！])|咁|噉|OK|ok|Okay|okay|另外|然後|跟住|即係|所以|就|那麼|那|"
    r"好啦|好的|嗱|喂|啊|哦|噢|總之|最後|同埋|還有|仲有|此外|至於|關於|對於|咁樣|咁呢|而家|現在|首先|第一|第二|"
    r"跟著|接著|OK啦|明白|收到|冇問題|沒問題|好嘅|(?:recap|總結|重申|summary|sum up)\s*(?:一下|下)?)[\s，,、.。:：]*)+",
    re.I,
)


def _strip_lead(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _LEADING_EN_RE.sub("", text).strip()
        text = _LEADING_ZH_RE.sub("", text).strip()
    return text


def _is_decline(sentence: str) -> bool:
    text = _strip_lead(sentence) if not re.match(r"^(?:no|nope)\b", sentence, re.I) else sentence
    if _DECLINE_EN_RE.match(text):
        return not re.search(r"\b(?:but|instead)\b.*\b(?:i'll|i will|we'll|will)\b", text, re.I)
    if text.rstrip().endswith(("?", "？")):
        return False
    if _has_han(text) and _DECLINE_ZH_RE.search(text) and len(_HAN_RE.findall(text)) <= 14:
        return not re.search(r"我(?:會|嚟|跟)|你(?:就|再)", text)
    return False
