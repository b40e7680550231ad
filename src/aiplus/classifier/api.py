"""REST endpoints: document classifier."""

from ninja import Router

router = Router(tags=["Document classifier"])
