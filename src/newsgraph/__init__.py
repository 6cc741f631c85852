"""newsgraph: a sourced record of who did what to whom, who said what about whom, when and where."""

__version__ = "0.1.0"
