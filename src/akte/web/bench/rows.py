"""Rows of one table written in bulk for `akte bench web` (`executemany`, COPY on
PostgreSQL), with the ids given here so that other tables' rows can point at them."""

from __future__ import annotations


class Rows:
    """Rows of one table, written with `executemany` (the ORM's bulk_create spends most of
    its time building model instances): ids are given here, counting up from the table's
    current maximum, so that rows of other tables can point at them. Columns the filler does
    not name get the field's default."""

    def __init__(self, model, fields: list[str]):
        from django.db import connection

        self.model, self.fields = model, fields
        meta = model._meta
        quote = connection.ops.quote_name
        given = {meta.get_field(f).column for f in fields}
        # every other column gets the model's default (new fields need no change here)
        rest = [f for f in meta.concrete_fields if not f.primary_key and f.column not in given]
        self.defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
        columns = ["id", *(meta.get_field(f).column for f in fields), *(f.column for f in rest)]
        marks = ", ".join(["%s"] * len(columns))
        names = ", ".join(map(quote, columns))  # from the models' meta; values are parameters
        self.sql = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608
        self.copy = f"COPY {quote(meta.db_table)} ({names}) FROM STDIN"
        self.adapt = [_adapter(meta.get_field(f), connection) for f in fields]
        self.next_id = (model.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        self.rows: list[tuple] = []

    def add(self, *values) -> int:
        row_id = self.next_id
        self.next_id += 1
        given = (a(v) for a, v in zip(self.adapt, values, strict=True))
        self.rows.append((row_id, *given, *self.defaults))
        return row_id

    def write(self) -> int:
        from django.db import connection

        written = len(self.rows)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":  # COPY: several times faster than INSERTs
                with cursor.cursor.copy(self.copy) as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                for first in range(0, written, 5_000):
                    cursor.executemany(self.sql, self.rows[first : first + 5_000])
        self.rows = []
        return written


def _adapter(field, connection):
    from django.db import models

    from akte.web.cases.fields import PartialDateField

    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.TimeField):
        return ops.adapt_timefield_value
    if isinstance(field, PartialDateField):
        return field.get_prep_value
    return _same  # text, numbers, booleans and ids go in as they are


def _same(value):
    return value
