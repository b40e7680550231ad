from ninja import Schema


class BotOut(Schema):
    slug: str
    name: str
    greeting: str
    language: str


class BotAskIn(Schema):
    question: str
    conversation: str


class BotCitationOut(Schema):
    source_id: str
    title: str
    collection: str
    quote: str


class BotReplyOut(Schema):
    exchange: int
    answer: str
    answered: bool
    confidence: float
    engine: str
    citations: list[BotCitationOut]
    speech_language: str
    offer_person: bool
