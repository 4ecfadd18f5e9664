import functools

from django.db import IntegrityError, connection, transaction

from berichten.models import Nummering


@functools.cache
def _ophogen_sql() -> str:
    quote = connection.ops.quote_name
    tabel = quote(Nummering._meta.db_table)
    laatste = quote(Nummering._meta.get_field("laatste").column)
    sleutel = quote(Nummering._meta.get_field("sleutel").column)
    return (
        f"UPDATE {tabel} SET {laatste} = {laatste} + 1 "
        f"WHERE {sleutel} = %s RETURNING {laatste}"
    )


def _ophogen(sleutel: str) -> int | None:
    """Raise the counter by one and read it in one statement (UPDATE … RETURNING,
    PostgreSQL and SQLite ≥ 3.35); None when there is no such counter yet."""
    with connection.cursor() as cursor:
        cursor.execute(_ophogen_sql(), [sleutel])
        rij = cursor.fetchone()
    return None if rij is None else rij[0]


def volgend_nummer(sleutel: str) -> int:
    """The next number of a counter; unique under concurrency: the UPDATE holds
    the row lock until the transaction ends. One statement for an existing
    counter (was an UPDATE, a read and a savepoint around them)."""
    nummer = _ophogen(sleutel)
    if nummer is not None:
        return nummer
    try:  # a new counter
        with transaction.atomic():
            Nummering.objects.create(sleutel=sleutel, laatste=1)
            return 1
    except IntegrityError:  # created by a parallel transaction meanwhile
        nummer = _ophogen(sleutel)
        assert nummer is not None  # noqa: S101 - the row exists: the INSERT clashed
        return nummer
