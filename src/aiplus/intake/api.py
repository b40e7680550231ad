"""REST endpoints: intake."""

from ninja import Router

router = Router(tags=["Intake"])
