"""RFC 6962 / RFC 9162 section 2.1 Merkle tree hashing, proofs and their verification.

Hashes are 32-byte ``bytes``. Leaves are hashed as ``SHA-256(0x00 || data)`` and interior
nodes as ``SHA-256(0x01 || left || right)``; the root of the empty tree is ``SHA-256("")``.

The walk of RFC 9162 is written once, as the leaf ranges whose hashes make up a proof
(:func:`inclusion_ranges`, :func:`consistency_ranges`); a caller hashes the ranges from what
it has. The functions that build proofs here hash them from the full list of leaf hashes:
the reference implementation (simple, O(n)). The store hashes the same ranges from stored
subtree hashes with O(log n) reads (see :mod:`akte.ledger.subtrees`). :class:`Frontier` is
the right edge of a growing tree: the reference root, the store's appends and whole-log
verification all grow the tree with it.

Consistency from the empty tree (``old_size == 0``): the two published test-vector sets
disagree (transparency-dev rejects it, C2SP CCTV accepts an empty proof). Akte follows CCTV:
the empty tree is a prefix of every tree, so a proof from size 0 is valid if and only if it
is empty and ``old_root`` is ``SHA-256("")``. This lets a witness start from an empty log.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

__all__ = [
    "HASH_SIZE",
    "EMPTY_ROOT",
    "ProofError",
    "leaf_hash",
    "node_hash",
    "root",
    "split",
    "fold",
    "perfect_levels",
    "Frontier",
    "inclusion_ranges",
    "consistency_ranges",
    "inclusion_proof",
    "verify_inclusion",
    "consistency_proof",
    "verify_consistency",
]

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()
_MAX_SIZE = 2**63 - 1

Range = tuple[int, int]  # leaves [start, end)


class ProofError(ValueError):
    """A proof, size or hash failed verification; ``str(error)`` says why."""


def leaf_hash(data: bytes) -> bytes:
    """RFC 6962 leaf hash: SHA-256(0x00 || data)."""
    return hashlib.sha256(b"\x00" + bytes(data)).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """RFC 6962 interior node hash: SHA-256(0x01 || left || right)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def split(n: int) -> int:
    """RFC 9162's k: the largest power of two strictly smaller than n (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


def fold(subtrees: Sequence[bytes]) -> bytes:
    """The hash of consecutive perfect subtrees, left to right, as one range: each is the
    right child of the node its left neighbour starts (SHA-256("") for none)."""
    if not subtrees:
        return EMPTY_ROOT
    h = subtrees[-1]
    for left in reversed(subtrees[:-1]):
        h = node_hash(left, h)
    return h


def perfect_levels(size: int) -> list[int]:
    """The levels of the perfect subtrees that make up leaves [0, size), left to right."""
    return [level for level in range(size.bit_length() - 1, -1, -1) if size >> level & 1]


class Frontier:
    """The right edge of a growing tree: the perfect subtrees of leaves [0, size).

    ``subtrees`` are their hashes, left to right (``perfect_levels(size)`` says which). Adding
    leaves merges equal neighbours; :meth:`root` folds the edge into the tree's root.
    """

    def __init__(self, size: int = 0, subtrees: Sequence[bytes] = ()) -> None:
        levels = perfect_levels(size)
        if len(levels) != len(subtrees):
            raise ValueError(f"a tree of size {size} has {len(levels)} right-edge subtrees")
        self.size = size
        self._edge = list(zip(levels, subtrees, strict=True))

    def extend(
        self, leaves: Iterable[bytes], completed: list[tuple[int, int, bytes]] | None = None
    ) -> None:
        """Add leaf hashes in order; append each node they complete (the leaves included) to
        ``completed`` as ``(level, index, hash)``, node ``(L, k)`` covering leaves
        ``[k * 2**L, (k + 1) * 2**L)``."""
        edge, index = self._edge, self.size
        for h in leaves:
            level, k = 0, index
            if completed is not None:
                completed.append((0, k, h))
            while edge and edge[-1][0] == level:
                h = node_hash(edge.pop()[1], h)
                level, k = level + 1, k >> 1
                if completed is not None:
                    completed.append((level, k, h))
            edge.append((level, h))
            index += 1
        self.size = index

    def root(self) -> bytes:
        return fold([h for _, h in self._edge])


def _mth(leaves: Sequence[bytes], start: int, end: int) -> bytes:
    """Merkle Tree Hash of leaves[start:end] (RFC 9162 section 2.1.1), iterative."""
    frontier = Frontier()
    frontier.extend(leaves[start:end])
    return frontier.root()


def root(leaf_hashes: Sequence[bytes]) -> bytes:
    """The Merkle Tree Hash of the given leaf hashes (SHA-256 of "" for no leaves)."""
    return _mth(leaf_hashes, 0, len(leaf_hashes))


def inclusion_ranges(index: int, size: int) -> list[Range]:
    """The walk of RFC 9162 section 2.1.3.1: the leaf ranges whose hashes form
    PATH(index, D[size]), leaf to root."""
    if not 0 <= index < size:
        raise ProofError(f"leaf index {index} is outside the tree of size {size}")
    ranges: list[Range] = []
    start, end = 0, size
    while end - start > 1:
        k = split(end - start)
        if index < start + k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start += k
    ranges.reverse()
    return ranges


def consistency_ranges(old_size: int, new_size: int) -> list[Range]:
    """The walk of RFC 9162 section 2.1.4.1: the leaf ranges whose hashes form
    PROOF(old_size, D[new_size]) (none for old_size 0 or new_size)."""
    if not 0 <= old_size <= new_size:
        raise ProofError(f"old size {old_size} is outside 0..{new_size}: a log never shrinks")
    if old_size in (0, new_size):
        return []
    ranges: list[Range] = []
    m, start, end, complete = old_size, 0, new_size, True
    while m != end - start:
        k = split(end - start)
        if m <= k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            m -= k
            start += k
            complete = False
    if not complete:
        ranges.append((start, end))
    ranges.reverse()
    return ranges


def inclusion_proof(leaf_hashes: Sequence[bytes], index: int) -> list[bytes]:
    """The audit path PATH(index, D[n]) of RFC 9162 section 2.1.3.1, leaf to root."""
    ranges = inclusion_ranges(index, len(leaf_hashes))
    return [_mth(leaf_hashes, start, end) for start, end in ranges]


def consistency_proof(leaf_hashes: Sequence[bytes], old_size: int) -> list[bytes]:
    """PROOF(old_size, D[n]) of RFC 9162 section 2.1.4.1 (empty for old_size 0 or n)."""
    ranges = consistency_ranges(old_size, len(leaf_hashes))
    return [_mth(leaf_hashes, start, end) for start, end in ranges]


def _check_hash(value: object, what: str) -> bytes:
    if not isinstance(value, bytes | bytearray):
        raise ProofError(f"{what} must be bytes, got {type(value).__name__}")
    if len(value) != HASH_SIZE:
        raise ProofError(f"{what} is {len(value)} bytes, a SHA-256 hash is {HASH_SIZE} bytes")
    return bytes(value)


def _check_size(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProofError(f"{what} must be an integer, got {type(value).__name__}")
    if not 0 <= value <= _MAX_SIZE:
        raise ProofError(f"{what} {value} is outside 0..2^63-1")
    return value


def _check_proof(proof: Sequence[bytes] | None) -> list[bytes]:
    if proof is None:
        return []
    return [_check_hash(p, f"proof hash [{i}]") for i, p in enumerate(proof)]


def verify_inclusion(
    leaf_hash: bytes, index: int, tree_size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """Verify an inclusion proof (RFC 9162 section 2.1.3.2); raise ProofError if invalid."""
    leaf = _check_hash(leaf_hash, "leaf hash")
    expected = _check_hash(root, "root hash")
    index = _check_size(index, "leaf index")
    tree_size = _check_size(tree_size, "tree size")
    path = _check_proof(proof)
    if index >= tree_size:
        raise ProofError(f"leaf index {index} is not below the tree size {tree_size}")
    fn, sn, r = index, tree_size - 1, leaf
    for p in path:
        if sn == 0:
            raise ProofError(
                f"proof has {len(path)} hashes, too many for index {index} in size {tree_size}"
            )
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError(
            f"proof has {len(path)} hashes, too few for index {index} in size {tree_size}"
        )
    if r != expected:
        raise ProofError(
            f"computed root {r.hex()} does not match the expected root {expected.hex()}"
        )


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> None:
    """Verify a consistency proof (RFC 9162 section 2.1.4.2); raise ProofError if invalid."""
    old_size = _check_size(old_size, "old size")
    new_size = _check_size(new_size, "new size")
    first = _check_hash(old_root, "old root")
    second = _check_hash(new_root, "new root")
    path = _check_proof(proof)
    if new_size < old_size:
        raise ProofError(f"new size {new_size} is smaller than old size {old_size}: the log shrank")
    if old_size == 0:
        if first != EMPTY_ROOT:
            raise ProofError(
                "the root of the empty tree (size 0) must be SHA-256 of the empty string"
            )
        if path:
            raise ProofError("a consistency proof from the empty tree must be empty")
        if new_size == 0 and second != EMPTY_ROOT:
            raise ProofError(
                "the root of the empty tree (size 0) must be SHA-256 of the empty string"
            )
        return
    if old_size == new_size:
        if path:
            raise ProofError("old size equals new size, so the proof must be empty")
        if first != second:
            raise ProofError(f"same size {old_size} but different roots: the log forked")
        return
    if not path:
        raise ProofError(f"empty consistency proof for sizes {old_size} -> {new_size}")
    # RFC 9162 section 2.1.4.2: if first is an exact power of 2, prepend first_hash.
    if old_size & (old_size - 1) == 0:
        path = [first, *path]
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError(
                f"consistency proof has too many hashes for sizes {old_size} -> {new_size}"
            )
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError(f"consistency proof has too few hashes for sizes {old_size} -> {new_size}")
    if fr != first:
        raise ProofError(f"consistency proof does not lead to the old root of size {old_size}")
    if sr != second:
        raise ProofError(f"consistency proof does not lead to the new root of size {new_size}")
