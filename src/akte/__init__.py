"""Akte: an open casework platform for asylum procedures."""

__version__ = "0.1.0"
