"""The checked-plan cache: a format that cannot run code, signed so that an edit is noticed.

A checked plan is kept under ``~/.cache/ipcounty`` (``$IPCOUNTY_CACHE_DIR``) so that ``validate``
and ``report`` start without parsing YAML or importing pydantic. The cache used to be a pickle:
a file placed there ran code on the next ``report``, and an edited target was used silently.
Now an entry is

- JSON, decoded into ipcounty's own dataclasses only (named by module and class, looked up in
  ``ipcounty.*`` and nowhere else; anything else is refused): no code of the file's choosing runs;
- signed with HMAC-SHA256 under a secret key that lives beside the entries (mode 0600), and
  bound to the plan it claims to be (the key of the plan's text, path and ipcounty's code):
  a placed, copied or edited entry fails the check and the plan is parsed again;
- used only from a folder the user owns and nobody else can write (as ssh treats ~/.ssh).

Any problem only means parsing the plan again: the cache never decides anything.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import hmac
import json
import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from ipcounty.bulk import paused_gc

_KEY_FILE = "key"
_KEY_BYTES = 32


class _Refused(Exception):
    """The entry holds something that is not ipcounty's own plain data."""


def _owned_and_private(st: os.stat_result, mask: int) -> bool:
    if not hasattr(os, "getuid"):  # Windows: the user profile's ACLs protect it
        return True
    return st.st_uid == os.getuid() and not st.st_mode & mask


def _secret(folder: Path, create: bool) -> bytes | None:
    """The folder's signing key (made on first use); None when the folder or key is not safe."""
    try:
        if not _owned_and_private(os.stat(folder), 0o022):
            return None
        path = folder / _KEY_FILE
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            if not create:
                return None
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(os.urandom(_KEY_BYTES))
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as fh:
            if not _owned_and_private(os.fstat(fh.fileno()), 0o077):
                return None
            key = fh.read(_KEY_BYTES + 1)
    except OSError:
        return None
    return key if len(key) == _KEY_BYTES else None


def _mac(secret: bytes, key: str, body: bytes) -> str:
    return hmac.new(secret, key.encode("ascii") + b"\n" + body, hashlib.sha256).hexdigest()


def load(folder: Path, key: str) -> Any | None:
    """The object cached for ``key``, or None (missing, not signed by us, edited, not ours)."""
    secret = _secret(folder, create=False)
    if secret is None:
        return None
    try:
        with (folder / f"plan-{key}.json").open("rb") as fh:
            if not _owned_and_private(os.fstat(fh.fileno()), 0o022):
                return None
            raw = fh.read()
        mac, _, body = raw.partition(b"\n")
        if not hmac.compare_digest(mac.decode("ascii", "replace"), _mac(secret, key, body)):
            return None
        with paused_gc():  # a large plan is a hundred thousand objects and no cycles (see ipcounty.bulk)
            data = _loads(body)
        if data.get("key") != key:
            return None
        value = data["value"]
        return None if isinstance(value, _Fields) else value
    except (OSError, ValueError, KeyError, TypeError, _Refused, RecursionError):
        return None


def store(folder: Path, key: str, value: Any) -> None:
    """Keep ``value`` for ``key``; silently nothing when it cannot be written or encoded."""
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        secret = _secret(folder, create=True)
        if secret is None:
            return
        body = json.dumps({"key": key, "value": _encode(value)}, ensure_ascii=False).encode("utf-8")
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".plan-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(_mac(secret, key, body).encode("ascii") + b"\n" + body)
        os.replace(tmp, folder / f"plan-{key}.json")
    except (OSError, TypeError, ValueError, _Refused, RecursionError):
        return  # a read-only home, a full disk, an unexpected type: ipcounty works without it


# ---- the format: JSON with tagged containers and ipcounty's dataclasses ----------------------


def _name_of(cls: type) -> str:
    module = cls.__module__
    if not (module == "ipcounty" or module.startswith("ipcounty.")):
        raise _Refused(f"{module}.{cls.__qualname__}")
    return f"{module}:{cls.__qualname__}"


def _encode(o: Any) -> Any:
    if o is None or isinstance(o, (bool, int, float, str)):
        return o
    if isinstance(o, enum.Enum):
        return {"$e": _name_of(type(o)), "v": _encode(o.value)}
    if isinstance(o, Decimal):
        return {"$dec": str(o)}
    if isinstance(o, dt.datetime):
        return {"$dt": o.isoformat()}
    if isinstance(o, dt.date):
        return {"$date": o.isoformat()}
    if isinstance(o, list):
        return [_encode(v) for v in o]
    if isinstance(o, tuple):
        if type(o) is not tuple:  # a NamedTuple of ours (a period, a quarter)
            return {"$nt": _name_of(type(o)), "v": [_encode(v) for v in o]}
        return {"$t": [_encode(v) for v in o]}
    if isinstance(o, (set, frozenset)):
        return {"$fs" if isinstance(o, frozenset) else "$s": [_encode(v) for v in o]}
    if isinstance(o, dict):
        return {"$d": [[_encode_key(k), _encode(v)] for k, v in o.items()]}
    if dataclasses.is_dataclass(o) and not isinstance(o, type):
        fields = {f.name: _encode(getattr(o, f.name)) for f in dataclasses.fields(o)}
        return {"$c": _name_of(type(o)), "f": fields}
    raise _Refused(type(o).__name__)


def _encode_key(k: Any) -> Any:
    """A dict's key; a plain tuple (the plan's targets are keyed by code, unit and year) as a
    plain list, which can only be a tuple there (a list is no key): decoding 70,000 of them as
    tagged objects took a third of loading a 10,000-unit plan."""
    if type(k) is tuple:
        return [_encode(v) for v in k]
    return _encode(k)


def _class(name: Any) -> type:
    """One of ipcounty's own dataclasses or enums, by ``module:Class``; nothing else."""
    if not isinstance(name, str):
        raise _Refused(str(name))
    cls = _classes.get(name)
    if cls is None:
        cls = _classes[name] = _find_class(name)
    return cls


_classes: dict[str, type] = {}


def _find_class(name: str) -> type:
    if ":" not in name:
        raise _Refused(str(name))
    module_name, _, qualname = name.partition(":")
    if not (module_name == "ipcounty" or module_name.startswith("ipcounty.")):
        raise _Refused(name)
    module = sys.modules.get(module_name)
    if module is None:
        import importlib

        if importlib.util.find_spec(module_name) is None:  # type: ignore[attr-defined]
            raise _Refused(name)
        module = importlib.import_module(module_name)
    cls = getattr(module, qualname, None) if "." not in qualname else None
    named_tuple = isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields")
    if not isinstance(cls, type) or not (dataclasses.is_dataclass(cls) or issubclass(cls, enum.Enum) or named_tuple):
        raise _Refused(name)
    return cls


class _Fields:
    """A JSON object that is not a tagged value: a dataclass's fields (or the entry itself).
    Only ``$c`` (and :func:`load`) take one; it is never a class, a dict of the plan, or code."""

    __slots__ = ("items",)

    def __init__(self, items: dict[str, Any]) -> None:
        self.items = items


def _fields_of(cls: type) -> tuple[frozenset[str], frozenset[str]]:
    """A dataclass's field names: those its ``__init__`` takes, and all."""
    known = _field_names.get(cls)
    if known is None:
        every = dataclasses.fields(cls)
        known = _field_names[cls] = (frozenset(f.name for f in every if f.init), frozenset(f.name for f in every))
    return known


_field_names: dict[type, tuple[frozenset[str], frozenset[str]]] = {}


def _dataclass(name: Any, fields: Any) -> Any:
    cls = _class(name)
    if not dataclasses.is_dataclass(cls) or not isinstance(fields, _Fields):
        raise _Refused(str(name))
    values = fields.items
    init, every = _fields_of(cls)
    if not every.issuperset(values):
        raise _Refused("unknown field")
    obj = cls(**{k: v for k, v in values.items() if k in init})
    for k, v in values.items():
        if k not in init:
            object.__setattr__(obj, k, v)
    return obj


def _named_tuple(name: Any, values: Any) -> Any:
    return _class(name)(*values)


def _enum(name: Any, value: Any) -> Any:
    cls = _class(name)
    if not issubclass(cls, enum.Enum):
        raise _Refused(str(name))
    return cls(value)


# A tagged value of one key: what its tag makes of the (already decoded) value.
_ONE_KEY: dict[str, Any] = {
    "$t": tuple,
    "$d": lambda pairs: {tuple(k) if type(k) is list else k: v for k, v in pairs},  # see _encode_key
    "$s": lambda values: {_hashable(v) for v in values},
    "$fs": lambda values: frozenset(_hashable(v) for v in values),
    "$dec": lambda text: Decimal(str(text)),
    "$date": dt.date.fromisoformat,
    "$dt": dt.datetime.fromisoformat,
}
# … and of two: the tag, the key of its contents, what it makes of the two.
_TWO_KEYS: dict[str, tuple[str, Any]] = {"$c": ("f", _dataclass), "$nt": ("v", _named_tuple), "$e": ("v", _enum)}


def _tagged(o: dict[str, Any]) -> Any:
    """One JSON object, its contents decoded already (``json.loads``' object hook: innermost first)."""
    if len(o) == 1:
        ((tag, value),) = o.items()
        make = _ONE_KEY.get(tag)
        if make is not None:
            return make(value)
    elif len(o) == 2:
        for tag, (contents, make) in _TWO_KEYS.items():
            if tag in o and contents in o:
                return make(o[tag], o[contents])
    if any(k.startswith("$") for k in o):
        raise _Refused("tag")
    return _Fields(o)


def _loads(body: bytes) -> Any:
    """An entry's JSON decoded into ipcounty's values in one pass of the C parser (each object
    decoded as it closes, so a 10,000-unit plan's 70,000 targets cost no recursion of ours)."""
    data = json.loads(body, object_hook=_tagged)
    if not isinstance(data, _Fields):
        raise _Refused("shape")
    return data.items


def _decode(o: Any) -> Any:
    """A value parsed as plain JSON, decoded as :func:`load` decodes an entry."""
    if isinstance(o, list):
        return [_decode(v) for v in o]
    if isinstance(o, dict):
        return _tagged({k: _decode(v) for k, v in o.items()})
    return o


def _hashable(v: Any) -> Any:
    if isinstance(v, list):
        return tuple(_hashable(x) for x in v)
    return v
