"""The plan: its typed model and the loader that checks a YAML file."""

from ipcounty.plan.loader import LoadResult, load_plan, read_plan, resolve_plan_path
from ipcounty.plan.runtime import Indicator, Plan

__all__ = ["Indicator", "LoadResult", "Plan", "load_plan", "read_plan", "resolve_plan_path"]
