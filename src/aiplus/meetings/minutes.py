"""What minutes are made of, whichever engine wrote them: attendees, a whole-meeting summary, discussion
per item, decisions and action items. Every point, decision and action carries ``evidence``: the indexes
of the transcript segments it came from, so a reader can open what was actually said."""

from dataclasses import asdict, dataclass, field


@dataclass
class Point:
    text: str
    evidence: list[int] = field(default_factory=list)


@dataclass
class Decision:
    text: str
    evidence: list[int] = field(default_factory=list)


@dataclass
class ActionItem:
    owner: str  # who will do it, as named in the meeting ("" when nobody was named)
    task: str
    due: str | None = None  # ISO date when one could be worked out, else None
    due_text: str = ""  # the deadline as said ("下星期五前", "by the end of March")
    evidence: list[int] = field(default_factory=list)


@dataclass
class Item:
    """One agenda item, or one topic found in the discussion when no agenda was given."""

    title: str
    summary: str = ""
    points: list[Point] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    segments: tuple[int, int] | None = None  # first and last segment index of its discussion


@dataclass
class Minutes:
    title: str = ""
    date: str | None = None  # ISO date of the meeting
    template: str = "general"
    language: str = "en"  # output language: "en", "zh-Hant" or "both"
    engine: str = "extractive"  # "extractive" (no model) or "generative"
    grounded: bool = True  # generative minutes whose every citation checked out
    attendees: list[str] = field(default_factory=list)
    summary: str = ""  # the whole meeting in prose
    items: list[Item] = field(default_factory=list)

    @property
    def decisions(self) -> list[Decision]:
        return [decision for item in self.items for decision in item.decisions]

    @property
    def actions(self) -> list[ActionItem]:
        return [action for item in self.items for action in item.actions]

    def as_dict(self) -> dict:
        """The JSON of the CLI contract: summary, attendees, items, decisions, actions (and the rest)."""
        data = asdict(self)
        data["decisions"] = [asdict(d) for d in self.decisions]
        data["actions"] = [asdict(a) for a in self.actions]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Minutes":
        """Minutes as stored (``as_dict``); the derived ``decisions`` and ``actions`` lists are ignored."""
        items = [
            Item(
                title=item["title"],
                summary=item.get("summary", ""),
                points=[Point(**point) for point in item.get("points", [])],
                decisions=[Decision(**decision) for decision in item.get("decisions", [])],
                actions=[ActionItem(**action) for action in item.get("actions", [])],
                segments=tuple(item["segments"]) if item.get("segments") else None,
            )
            for item in data.get("items", [])
        ]
        fields = {key: data[key] for key in cls.__dataclass_fields__ if key in data and key != "items"}
        return cls(**fields, items=items)
