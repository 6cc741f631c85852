"""Engines run the per-document pipeline over many documents, behind one interface
(:mod:`newsgraph.engines.registry`): ``local`` (this process or a pool) and ``spark`` (PySpark)."""
