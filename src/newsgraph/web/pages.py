"""The page router."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home() -> str:
    return "<!doctype html><title>newsgraph</title><h1>newsgraph</h1>"
