"""Machine clients: a party's own software with an API key, no browser.

It posts messages to POST /api/berichten/ and fetches what is addressed to its
party from /api/outbox/, confirming each with POST /api/outbox/{id}/ontvangen/.
"""

from datetime import date, timedelta
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

import pytest
from freezegun import freeze_time

from berichten.constants import BerichtStatus, Kanaal
from berichten.models import Bericht
from berichten.xml import codec
from core.exceptions import ApplicationError
from core.machinesleutels import machinesleutel_intrekken, machinesleutel_uitgeven
from core.models import MachineSleutel
from tests.berichten.buitenpartijen import (
    kop,
    retour_van,
    schema_geldig,
    toegewezen,
    toewijzing_in_portaal,
    wmo301,
)
from tests.berichten.factories import BerichtFactory
from tests.core.factories import aanbieder_user, beheerder_user, gemeente_user
from tests.stamgegevens.factories import AanbiederFactory, GemeenteFactory
from tests.toewijzingen.factories import geldig_bsn
from toewijzingen import mappers, services as toewijzingen
from toewijzingen.models import Levering, Toewijzing

pytestmark = pytest.mark.django_db


def sleutel_voor(**partij) -> tuple[MachineSleutel, str]:
    return machinesleutel_uitgeven(door=beheerder_user(), naam="Backoffice", **partij)


def machine(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Api-Key {key}")


def post_xml(client: Client, message):
    return client.post(
        "/api/berichten/", codec.encode(message), content_type="application/xml"
    )


def ophalen(client: Client) -> list[dict]:
    response = client.get("/api/outbox/")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def bevestig(client: Client, item: dict) -> int:
    return client.post(item["bevestigen"]).status_code


def _naar_aanbieder(aanbieder, **kwargs) -> Bericht:
    return BerichtFactory(
        aanbieder=aanbieder,
        bericht_type="WMO301",
        status=BerichtStatus.IN_OUTBOX,
        inhoud=b"<Bericht>301</Bericht>",
        **kwargs,
    )


# --- credentials --------------------------------------------------------------------


def test_key_is_stored_hashed_and_acts_as_a_technical_user_of_the_party():
    aanbieder = AanbiederFactory()
    sleutel, key = sleutel_voor(aanbieder=aanbieder)
    sleutel.refresh_from_db()
    assert key.startswith(sleutel.prefix + ".")
    assert sleutel.hashed_key.startswith("sha512$$") and key not in sleutel.hashed_key
    with connection.cursor() as cursor:  # nowhere in the row, in clear
        cursor.execute(
            f"SELECT * FROM {MachineSleutel._meta.db_table} WHERE id = %s",
            [sleutel.pk],
        )
        assert not any(key in str(kolom) for kolom in cursor.fetchone())
    gebruiker = sleutel.gebruiker
    assert (gebruiker.rol, gebruiker.aanbieder) == ("aanbieder", aanbieder)
    assert not gebruiker.has_usable_password()  # no password: no browser login


def test_only_a_beheerder_issues_keys_for_exactly_one_party():
    gemeente = GemeenteFactory()
    with pytest.raises(ApplicationError):
        machinesleutel_uitgeven(
            door=gemeente_user(gemeente), naam="x", gemeente=gemeente
        )
    with pytest.raises(ApplicationError):
        machinesleutel_uitgeven(
            door=beheerder_user(),
            naam="x",
            gemeente=gemeente,
            aanbieder=AanbiederFactory(),
        )


def test_beheerder_issues_in_the_admin_and_sees_the_key_once(beheerder_client):
    aanbieder = AanbiederFactory()
    response = beheerder_client.post(
        "/beheer/core/machinesleutel/add/",
        {"name": "Zorgsysteem", "aanbieder": aanbieder.pk, "gemeente": ""},
        follow=True,
    )
    assert response.status_code == 200
    sleutel = MachineSleutel.objects.get(name="Zorgsysteem")
    meldingen = [str(m) for m in response.context["messages"]]
    (melding,) = [m for m in meldingen if " is: " in m]
    key = melding.split(" is: ")[1].split(" ")[0]
    assert machine(key).get("/api/outbox/").status_code == 200
    lijst = beheerder_client.get("/beheer/core/machinesleutel/").content.decode()
    assert sleutel.prefix in lijst and key not in lijst

    # revoking in the admin: for good
    beheerder_client.post(
        "/beheer/core/machinesleutel/",
        {"action": "intrekken", "_selected_action": [sleutel.pk]},
    )
    assert machine(key).get("/api/outbox/").status_code in (401, 403)


def test_revoked_or_expired_key_is_refused():
    sleutel, key = sleutel_voor(aanbieder=AanbiederFactory())
    assert machine(key).get("/api/outbox/").status_code == 200
    machinesleutel_intrekken(door=beheerder_user(), sleutel=sleutel)
    response = machine(key).get("/api/outbox/")
    assert response.status_code in (401, 403)
    assert "ingetrokken" in response.json()["detail"]

    verlopen, key2 = sleutel_voor(aanbieder=AanbiederFactory())
    MachineSleutel.objects.filter(pk=verlopen.pk).update(
        expiry_date=timezone.now() - timedelta(minutes=1)
    )
    assert machine(key2).get("/api/outbox/").status_code in (401, 403)
    assert machine("onzin.sleutel").get("/api/outbox/").status_code in (401, 403)


def test_last_used_is_recorded():
    with freeze_time("2026-09-01 10:00"):
        sleutel, key = sleutel_voor(aanbieder=AanbiederFactory())
    assert sleutel.laatst_gebruikt is None
    with freeze_time("2026-09-02 11:30"):
        machine(key).get("/api/outbox/")
        moment = timezone.now()
    sleutel.refresh_from_db()
    assert sleutel.laatst_gebruikt == moment


# --- outbox -------------------------------------------------------------------------


def test_outbox_returns_a_message_until_it_is_confirmed():
    aanbieder = AanbiederFactory()
    _, key = sleutel_voor(aanbieder=aanbieder)
    bericht = _naar_aanbieder(aanbieder)
    client = machine(key)
    (item,) = ophalen(client)
    assert (item["id"], item["xml"]) == (bericht.pk, "<Bericht>301</Bericht>")
    assert [i["id"] for i in ophalen(client)] == [bericht.pk]  # not lost on a fetch
    assert bevestig(client, item) == 200
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERZONDEN and bericht.verzonden_op
    assert ophalen(client) == []
    assert bevestig(client, item) == 200  # repeating a lost answer is harmless


def test_client_of_party_a_cannot_fetch_or_confirm_messages_of_b():
    a, b = AanbiederFactory(), AanbiederFactory()
    _, key_a = sleutel_voor(aanbieder=a)
    _, key_b = sleutel_voor(aanbieder=b)
    van_b = _naar_aanbieder(b)
    client_a = machine(key_a)
    assert ophalen(client_a) == []
    assert client_a.get(f"/api/outbox/{van_b.pk}/").status_code == 404
    assert client_a.post(f"/api/outbox/{van_b.pk}/ontvangen/").status_code == 404
    van_b.refresh_from_db()
    assert van_b.status == BerichtStatus.IN_OUTBOX
    assert [i["id"] for i in ophalen(machine(key_b))] == [van_b.pk]


def test_outbox_holds_only_messages_addressed_to_the_party():
    """A gemeente's key gets the 305 of its aanbieder, not its own 301 to it."""
    gemeente, aanbieder = GemeenteFactory(), AanbiederFactory()
    _, key = sleutel_voor(gemeente=gemeente)
    eigen = _naar_aanbieder(aanbieder, gemeente=gemeente)
    aan_gemeente = BerichtFactory(
        gemeente=gemeente,
        aanbieder=aanbieder,
        bericht_type="WMO305",
        status=BerichtStatus.IN_OUTBOX,
    )
    assert [i["id"] for i in ophalen(machine(key))] == [aan_gemeente.pk]
    assert machine(key).post(f"/api/outbox/{eigen.pk}/ontvangen/").status_code == 404


def test_iwmo_export_leaves_the_messages_of_a_party_with_an_active_key(tmp_path):
    met_sleutel, zonder = AanbiederFactory(), AanbiederFactory()
    sleutel, _ = sleutel_voor(aanbieder=met_sleutel)
    api = _naar_aanbieder(met_sleutel)
    map_ = _naar_aanbieder(zonder)
    call_command("iwmo_export", str(tmp_path), stdout=StringIO())
    api.refresh_from_db()
    map_.refresh_from_db()
    assert (api.status, map_.status) == (
        BerichtStatus.IN_OUTBOX,
        BerichtStatus.VERZONDEN,
    )
    machinesleutel_intrekken(door=beheerder_user(), sleutel=sleutel)
    call_command("iwmo_export", str(tmp_path), stdout=StringIO())
    api.refresh_from_db()
    assert api.status == BerichtStatus.VERZONDEN  # back to the folder channel


def test_post_with_a_key_is_the_channel_of_the_keys_party(partijen):
    p = partijen
    p.gemeente.via_portaal = False
    p.gemeente.save()
    _, key = sleutel_voor(gemeente=p.gemeente)
    with freeze_time("2026-09-01 10:00"):
        message = wmo301(
            p,
            geldig_bsn(51),
            [toegewezen(901, p.product, ingangsdatum=date(2026, 8, 1))],
            date(2026, 9, 1),
        )
        response = post_xml(machine(key), message)
    assert response.status_code == 201, response.content
    bericht = Bericht.objects.get(pk=response.json()["id"])
    assert bericht.kanaal == Kanaal.API
    assert bericht.aangemaakt_door.machinesleutel.prefix
    # another gemeente's key may not send this gemeente's message
    _, vreemd = sleutel_voor(gemeente=GemeenteFactory(code="0080"))
    message.header.bericht_identificatie.identificatie = "EXT9999999"
    with freeze_time("2026-09-01 10:00"):
        assert post_xml(machine(vreemd), message).status_code == 400


# --- the mixed chains over the API ----------------------------------------------------


def test_chain_gemeente_outside_over_the_api(partijen):
    p = partijen
    p.gemeente.via_portaal = False
    p.gemeente.save()
    _, key = sleutel_voor(gemeente=p.gemeente)
    backoffice = machine(key)
    medewerker = aanbieder_user(p.aanbieder)
    dag = date(2026, 9, 1)
    with freeze_time("2026-09-01 10:00"):
        message = wmo301(
            p,
            geldig_bsn(52),
            [toegewezen(902, p.product, ingangsdatum=date(2026, 8, 1))],
            dag,
        )
        assert post_xml(backoffice, message).status_code == 201
        tw = Toewijzing.objects.visible_to(medewerker).get(toewijzing_nummer=902)
        (retour,) = ophalen(backoffice)
        assert retour["bericht_type"] == "WMO302"
        schema_geldig(retour["xml"].encode(), "WMO302")
        assert bevestig(backoffice, retour) == 200

        start = toewijzingen.start_zorg_melden(
            user=medewerker, toewijzing=tw, begindatum=date(2026, 8, 3)
        )
        (item,) = ophalen(backoffice)
        assert item["id"] == start.bericht_id
        schema_geldig(item["xml"].encode(), "WMO305")
        m306 = retour_van(p, codec.decode(item["xml"].encode()), dag)
        assert bevestig(backoffice, item) == 200
        assert post_xml(backoffice, m306).status_code == 201
    assert Bericht.objects.get(bericht_type="WMO306").heenbericht_id == start.bericht_id
    assert ophalen(backoffice) == []


def test_chain_aanbieder_outside_over_the_api(partijen):
    p = partijen
    p.aanbieder.via_portaal = False
    p.aanbieder.save()
    _, key = sleutel_voor(aanbieder=p.aanbieder)
    zorgsysteem = machine(key)
    dag = date(2026, 9, 1)
    with freeze_time("2026-09-01 10:00"):
        tw = toewijzing_in_portaal(p, ingangsdatum=date(2026, 8, 1))
        (item,) = ophalen(zorgsysteem)
        schema_geldig(item["xml"].encode(), "WMO301")
        m301 = codec.decode(item["xml"].encode())
        assert post_xml(zorgsysteem, retour_van(p, m301, dag)).status_code == 201
        assert bevestig(zorgsysteem, item) == 200

        m305 = mappers.wmo305(
            header=kop(p, van_gemeente=False, dag=dag),
            levering=Levering(toewijzing=tw, begindatum=date(2026, 8, 3)),
        )
        response = post_xml(zorgsysteem, m305)
        assert response.status_code == 201
        assert Levering.objects.filter(toewijzing=tw).count() == 1
        (item,) = ophalen(zorgsysteem)
        assert item["bericht_type"] == "WMO306"
        schema_geldig(item["xml"].encode(), "WMO306")
        assert codec.decode(item["xml"].encode()).header.retourcodes == []
