"""How the raw file of a message is kept in the database."""

from django.db import connection

import pytest

from berichten.models import Bericht

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_a_large_raw_file_is_compressed_with_lz4_and_read_back_unchanged():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
            "WHERE name = 'default_toast_compression'"
        )
        if not cursor.fetchone()[0]:
            pytest.skip("this PostgreSQL server is built without lz4")
    inhoud = b"<Bericht>" + b"<Prestatie>1</Prestatie>" * 20_000 + b"</Bericht>"
    bericht = Bericht.objects.create(inhoud=inhoud, sha256="0" * 64)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_compression(inhoud) FROM berichten_bericht WHERE id = %s",
            [bericht.pk],
        )
        assert cursor.fetchone()[0] == "lz4"
    assert Bericht.objects.get(pk=bericht.pk).xml == inhoud
