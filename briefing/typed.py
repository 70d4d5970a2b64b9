"""Build dataclasses from parsed JSON/TOML, checking types and naming the bad field by its path.

Shared by the summary model (JSON) and templates (TOML) so both report errors the same way:
``sections[3].highlights[0].label: expected a string``.
"""

from __future__ import annotations

import types
from dataclasses import MISSING, fields
from typing import Any, Union, get_args, get_origin, get_type_hints

from .errors import BriefingError

_TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}


def describe(tp: Any) -> str:
    if tp in _TYPE_NAMES:
        return _TYPE_NAMES[tp]
    origin = get_origin(tp)
    if origin is list:
        return "a list"
    if origin in (Union, types.UnionType):
        return " or ".join("null" if a is type(None) else describe(a) for a in get_args(tp))
    return "a table" if isinstance(tp, type) else str(tp)


def convert(tp: Any, value: Any, path: str, error: type[BriefingError], strict_keys: bool = False) -> Any:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = get_args(tp)
        if value is None and type(None) in args:
            return None
        for a in args:
            if a is type(None):
                continue
            try:
                return convert(a, value, path, error, strict_keys)
            except error:
                continue
        raise error(f"expected {describe(tp)}", path=path)
    if origin is list:
        (item,) = get_args(tp)
        if not isinstance(value, list):
            raise error("expected a list", path=path)
        return [convert(item, v, f"{path}[{i}]", error, strict_keys) for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise error("expected a table", path=path)
        _, vt = get_args(tp)
        return {str(k): convert(vt, v, f"{path}.{k}", error, strict_keys) for k, v in value.items()}
    if tp is str:
        if not isinstance(value, str):
            raise error("expected a string", path=path)
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise error("expected true or false", path=path)
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise error("expected an integer", path=path)
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise error("expected a number", path=path)
        return value
    if isinstance(tp, type) and hasattr(tp, "__dataclass_fields__"):
        return build(tp, value, path, error, strict_keys)
    raise error(f"cannot read type {tp}", path=path)  # pragma: no cover


def build(cls: Any, data: Any, path: str, error: type[BriefingError], strict_keys: bool = False) -> Any:
    """``cls(**data)`` with every field checked; missing fields take their defaults."""
    if not isinstance(data, dict):
        raise error("expected a table" if strict_keys else "expected an object", path=path or "$")
    hints = get_type_hints(cls)
    names = {f.name for f in fields(cls)}
    if strict_keys:
        for k in data:
            if k not in names:
                raise error(f"unknown key (known: {', '.join(sorted(names))})", path=f"{path}.{k}" if path else k)
    kwargs = {}
    for f in fields(cls):
        sub = f"{path}.{f.name}" if path else f.name
        if f.name not in data:
            if f.default is MISSING and f.default_factory is MISSING:
                raise error("missing field", path=sub)
            continue
        kwargs[f.name] = convert(hints[f.name], data[f.name], sub, error, strict_keys)
    return cls(**kwargs)
