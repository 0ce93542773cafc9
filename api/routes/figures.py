"""GET /v1/figures/{symbol} — placeholder until the figures package lands."""
from fastapi import APIRouter

router = APIRouter(prefix="/v1", tags=["figures"])
