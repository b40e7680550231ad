"""Who is acting. Pages and the API act as the signed-in user; the CLI acts as the operator unless told
to act as a named user (``--user``)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Operator:
    """The person at the server's shell: full access, as they could read the database anyway."""

    username: str = "operator"
    pk: None = None
    department_id: None = None
    department: None = None
    is_authenticated: bool = True
    is_platform_admin: bool = True
    can_manage_knowledge: bool = True


OPERATOR = Operator()


def actor_label(actor) -> str:
    return getattr(actor, "username", "") or "anonymous"


def actor_user(actor):
    """The User row behind an actor, or None for the operator and anonymous visitors."""
    return actor if getattr(actor, "pk", None) else None
