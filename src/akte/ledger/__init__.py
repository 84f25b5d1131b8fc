"""Verifiable procedure-status log: RFC 9162 Merkle tree, checkpoints, erasure (plain Python, no Django)."""
