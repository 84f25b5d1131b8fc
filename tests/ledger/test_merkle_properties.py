"""Property tests: proofs over random trees verify, and any change breaks them."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akte.ledger import merkle, subtrees
from akte.ledger.merkle import ProofError


def leaves_of(n: int, seed: int = 0) -> list[bytes]:
    return [merkle.leaf_hash(hashlib.sha256(f"{seed}:{i}".encode()).digest()) for i in range(n)]


def naive_root(leaves: list[bytes]) -> bytes:
    """RFC 9162 section 2.1.1 written recursively, as in the text."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1 << ((len(leaves) - 1).bit_length() - 1)
    return merkle.node_hash(naive_root(leaves[:k]), naive_root(leaves[k:]))


def stored_nodes(leaves: list[bytes]) -> dict[tuple[int, int], bytes]:
    nodes: dict[tuple[int, int], bytes] = {}
    for level, idx, h in subtrees.new_nodes(0, leaves, {}):
        nodes[(level, idx)] = h
    return nodes


sizes = st.integers(min_value=1, max_value=300)


@settings(max_examples=150, deadline=None)
@given(size=sizes, data=st.data())
def test_inclusion_roundtrip_and_tamper(size: int, data: st.DataObject) -> None:
    leaves = leaves_of(size)
    index = data.draw(st.integers(0, size - 1))
    root = merkle.root(leaves)
    assert root == naive_root(leaves)
    proof = merkle.inclusion_proof(leaves, index)
    merkle.verify_inclusion(leaves[index], index, size, proof, root)
    # the store's O(log n) plan gives the very same proof
    nodes = stored_nodes(leaves)
    assert subtrees.hashes_for(subtrees.inclusion_ranges(index, size), lambda keys: nodes) == proof
    assert subtrees.range_hash(0, size, nodes) == root
    # tampering: another index, a flipped bit, a dropped or an extra hash
    if size > 1:
        other = data.draw(st.integers(0, size - 1).filter(lambda i: i != index))
        with pytest.raises(ProofError):
            merkle.verify_inclusion(leaves[index], other, size, proof, root)
    if proof:
        pos = data.draw(st.integers(0, len(proof) - 1))
        bad = list(proof)
        bad[pos] = bytes([bad[pos][0] ^ 1]) + bad[pos][1:]
        with pytest.raises(ProofError):
            merkle.verify_inclusion(leaves[index], index, size, bad, root)
        with pytest.raises(ProofError):
            merkle.verify_inclusion(leaves[index], index, size, proof[:-1], root)
    with pytest.raises(ProofError):
        merkle.verify_inclusion(leaves[index], index, size, [*proof, root], root)


@settings(max_examples=150, deadline=None)
@given(new_size=sizes, data=st.data())
def test_consistency_roundtrip_and_tamper(new_size: int, data: st.DataObject) -> None:
    leaves = leaves_of(new_size, seed=1)
    old_size = data.draw(st.integers(0, new_size))
    old_root, new_root = merkle.root(leaves[:old_size]), merkle.root(leaves)
    proof = merkle.consistency_proof(leaves, old_size)
    merkle.verify_consistency(old_size, new_size, old_root, new_root, proof)
    nodes = stored_nodes(leaves)
    assert (
        subtrees.hashes_for(subtrees.consistency_ranges(old_size, new_size), lambda keys: nodes)
        == proof
    )
    if proof:
        pos = data.draw(st.integers(0, len(proof) - 1))
        bad = list(proof)
        bad[pos] = bytes([bad[pos][0] ^ 0x80]) + bad[pos][1:]
        with pytest.raises(ProofError):
            merkle.verify_consistency(old_size, new_size, old_root, new_root, bad)
    if 0 < old_size < new_size:
        # a forked history: same old size, one changed leaf
        forked = list(leaves)
        forked[data.draw(st.integers(0, old_size - 1))] = merkle.leaf_hash(b"forged")
        with pytest.raises(ProofError):
            merkle.verify_consistency(
                old_size, new_size, merkle.root(forked[:old_size]), new_root, proof
            )
        with pytest.raises(ProofError, match="shrank"):
            merkle.verify_consistency(new_size, old_size, new_root, old_root, proof)


@settings(max_examples=60, deadline=None)
@given(first=st.integers(0, 200), more=st.lists(st.integers(1, 50), max_size=5))
def test_incremental_nodes_match_bulk(first: int, more: list[int]) -> None:
    """Appending in batches stores exactly the perfect subtrees of the whole tree."""
    total = first + sum(more)
    leaves = leaves_of(total, seed=2)
    nodes = stored_nodes(leaves[:first])
    start = first
    for n in more:
        frontier = {k: nodes[k] for k in subtrees.perfect_keys(0, start)}
        for level, idx, h in subtrees.new_nodes(start, leaves[start : start + n], frontier):
            nodes[(level, idx)] = h
        start += n
    assert nodes == stored_nodes(leaves)


@pytest.mark.parametrize(
    "bad",
    [b"", b"\x00" * 31, b"\x00" * 33, "not bytes"],
    ids=["empty", "truncated", "padded", "str"],
)
def test_bad_hash_lengths_are_rejected_with_reason(bad: object) -> None:
    leaves = leaves_of(4)
    root = merkle.root(leaves)
    proof = merkle.inclusion_proof(leaves, 1)
    with pytest.raises(ProofError, match="bytes"):
        merkle.verify_inclusion(bad, 1, 4, proof, root)  # type: ignore[arg-type]
    with pytest.raises(ProofError, match="bytes"):
        merkle.verify_inclusion(leaves[1], 1, 4, [bad, *proof[1:]], root)  # type: ignore[list-item]
    with pytest.raises(ProofError, match="bytes"):
        merkle.verify_consistency(2, 4, bad, root, [])  # type: ignore[arg-type]


def test_bad_sizes_are_rejected_with_reason() -> None:
    leaves = leaves_of(4)
    root = merkle.root(leaves)
    with pytest.raises(ProofError, match="not below"):
        merkle.verify_inclusion(leaves[0], 4, 4, [], root)
    with pytest.raises(ProofError, match="outside"):
        merkle.verify_inclusion(leaves[0], -1, 4, [], root)
    with pytest.raises(ProofError, match="integer"):
        merkle.verify_inclusion(leaves[0], "0", 4, [], root)  # type: ignore[arg-type]
    with pytest.raises(ProofError, match="shrinks"):
        merkle.consistency_proof(leaves, 5)
    with pytest.raises(ProofError, match="outside"):
        merkle.inclusion_proof(leaves, 4)
