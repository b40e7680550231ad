"""REST endpoints: records."""

from ninja import Router

router = Router(tags=["Records"])
