"""Engines run the per-document pipeline over many documents: ``local`` (process pool), ``spark``."""
