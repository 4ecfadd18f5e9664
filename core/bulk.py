"""Writing many rows without a model instance per row.

`rijen_invoegen(Model, rijen)` takes plain dicts (field name or attname → value)
and writes them in one go: PostgreSQL's COPY through psycopg 3, `executemany`
on other databases. Django's `bulk_create` spends most of its time building a
model instance per row and compiling a parameter list per row; here each field
is prepared once per row only when its type needs it (dates on SQLite, JSON),
and defaults that are the same for every row are prepared once.

The rows go through the same connection and transaction as the ORM, so
atomicity, constraints and row locks are what they are for any INSERT; a
constraint violation raises Django's `IntegrityError` as `bulk_create` would.
No signals are sent and no primary keys are returned.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db import connections, models
from django.utils import timezone

# Fields whose Python value is what the database driver takes as it is.
_AS_IS = (
    models.IntegerField,  # and its Small/Big/Positive variants
    models.CharField,
    models.TextField,
    models.BooleanField,
)


def _as_is(field: models.Field) -> bool:
    if field.is_relation:
        return _as_is(field.target_field)
    return isinstance(field, _AS_IS) and not isinstance(field, models.AutoField)


class _Kolom:
    """One column: where its value comes from and how it is prepared."""

    def __init__(self, field: models.Field, connection) -> None:
        self.field = field
        self.namen = (field.attname, field.name)
        self.prepare: Callable[[Any], Any] | None = (
            None
            if _as_is(field)
            else lambda waarde: field.get_db_prep_save(waarde, connection)
        )
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            standaard: Any = (
                timezone.now()
                if field.get_internal_type() == "DateTimeField"
                else timezone.localdate()
            )
        else:  # the model's default, or what Django stores without one ("" …)
            standaard = field.get_default()
        self.standaard = self._prep(standaard)
        # A default made by a callable (list, dict) is a new object per row for
        # the ORM; prepared once it is the same text for every row, which is equal.

    def _prep(self, waarde: Any) -> Any:
        if isinstance(waarde, models.Model):
            waarde = waarde.pk
        return (
            waarde if self.prepare is None or waarde is None else self.prepare(waarde)
        )

    def waarde(self, rij: Mapping[str, Any]) -> Any:
        attname, name = self.namen
        if attname in rij:
            waarde = rij[attname]
        elif name in rij:
            waarde = rij[name]
        else:
            return self.standaard
        if waarde is None:
            return None
        if isinstance(waarde, models.Model):
            return waarde.pk
        return waarde if self.prepare is None else self.prepare(waarde)


def _kolommen(model: type[models.Model], connection) -> list[_Kolom]:
    return [
        _Kolom(f, connection)
        for f in model._meta.concrete_fields
        if not (f.primary_key and isinstance(f, models.AutoField))
    ]


def rijen_invoegen(
    model: type[models.Model],
    rijen: Iterable[Mapping[str, Any]],
    *,
    using: str = "default",
) -> int:
    """INSERT `rijen` into `model`'s table in one statement; the number of rows.

    Every concrete field missing from a row takes its default (`auto_now_add`:
    now); a relation may be given as an instance or as its id (`client_id`).
    """
    connection = connections[using]
    kolommen = _kolommen(model, connection)
    waarden = [tuple(k.waarde(rij) for k in kolommen) for rij in rijen]
    if not waarden:
        return 0
    tabel = connection.ops.quote_name(model._meta.db_table)
    namen = ", ".join(connection.ops.quote_name(k.field.column) for k in kolommen)
    if connection.vendor == "postgresql":
        _copy(connection, f"COPY {tabel} ({namen}) FROM STDIN", waarden)
    else:
        plaatsen = ", ".join(["%s"] * len(kolommen))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {tabel} ({namen}) VALUES ({plaatsen})", waarden
            )
    return len(waarden)


def _copy(connection, sql: str, waarden: list[tuple]) -> None:
    """COPY … FROM STDIN through psycopg 3 on Django's own connection (so in its
    transaction), with Django's error classes and an entry in the query log."""
    start = time.monotonic()
    connection.ensure_connection()
    with (
        connection.wrap_database_errors,
        connection.connection.cursor() as cursor,
        cursor.copy(sql) as copy,
    ):
        for rij in waarden:
            copy.write_row(rij)
    if connection.queries_logged:
        connection.queries_log.append(
            {
                "sql": f"{sql} -- {len(waarden)} rows",
                "time": f"{time.monotonic() - start:.3f}",
            }
        )
