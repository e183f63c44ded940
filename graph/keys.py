"""API keys, kept hashed in a JSON key file: who may write, and what each reader is cleared to see.

The file named by ``INTELGRAPH_KEYS_FILE`` holds, per key, its name, a random
salt, the scrypt hash of the key, its clearance (a TLP marking, ``TLP:CLEAR``
unless given: ``intelgraph keys add NAME --clearance TLP:AMBER``) and when it
was created; the key itself is
shown once, when it is made (``intelgraph keys add NAME``), and never stored.
A key is ``igk_`` followed by 43 URL-safe characters (32 random bytes), so it
is recognisable in logs and secret scanners. Keys are checked with
:func:`hmac.compare_digest`.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "keys.json"
>>> ring = KeyRing(path)
>>> key = ring.add("ci")
>>> ring.verify(key), ring.verify("igk_wrong")
('ci', None)
>>> [(k["name"], k["clearance"]) for k in ring.list()]
[('ci', 'TLP:CLEAR')]
>>> ring.identify(ring.add("analyst", clearance="amber"))
Caller(name='analyst', clearance='TLP:AMBER')
>>> ring.revoke("ci"); ring.verify(key) is None
True
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from .errors import IntelgraphError, NotFoundError
from .model import MARKINGS

KEYS_ENV = "INTELGRAPH_KEYS_FILE"
PREFIX = "igk_"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")
# scrypt cost: ~20 ms per check on a laptop; the keys are 256-bit random, so this
# guards the file against offline guessing far beyond what their entropy needs.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


class KeyFileError(IntelgraphError):
    """A key name is invalid or already taken, or the key file is unreadable."""


class Caller(NamedTuple):
    """Who a valid key belongs to and what it is cleared to read."""

    name: str
    clearance: str


def _clearance(value: object) -> str:
    marking = str(value or "TLP:CLEAR").strip().upper()
    marking = marking if marking.startswith("TLP:") else "TLP:" + marking
    if marking not in MARKINGS:
        raise KeyFileError(f"unknown clearance {value!r}; choose one of: {', '.join(MARKINGS)}")
    return marking


def _hash(key: str, salt: bytes) -> str:
    return hashlib.scrypt(key.encode("utf-8"), salt=salt, maxmem=64 * 1024 * 1024, **_SCRYPT).hex()


def keys_file_from_env() -> Path | None:
    value = os.environ.get(KEYS_ENV)
    return Path(value).expanduser() if value else None


class KeyRing:
    """The key file: add, list, revoke and verify keys.

    Verification caches a successful check by a fast digest of the key, and
    drops the cache whenever the file changes (a revoked key stops working at
    the next request).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        self._lock = threading.Lock()
        self._cache: dict[str, Caller] = {}
        self._stamp: tuple[int, int] | None = None
        self._entries: list[dict] = []

    # -- file ----------------------------------------------------------------
    def _read(self) -> list[dict]:
        if not self.path.exists():
            return []
        try:
            data = json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except (OSError, json.JSONDecodeError) as err:
            raise KeyFileError(f"{self.path}: unreadable key file: {err}") from None
        entries = data.get("keys", []) if isinstance(data, dict) else []
        if not isinstance(entries, list):
            raise KeyFileError(f"{self.path}: 'keys' must be a list")
        return entries

    def _write(self, entries: list[dict]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".keys-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"keys": entries}, fh, indent=1)
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _current(self) -> list[dict]:
        try:
            st = self.path.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            stamp = None
        if stamp != self._stamp:
            self._entries = self._read() if stamp else []
            self._stamp = stamp
            self._cache.clear()
        return self._entries

    # -- management ----------------------------------------------------------
    def add(self, name: str, clearance: str = "TLP:CLEAR") -> str:
        """Make a key called ``name``, cleared to read up to ``clearance``; returns the key (the only
        time it is seen)."""
        clearance = _clearance(clearance)
        if not _NAME.match(name or ""):
            raise KeyFileError(f"invalid key name {name!r}: use 1-64 letters, digits, '_', '-', '.', '@'")
        with self._lock:
            entries = self._read()
            if any(e.get("name") == name for e in entries):
                raise KeyFileError(f"a key named {name!r} already exists; revoke it first or pick another name")
            key = PREFIX + secrets.token_urlsafe(32)
            salt = secrets.token_bytes(16)
            entries.append({"name": name, "salt": salt.hex(), "scrypt": _hash(key, salt), "clearance": clearance,
                            "created": datetime.now(timezone.utc).isoformat(timespec="seconds")})
            self._write(entries)
            self._stamp = None
        return key

    def list(self) -> list[dict]:
        """Name, clearance and creation time of each key (never the hashes)."""
        return [{"name": e.get("name"), "clearance": e.get("clearance") or "TLP:CLEAR", "created": e.get("created")}
                for e in self._read()]

    def revoke(self, name: str) -> None:
        with self._lock:
            entries = self._read()
            kept = [e for e in entries if e.get("name") != name]
            if len(kept) == len(entries):
                raise NotFoundError(f"no key named {name!r} in {self.path}",
                                    suggestions=[str(e.get("name")) for e in entries])
            self._write(kept)
            self._stamp = None

    # -- checking ------------------------------------------------------------
    def configured(self) -> bool:
        """True when at least one key exists (otherwise every write is refused)."""
        with self._lock:
            return bool(self._current())

    def verify(self, key: str | None) -> str | None:
        """The name of the key, or None when it matches none."""
        caller = self.identify(key)
        return caller.name if caller else None

    def identify(self, key: str | None) -> Caller | None:
        """The key's name and clearance, or None when it matches none."""
        if not key or not key.startswith(PREFIX) or len(key) > 200:
            return None
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        with self._lock:
            entries = self._current()
            if digest in self._cache:
                return self._cache[digest]
        for entry in entries:
            try:
                expected = str(entry["scrypt"])
                candidate = _hash(key, bytes.fromhex(str(entry["salt"])))
            except (KeyError, ValueError):
                continue
            if hmac.compare_digest(candidate, expected):
                try:
                    caller = Caller(str(entry.get("name")), _clearance(entry.get("clearance")))
                except KeyFileError:  # a hand-edited, unknown clearance reads nothing above CLEAR
                    caller = Caller(str(entry.get("name")), "TLP:CLEAR")
                with self._lock:
                    self._cache[digest] = caller
                return caller
        return None
