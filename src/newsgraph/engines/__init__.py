"""Engines run the per-document pipeline over many documents: ``local`` (in-process or a pool)."""
