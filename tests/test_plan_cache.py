"""The checked-plan cache never runs code and is checked against the plan it claims to be (issue 17, 13)."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from ipcounty.plan.loader import _cache_key, parse_plan, read_plan
from tests.conftest import PLAN_PATH, ROOT


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("IPCOUNTY_CACHE_DIR", str(folder))
    return folder


def _plan_copy(tmp_path: Path) -> Path:
    path = tmp_path / "targets.yaml"
    path.write_bytes(PLAN_PATH.read_bytes())
    return path


class _Boom:
    """Unpickling this writes a file: the proof that a cache entry ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_never_runs(cache: Path, tmp_path: Path) -> None:
    path = _plan_copy(tmp_path)
    key = _cache_key(str(path), path.read_text(encoding="utf-8"))
    marker = tmp_path / "ran"
    cache.mkdir(mode=0o700)
    payload = pickle.dumps(_Boom(marker))
    for name in (f"plan-{key}.pickle", f"plan-{key}.json"):
        (cache / name).write_bytes(payload)
    result = read_plan(path)
    assert result.plan is not None and not marker.exists()


def test_a_cached_entry_edited_by_hand_is_not_used(cache: Path, tmp_path: Path) -> None:
    """Someone changes 税郭镇's 2025 B1 target from 15 to 99 in the cache: it is noticed (the
    signature no longer matches) and the plan's own 15 is used."""
    path = _plan_copy(tmp_path)
    first = read_plan(path)
    assert first.plan is not None and first.plan.target("B1", "税郭镇", 2025) == 15
    [entry] = cache.glob("plan-*.json")
    mac, _, body = entry.read_bytes().partition(b"\n")
    data = json.loads(body)
    pairs = data["value"]["f"]["plan"]["f"]["targets"]["$d"]
    hit = next(p for p in pairs if p[0] == ["B1", "税郭镇", 2025])  # a target's key: code, unit, year
    hit[1] = 99.0
    entry.write_bytes(mac + b"\n" + json.dumps(data, ensure_ascii=False).encode())
    again = read_plan(path)
    assert again.plan is not None and again.plan.target("B1", "税郭镇", 2025) == 15


def test_an_entry_copied_from_another_plan_is_not_used(cache: Path, tmp_path: Path) -> None:
    """A valid entry renamed to claim another plan's key: bound to its own key, it is refused,
    the other plan is parsed and its own entry written."""
    path = _plan_copy(tmp_path)
    read_plan(path)
    [entry] = cache.glob("plan-*.json")
    other = tmp_path / "other.yaml"
    other.write_text(path.read_text(encoding="utf-8") + "# another plan\n", encoding="utf-8")
    key = _cache_key(str(other), other.read_text(encoding="utf-8"))
    claimed = cache / f"plan-{key}.json"
    entry.rename(claimed)
    from ipcounty.plan import cache as plan_cache

    assert plan_cache.load(cache, key) is None
    assert read_plan(other).plan is not None
    assert json.loads(claimed.read_bytes().partition(b"\n")[2])["key"] == key  # rewritten for itself


def test_a_cache_folder_others_can_write_is_not_trusted(cache: Path, tmp_path: Path) -> None:
    path = _plan_copy(tmp_path)
    read_plan(path)
    cache.chmod(0o777)
    from ipcounty.plan import cache as plan_cache

    key = _cache_key(str(path), path.read_text(encoding="utf-8"))
    assert plan_cache.load(cache, key) is None
    cache.chmod(0o700)
    assert plan_cache.load(cache, key) is not None


EVERY_PLAN = [
    PLAN_PATH,
    ROOT / "tests" / "data" / "other_plan.yaml",
    *sorted((ROOT / "examples" / "plans").glob("*/targets.yaml")),
]


@pytest.mark.parametrize("source", EVERY_PLAN, ids=[p.parent.name + "/" + p.name for p in EVERY_PLAN])
def test_the_cache_gives_back_exactly_what_was_checked(source: Path, cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    path.write_bytes(source.read_bytes())
    parsed = parse_plan(path.read_text(encoding="utf-8"), str(path))
    assert parsed.plan is not None
    read_plan(path)  # writes the entry
    assert list(cache.glob("plan-*.json")) and not list(cache.glob("*.pickle"))
    cached = read_plan(path)  # reads it
    assert cached.plan == parsed.plan and cached.findings == parsed.findings
    # Equal is not enough (a NamedTuple equals a plain tuple): the types, all the way down, too.
    from ipcounty.plan.cache import _encode

    assert _encode(cached) == _encode(parsed)


def test_only_ipcounty_classes_are_ever_made() -> None:
    from ipcounty.plan import cache as plan_cache

    with pytest.raises(plan_cache._Refused):
        plan_cache._decode({"$c": "subprocess:Popen", "f": {"args": "touch /tmp/x"}})
    with pytest.raises(plan_cache._Refused):
        plan_cache._decode({"$c": "ipcounty.cli:app", "f": {}})  # not a dataclass
    with pytest.raises(plan_cache._Refused):
        plan_cache._encode(object())
