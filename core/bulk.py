"""Writing and reading many rows without a model instance per row.

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

`tabellen_analyseren(*modellen)` runs ANALYZE on the tables a bulk path filled:
PostgreSQL plans with the statistics of the last ANALYZE, and after a bulk load
without one it takes a million-row table for empty (see docs/performance.md).
Outside a transaction it runs VACUUM (ANALYZE) on PostgreSQL: that also marks the
new pages all-visible, so counts and list annotations read their indexes only
instead of every row (index-only scans).

`rijen_lezen(queryset, velden)` is the other way round: the named fields of each
row as a light record (attribute access like an instance, no model behind it).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import make_dataclass
from functools import lru_cache
from itertools import starmap
from operator import itemgetter
from typing import Any, cast

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
    if field.is_relation:  # the id of the row it points to (an instance: .pk)
        return isinstance(cast(models.ForeignKey, field).target_field, _AS_IS)
    return isinstance(field, _AS_IS) and not isinstance(field, models.AutoField)


def _prepare(field: models.Field, connection) -> Callable[[Any], Any] | None:
    """What `field.get_db_prep_save` does to a Python value, cut short for the
    common types (the same backend functions it ends in); None: nothing."""
    if _as_is(field):
        return None
    soort = field.get_internal_type()
    if soort == "DateField":
        if connection.vendor == "postgresql":
            return None  # psycopg takes a date as it is (the backend returns it)
        return connection.ops.adapt_datefield_value
    if soort == "JSONField":
        encoder = cast(models.JSONField, field).encoder
        if connection.vendor == "postgresql":  # COPY takes the JSON text
            return lambda waarde: (
                # most rows hold an empty list (no retourcodes): no encoder call
                "[]"
                if type(waarde) is list and not waarde
                else json.dumps(waarde, cls=encoder)
            )
        return lambda waarde: connection.ops.adapt_json_value(waarde, encoder)
    return lambda waarde: field.get_db_prep_save(waarde, connection)


class _Kolom:
    """One column: its field, how a value is prepared, its default."""

    def __init__(self, field: models.Field, connection) -> None:
        self.field = field
        self.prepare = _prepare(field, connection)
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            standaard: Any = (
                timezone.now()
                if field.get_internal_type() == "DateTimeField"
                else timezone.localdate()
            )
        else:  # the model's default, or what Django stores without one ("" …)
            standaard = field.get_default()
        # Prepared once: a callable default (list, dict) gives equal text per row.
        self.standaard = self.omzetten(standaard) if standaard is not None else None

    def omzetten(self, waarde: Any) -> Any:
        if isinstance(waarde, models.Model):
            waarde = waarde.pk
        return waarde if self.prepare is None else self.prepare(waarde)


def _kolommen(model: type[models.Model], connection) -> list[_Kolom]:
    return [
        _Kolom(f, connection)
        for f in model._meta.concrete_fields
        if not (f.primary_key and isinstance(f, models.AutoField))
    ]


class _Plan:
    """How rows with one set of keys become tuples: the given columns in one
    `itemgetter` call, conversions only where a column needs one, then the
    defaults of the columns not given."""

    def __init__(self, kolommen: list[_Kolom], sleutels: tuple[str, ...]) -> None:
        gegeven: list[tuple[_Kolom, str]] = []
        self.ontbrekend: list[_Kolom] = []
        for k in kolommen:
            f = k.field
            sleutel = f.attname if f.attname in sleutels else f.name
            if sleutel in sleutels:
                gegeven.append((k, sleutel))
            else:
                self.ontbrekend.append(k)
        self.kolommen = [k for k, _ in gegeven] + self.ontbrekend
        self.standaard = tuple(k.standaard for k in self.ontbrekend)
        namen = [sleutel for _, sleutel in gegeven]
        getter = itemgetter(*namen)
        self.lees = (lambda rij: (getter(rij),)) if len(namen) == 1 else getter
        self.omzetten = [
            (i, k.omzetten)
            for i, (k, sleutel) in enumerate(gegeven)
            if k.prepare is not None or sleutel == k.field.name != k.field.attname
        ]
        self.rijen: list[tuple] = []

    def voeg_toe(self, rij: Mapping[str, Any]) -> None:
        waarden = self.lees(rij)
        if self.omzetten:
            waarden = list(waarden)
            for i, omzetten in self.omzetten:
                if waarden[i] is not None:
                    waarden[i] = omzetten(waarden[i])
        self.rijen.append((*waarden, *self.standaard))


def rijen_invoegen(
    model: type[models.Model],
    rijen: Iterable[Mapping[str, Any]],
    *,
    using: str = "default",
) -> int:
    """INSERT `rijen` into `model`'s table, one statement per set of keys (rows
    built alike: one); the number of rows.

    Every concrete field missing from a row takes its default (`auto_now_add`:
    now); a relation may be given as an instance or as its id (`client_id`).
    """
    connection = connections[using]
    kolommen = _kolommen(model, connection)
    plannen: dict[tuple[str, ...], _Plan] = {}
    for rij in rijen:
        sleutels = tuple(rij)
        plan = plannen.get(sleutels)
        if plan is None:
            plan = plannen[sleutels] = _Plan(kolommen, sleutels)
        plan.voeg_toe(rij)
    tabel = connection.ops.quote_name(model._meta.db_table)
    for plan in plannen.values():
        namen = ", ".join(
            connection.ops.quote_name(cast(str, k.field.column)) for k in plan.kolommen
        )
        if connection.vendor == "postgresql":
            _copy(connection, f"COPY {tabel} ({namen}) FROM STDIN", plan.rijen)
        else:
            plaatsen = ", ".join(["%s"] * len(plan.kolommen))
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {tabel} ({namen}) VALUES ({plaatsen})", plan.rijen
                )
    return sum(len(plan.rijen) for plan in plannen.values())


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


@lru_cache(maxsize=64)
def _record(namen: tuple[str, ...]) -> type:
    return make_dataclass("Rij", namen, slots=True, eq=False)


def bytes_schrijven(
    instance: models.Model, veld: str, waarde: bytes, *, using: str = "default"
) -> None:
    """UPDATE the binary field `veld` of a saved row to `waarde`, in the current
    transaction. On PostgreSQL as a binary parameter (server-side binding): Django's
    client-side binding sends bytes as an escaped literal, twice their size, for the
    client to write and the server to parse (0.1 s CPU for a 7 MB WMO323 against
    0.01 s this way). Sets the value on `instance` too."""
    connection = connections[using]
    model = type(instance)
    setattr(instance, veld, waarde)
    if connection.vendor != "postgresql":
        model._base_manager.using(using).filter(pk=instance.pk).update(**{veld: waarde})
        return
    import psycopg

    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(model._meta.db_table)} "
        f"SET {quote(model._meta.get_field(veld).column)} = %s "  # type: ignore[union-attr,arg-type]
        f"WHERE {quote(model._meta.pk.column)} = %s"  # type: ignore[arg-type]
    )
    start = time.monotonic()
    connection.ensure_connection()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cur:
        cur.execute(sql, [waarde, instance.pk])
    if connection.queries_logged:
        connection.queries_log.append(
            {
                "sql": f"{sql} -- {len(waarde)} bytes",
                "time": f"{time.monotonic() - start:.3f}",
            }
        )


def rijen_lezen(queryset: models.QuerySet, velden: Iterable[str]) -> list:
    """The rows of `queryset` as records with just `velden` (e.g. "pk", "status"),
    read with `values_list`: for code that reads many rows and changes a few."""
    namen = tuple(velden)
    rij = _record(namen)
    return list(starmap(rij, queryset.values_list(*namen)))


def tabellen_analyseren(*modellen: type[models.Model], using: str = "default") -> None:
    """ANALYZE the tables of `modellen` (after a bulk load, once it is committed),
    so the planner knows their size; on SQLite it fills sqlite_stat1, harmless.
    On PostgreSQL outside a transaction: VACUUM (ANALYZE), see the module text."""
    connection = connections[using]
    tabellen = sorted({connection.ops.quote_name(m._meta.db_table) for m in modellen})
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            opdracht = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            cursor.execute(f"{opdracht} {', '.join(tabellen)}")
        else:
            for tabel in tabellen:
                cursor.execute(f"ANALYZE {tabel}")
