"""An evaluation of the person search on real name variants (not on `akte.synth`).

`names`: the real name table (Wikidata name items, as shipped in the `rigour` package) and
how it was extracted; `dataset`: records and queries built from it, split into a development
and a held-out part by hash; `measure`: Akte and the two baselines (rapidfuzz brute force,
Splink) on the same queries, recall with 95 % Wilson intervals. See docs/matching.md.
"""
