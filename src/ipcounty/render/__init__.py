"""Turning results into what people and programs read: terminal views, CSV, JSON, Markdown."""
