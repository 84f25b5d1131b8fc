"""The key hierarchy: master key, per-person data keys, per-object keys (plain Python, cryptography)."""
