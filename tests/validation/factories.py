"""Small document builders for the validation tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

Write = Callable[[str, Any], Path]


def openapi(version: str = "3.1.0", **sections: Any) -> dict[str, Any]:
    """A minimal valid OpenAPI document with extra top-level sections."""
    return {"openapi": version, "info": {"title": "t", "version": "1"}, "paths": {}, **sections}


def one_response(media: dict[str, Any], version: str = "3.1.0", **sections: Any) -> dict[str, Any]:
    """An OpenAPI document with `GET /x` answering 200 with one application/json media type."""
    response = {"description": "ok", "content": {"application/json": media}}
    return openapi(version, paths={"/x": {"get": {"responses": {"200": response}}}}, **sections)


MEDIA = "/paths/~1x/get/responses/200/content/application~1json"
