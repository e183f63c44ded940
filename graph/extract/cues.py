"""Load the cue dictionary (``ontology/cues.yaml``) and merge user additions.

The cue words and patterns are data: the extractor reads them from YAML so a
user can add a cue phrase, a role title or a furniture pattern with
``--dictionary extra.yaml`` without touching code. Lists are appended to and
mappings merged key by key, so an extra file only has to say what it adds.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ExtractionError

CUES_FILE = "cues.yaml"


class _CueLoader(yaml.SafeLoader):
    """YAML 1.2 booleans only: cue lists hold words like "no", "on" and "y"."""


_CueLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_yaml(text: str) -> Any:
    """Parse YAML where only ``true``/``false`` are booleans.

    >>> parse_yaml("words: [no, on, y]")
    {'words': ['no', 'on', 'y']}
    """
    return yaml.load(text, Loader=_CueLoader)


def merge_cues(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Return ``base`` extended by ``extra``: lists appended, mappings merged.

    >>> merge_cues({"a": [1], "b": {"x": 1}}, {"a": [2], "b": {"y": 2}, "c": 3})
    {'a': [1, 2], 'b': {'x': 1, 'y': 2}, 'c': 3}
    """
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, list) and isinstance(value, list):
            out[key] = old + [v for v in value if v not in old]
        elif isinstance(old, dict) and isinstance(value, dict):
            out[key] = merge_cues(old, value)
        else:
            out[key] = value
    return out


def read_yaml(path: Path) -> dict[str, Any]:
    """Parse one YAML dictionary file, naming the file in any error."""
    try:
        data = parse_yaml(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ExtractionError(f"cannot read dictionary {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ExtractionError(f"dictionary {path} must be a YAML mapping, not {type(data).__name__}")
    return data


@functools.lru_cache(maxsize=1)
def default_cues() -> dict[str, Any]:
    """The packaged cue dictionary, parsed once per process."""
    text = resources.files("ontology").joinpath(CUES_FILE).read_text(encoding="utf-8")
    return parse_yaml(text) or {}


def load_cues(extra: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The packaged cues extended by each YAML file in ``extra``, in order."""
    cues = default_cues()
    for path in extra:
        cues = merge_cues(cues, read_yaml(path))
    return cues
