"""Named dependencies that handlers take and tests override.

Reads take :data:`ReaderDep`: the store as the caller is cleared to see it
(no ``Authorization`` header: TLP:CLEAR; a valid key: its clearance; an
invalid key: 401). Writes take :data:`StoreDep` and :data:`WriterDep`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from graph import Store
from graph.access import ClearedStore
from graph.keys import Caller, KeyRing

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


ANONYMOUS = Caller("", "TLP:CLEAR")


def get_caller(request: Request,
               credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Caller:
    """Who reads: anonymous (TLP:CLEAR) without a key, the key's clearance with a valid one; 401 otherwise."""
    if credentials is None:
        return ANONYMOUS
    keys: KeyRing | None = request.app.state.keys
    caller = keys.identify(credentials.credentials) if keys is not None else None
    if caller is None:
        raise Unauthorized("the API key is not valid (unknown or revoked); send no Authorization header to read "
                           "what is marked TLP:CLEAR")
    return caller


CallerDep = Annotated[Caller, Depends(get_caller)]


def get_reader(request: Request, caller: CallerDep) -> ClearedStore:
    """The store as the caller is cleared to see it: every read route takes this, never the store."""
    return request.app.state.store.cleared(caller.clearance)


ReaderDep = Annotated[ClearedStore, Depends(get_reader)]


def require_key(request: Request,
                credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Caller:
    """The caller's API key (name and clearance); 401 without a valid one, 403 when no key is configured."""
    keys: KeyRing | None = request.app.state.keys
    if request.app.state.settings.read_only:
        raise Forbidden("writes are disabled on this server: it runs read-only (INTELGRAPH_READ_ONLY)")
    if keys is None or not keys.configured():
        raise Forbidden("writes are disabled on this server: no API key is configured "
                        "(make one with `intelgraph keys add NAME` and set INTELGRAPH_KEYS_FILE)")
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("this endpoint writes to the store and needs an API key: "
                           "send 'Authorization: Bearer KEY'")
    caller = keys.identify(credentials.credentials)
    if caller is None:
        raise Unauthorized("the API key is not valid (unknown or revoked)")
    return caller


WriterDep = Annotated[Caller, Depends(require_key)]
