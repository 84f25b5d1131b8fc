"""Signed checkpoints and the witnesses' cosignatures on them."""

from __future__ import annotations

from dataclasses import dataclass

from akte.ledger.store_sql import SQLStore


@dataclass(frozen=True)
class CheckpointRow:
    size: int
    root: bytes
    note: str
    created: str


class CheckpointTables(SQLStore):
    """``checkpoints(size, root, note, created)`` and ``cosignatures(size, witness, line)``."""

    def add_checkpoint(self, size: int, root: bytes, note: str, created: str) -> CheckpointRow:
        with self._write():
            self.execute(
                self._sql(
                    "INSERT INTO {p}checkpoints (size, root, note, created) VALUES (?, ?, ?, ?) ON CONFLICT (size) DO NOTHING"
                ),
                (size, root, note, created),
            )
        found = self.checkpoint(size)
        assert found is not None
        return found

    def checkpoint(self, size: int | None = None) -> CheckpointRow | None:
        """The checkpoint at ``size``, or the latest one."""
        if size is None:
            sql, params = (
                "SELECT size, root, note, created FROM {p}checkpoints ORDER BY size DESC LIMIT 1",
                (),
            )
        else:
            sql, params = (
                "SELECT size, root, note, created FROM {p}checkpoints WHERE size = ?",
                (size,),
            )
        rows = self.execute(self._sql(sql), params)
        return (
            CheckpointRow(int(rows[0][0]), bytes(rows[0][1]), rows[0][2], rows[0][3])
            if rows
            else None
        )

    def checkpoints(self) -> list[CheckpointRow]:
        rows = self.execute(
            self._sql("SELECT size, root, note, created FROM {p}checkpoints ORDER BY size")
        )
        return [CheckpointRow(int(r[0]), bytes(r[1]), r[2], r[3]) for r in rows]

    def add_cosignature(self, size: int, witness: str, line: str) -> None:
        with self._write():
            self.execute(
                self._sql(
                    "INSERT INTO {p}cosignatures (size, witness, line) VALUES (?, ?, ?) ON CONFLICT (size, witness) DO UPDATE SET line = excluded.line"
                ),
                (size, witness, line),
            )

    def cosignatures(self, size: int) -> list[str]:
        rows = self.execute(
            self._sql("SELECT line FROM {p}cosignatures WHERE size = ? ORDER BY witness"), (size,)
        )
        return [r[0] for r in rows]
