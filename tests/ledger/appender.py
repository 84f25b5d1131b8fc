"""Helper process for the concurrency and crash tests: appends batches, acknowledges each.

usage: python appender.py DATABASE_URL PREFIX WRITER BATCHES BATCH_SIZE
Prints ``ACK <first index> <count> <leaf hashes hex,...>`` after every committed batch.
The master key comes from $AKTE_LEDGER_MASTER_KEY.
"""

from __future__ import annotations

import sys

from akte.ledger import crypto
from akte.ledger.events import StatusEvent
from akte.ledger.log import Ledger
from akte.ledger.stores import open_store


def main() -> None:
    url, prefix, writer, batches, batch_size = (
        sys.argv[1],
        sys.argv[2],
        sys.argv[3],
        int(sys.argv[4]),
        int(sys.argv[5]),
    )
    store = open_store(url, prefix)
    store.create_schema()
    ledger = Ledger(store, "akte.test/ledger", master_key=crypto.load_master_key())
    print("READY", flush=True)
    sys.stdin.readline()  # wait for "go" (the tests start several appenders at once)
    for b in range(batches):
        items = [
            (
                f"{writer}-{i % 5}",
                StatusEvent(f"{writer}-proc", f"e{b}-{i}", writer, "2026-11-23T10:00:00Z"),
            )
            for i in range(batch_size)
        ]
        receipts = ledger.append_many(items, batch_size=batch_size)
        hashes = ",".join(r.leaf_hash.hex() for r in receipts)
        print(f"ACK {receipts[0].index} {len(receipts)} {hashes}", flush=True)
    store.close()


if __name__ == "__main__":
    main()
