"""REST endpoints: workflows."""

from ninja import Router

router = Router(tags=["Workflows"])
