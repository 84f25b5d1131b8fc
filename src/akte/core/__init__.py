"""Shared value types used by every module (no Django)."""
