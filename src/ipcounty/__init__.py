"""ipcounty: progress against a county's intellectual-property plan, from township returns."""

__version__ = "0.1.0"
