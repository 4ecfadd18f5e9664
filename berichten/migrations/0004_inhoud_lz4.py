"""The raw file compressed with lz4 instead of pglz on PostgreSQL.

PostgreSQL compresses a large `inhoud` (TOAST) when it is written. pglz spends
some 50-80 ms of server CPU on a 6.7 MB WMO323, lz4 about 10 ms, and its result
is no larger; reading it back is faster too. Rows written before keep pglz
(both are read alike). Only where the server is built with lz4; SQLite: nothing.
"""

from django.db import migrations

LZ4_BESCHIKBAAR = (
    "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
    "WHERE name = 'default_toast_compression'"
)


def compressie(methode: str):
    def zetten(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(LZ4_BESCHIKBAAR)
            rij = cursor.fetchone()
            if not (rij and rij[0]):
                return
            cursor.execute(
                "ALTER TABLE berichten_bericht "
                f"ALTER COLUMN inhoud SET COMPRESSION {methode}"
            )

    return zetten


class Migration(migrations.Migration):
    dependencies = [("berichten", "0003_bericht_wachtrij")]

    operations = [migrations.RunPython(compressie("lz4"), compressie("default"))]
