"""Named dependencies that handlers take and tests override."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from graph import Store
from graph.keys import KeyRing

from .errors import Forbidden, Unauthorized
from .settings import Settings


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_runner(request: Request):
    return request.app.state.runner


def get_keys(request: Request) -> KeyRing | None:
    return request.app.state.keys


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
RunnerDep = Annotated[object, Depends(get_runner)]

_bearer = HTTPBearer(auto_error=False, description="An API key made with `intelgraph keys add NAME`.")


def require_key(request: Request,
                credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    """The name of the caller's API key; 401 without a valid one, 403 when no key is configured."""
    keys: KeyRing | None = request.app.state.keys
    if keys is None or not keys.configured():
        raise Forbidden("writes are disabled on this server: no API key is configured "
                        "(make one with `intelgraph keys add NAME` and set INTELGRAPH_KEYS_FILE)")
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("this endpoint writes to the store and needs an API key: "
                           "send 'Authorization: Bearer KEY'")
    name = keys.verify(credentials.credentials)
    if name is None:
        raise Unauthorized("the API key is not valid (unknown or revoked)")
    return name


WriterDep = Annotated[str, Depends(require_key)]
