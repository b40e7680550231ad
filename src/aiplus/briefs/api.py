"""REST endpoints: market briefs."""

from ninja import Router

router = Router(tags=["Market briefs"])
