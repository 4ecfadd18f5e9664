"""Channel trust: every message is sent by the party that sends it in, and answers
only bind to their question (berichten/kanaal.py, berichten/services.py).

The walk sends every one of the 14 message types through every inbound channel
(upload form, API, iwmo_import) as every party that may not send it, and asserts
a refusal (kept as the uploader's refused message) and an unchanged snapshot of
every party-owned table; and as the party that may send it, that it still works
end to end. A message type without an entry in `WALK` fails the walk.
"""

import importlib
import re
from dataclasses import dataclass, replace
from datetime import date
from io import StringIO

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client as WebClient
from django.urls import reverse

import pytest

from berichten import kanaal, paden
from berichten.bevinding import Bevinding
from berichten.constants import RETOUR_HEEN, VAN_GEMEENTE, BerichtStatus, Kanaal
from berichten.models import Bericht, Nummering
from berichten.retour import bouw_retour
from berichten.services import bericht_ontvangen
from berichten.verwerking import bericht_verwerken
from berichten.xml import codec
from berichten.xml.catalog import BERICHTCODES
from core.constants import Rol
from core.exceptions import ApplicationError
from declaraties import services as declaratie_services
from declaraties.constants import PrestatieStatus
from declaraties.models import Declaratie
from stamgegevens.models import Aanbieder, Gemeente, Regio
from tests.berichten.factories import BerichtFactory, sample
from tests.core.factories import aanbieder_user, beheerder_user, gemeente_user
from tests.declaraties.factories import PrestatieFactory, prestatie_bericht, wmo323
from tests.stamgegevens.factories import (
    AanbiederFactory,
    ContractFactory,
    GemeenteFactory,
    ProductFactory,
)
from tests.toewijzingen.factories import (
    ClientFactory,
    LeveringFactory,
    ToewijzingFactory,
    VerzoekFactory,
    VerzoekProductFactory,
)
from toewijzingen import services as toewijzing_services
from toewijzingen.models import Verzoek

pytestmark = pytest.mark.django_db

G, A = "gemeente", "aanbieder"

# Every message type: which role really sends it. A new type needs an entry.
WALK: dict[str, str] = {
    "WMO301": G,
    "WMO302": A,
    "WMO305": A,
    "WMO306": G,
    "WMO307": A,
    "WMO308": G,
    "WMO315": A,
    "WMO316": G,
    "WMO317": A,
    "WMO318": G,
    "WMO319": G,
    "WMO320": A,
    "WMO323": A,
    "WMO325": G,
}
KANALEN = ("upload", "api", "map")
# Who sends a message in, per attack: the other gemeente, the other aanbieder, the
# party of the other role that the message is addressed to, and the right party
# with another party of its role written as the sender.
AANVALLEN = ("andere_gemeente", "andere_aanbieder", "tegenpartij", "valse_afzender")


def test_the_walk_covers_every_message_type_with_its_real_sender():
    assert set(WALK) == set(BERICHTCODES)
    for bericht_type, rol in WALK.items():
        assert (bericht_type in VAN_GEMEENTE) == (rol == G)
        assert (
            bericht_type
            in kanaal.VERSTUURT[Rol.GEMEENTE if rol == G else Rol.AANBIEDER]
        )


# --- the world: two gemeenten, two aanbieders, data of each -------------------------


@dataclass
class Wereld:
    gemeente: Gemeente  # 0363, the samples' gemeente
    aanbieder: Aanbieder  # 73730012, the samples' aanbieder
    andere_gemeente: Gemeente
    andere_aanbieder: Aanbieder
    users: dict

    def partij(self, naam: str) -> kanaal.Partij:
        obj = getattr(self, naam)
        if isinstance(obj, Gemeente):
            return kanaal.Partij(gemeente=obj)
        return kanaal.Partij(aanbieder=obj)


@pytest.fixture
def wereld() -> Wereld:
    gemeente = GemeenteFactory(code="0363", naam="Amsterdam")
    aanbieder = AanbiederFactory(agb_code="73730012", naam="Thuiszorg De Linde")
    andere_gemeente = GemeenteFactory(code="0059", naam="Achtkarspelen")
    andere_aanbieder = AanbiederFactory(agb_code="98765432", naam="Zorg Anders")
    ContractFactory(gemeente=gemeente, aanbieder=aanbieder)
    ContractFactory(gemeente=andere_gemeente, aanbieder=aanbieder)
    ContractFactory(gemeente=andere_gemeente, aanbieder=andere_aanbieder)
    ProductFactory(
        categorie="02", code="02A05", eenheid="04"
    )  # the 315 asks it (TR381, R-T4)
    # Party-owned rows the snapshot watches: toewijzingen with starts, verzoeken,
    # declaraties of every pair.
    for g, a in ((gemeente, aanbieder), (andere_gemeente, andere_aanbieder)):
        tw = ToewijzingFactory(client__gemeente=g, aanbieder=a)
        LeveringFactory(toewijzing=tw)
        VerzoekProductFactory(verzoek__client=tw.client, verzoek__aanbieder=a)
        PrestatieFactory(t__client__gemeente=g, t__aanbieder=a)
    users = {
        "gemeente": gemeente_user(gemeente),
        "aanbieder": aanbieder_user(aanbieder),
        "andere_gemeente": gemeente_user(andere_gemeente),
        "andere_aanbieder": aanbieder_user(andere_aanbieder),
    }
    return Wereld(gemeente, aanbieder, andere_gemeente, andere_aanbieder, users)


def _rij(waarden: dict) -> tuple:
    return tuple(
        (k, bytes(v) if isinstance(v, memoryview) else v)
        for k, v in sorted(waarden.items())
    )


def snapshot(zonder_berichten=()) -> dict:
    """Every row of every party-owned table (and the number counters)."""
    modellen = [m for m in apps.get_models() if hasattr(m, "scope_gemeente")]
    data = {}
    for model in [*modellen, Nummering]:
        rijen = model._base_manager.order_by("pk")
        if model is Bericht:
            rijen = rijen.exclude(pk__in=zonder_berichten)
        data[model._meta.label] = [_rij(r) for r in rijen.values()]
    return data


# --- sending in, per channel -------------------------------------------------------


def _code(wereld: Wereld, naam: str) -> str:
    return wereld.partij(naam).code


def insturen(wereld: Wereld, kanaalnaam: str, wie: str, inhoud: bytes, tmp_path):
    """Send `inhoud` in as party `wie` through one channel; returns the new
    inbound Bericht and what the channel said."""
    voor = Bericht.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    if kanaalnaam == "map":
        pad = tmp_path / f"bericht-{voor}.xml"
        pad.write_bytes(inhoud)
        out = StringIO()
        call_command(
            "iwmo_import", str(pad), "--namens", wereld.partij(wie).sleutel, stdout=out
        )
        antwoord = out.getvalue()
        soort = Kanaal.MAP
    else:
        web = WebClient()
        web.force_login(wereld.users[wie])
        if kanaalnaam == "api":
            antwoord = web.post(
                "/api/berichten/", inhoud, content_type="application/xml"
            )
            soort = Kanaal.API
        else:
            antwoord = web.post(
                reverse("berichten:bericht-upload"),
                {"bestanden": [SimpleUploadedFile("bericht.xml", inhoud)]},
                follow=True,
            )
            soort = Kanaal.UPLOAD
    [bericht] = Bericht.objects.filter(pk__gt=voor, kanaal=soort)
    return bericht, antwoord


def assert_geweigerd(wereld, kanaalnaam, wie, bericht, antwoord):
    assert bericht.status == BerichtStatus.GEWEIGERD, (
        bericht.status,
        bericht.foutmelding,
    )
    assert bericht.foutmelding
    partij = wereld.partij(wie)
    # The uploader's refused message, in nobody else's log.
    assert (bericht.gemeente, bericht.aanbieder) == (partij.gemeente, partij.aanbieder)
    assert bericht.ingestuurd_namens == partij.sleutel
    assert not Bericht.objects.filter(pk__gt=bericht.pk).exists()
    if kanaalnaam == "api":
        assert antwoord.status_code == 400
        assert antwoord.json()["code"] == "geweigerd"
        assert bericht.foutmelding in antwoord.json()["detail"]
    elif kanaalnaam == "upload":
        [regel] = antwoord.context["taak"].resultaat["regels"]
        assert regel["fout"] and regel["url"] == bericht.get_absolute_url()
        assert "geweigerd" in str(list(antwoord.context["messages"])[0])
    else:
        assert "Geweigerd" in antwoord and "1 geweigerd" in antwoord
    web = WebClient()
    web.force_login(wereld.users[wie])
    assert web.get(bericht.get_absolute_url()).status_code == 200


# --- the messages of the walk --------------------------------------------------------


def _verzender_veld(bericht_type: str) -> str:
    """The header element holding the real sender (a retour copies its heen header)."""
    if bericht_type in RETOUR_HEEN and bericht_type != "WMO325":
        return "Ontvanger"
    return "Afzender"


def _zet(inhoud: bytes, veld: str, code: str) -> bytes:
    return re.sub(
        rf"(:{veld}>)[^<]*(<)".encode(),
        rb"\g<1>" + code.encode() + rb"\g<2>",
        inhoud,
        count=1,
    )


def _heen_identificatie(bericht_type: str) -> tuple[str, date]:
    h = codec.decode(sample(bericht_type)).header
    bid = getattr(h, "declaratie_identificatie", None) or h.bericht_identificatie
    return bid.identificatie, bid.dagtekening


def _tegen(rol: str) -> str:
    return A if rol == G else G


def _heenbericht(wereld: Wereld, antwoord_type: str, ontvanger: str) -> Bericht:
    """The question an answer of `antwoord_type` refers to: sent by the answer's
    addressee to `ontvanger` ('gemeente', 'andere_gemeente', …)."""
    heen_type = RETOUR_HEEN[antwoord_type]
    identificatie, dagtekening = _heen_identificatie(antwoord_type)
    afzender_rol = WALK[heen_type]
    afzender = getattr(wereld, afzender_rol)
    ontvangende = getattr(wereld, ontvanger)
    gemeente, aanbieder = (
        (afzender, ontvangende) if afzender_rol == G else (ontvangende, afzender)
    )
    heen = BerichtFactory(
        bericht_type=heen_type,
        gemeente=gemeente,
        aanbieder=aanbieder,
        afzender=_code(wereld, afzender_rol),
        ontvanger=_code(wereld, ontvanger),
        identificatie=identificatie,
        dagtekening=dagtekening,
    )
    # What an answer would change, if it were bound to this question.
    if heen_type in ("WMO305", "WMO307"):
        LeveringFactory(
            toewijzing=ToewijzingFactory(
                client__gemeente=gemeente, aanbieder=aanbieder
            ),
            bericht=heen,
        )
    elif heen_type in ("WMO315", "WMO317"):
        VerzoekFactory(
            client=ClientFactory(gemeente=gemeente), aanbieder=aanbieder, bericht=heen
        )
    elif heen_type == "WMO323":
        PrestatieFactory(
            t__client__gemeente=gemeente,
            t__aanbieder=aanbieder,
            declaratie__bericht=heen,
            status=PrestatieStatus.AFGEKEURD,
        )
    return heen


def _aanval(wereld: Wereld, bericht_type: str, aanval: str) -> tuple[str, bytes]:
    """Who sends what in for an attack on `bericht_type`."""
    rol = WALK[bericht_type]
    inhoud = sample(bericht_type)
    if aanval == "andere_gemeente":
        return "andere_gemeente", inhoud
    if aanval == "andere_aanbieder":
        return "andere_aanbieder", inhoud
    if aanval == "tegenpartij":
        return _tegen(rol), inhoud
    assert aanval == "valse_afzender"
    vals = _code(wereld, f"andere_{rol}")
    return rol, _zet(inhoud, _verzender_veld(bericht_type), vals)


WALK_AANVALLEN = [
    (bericht_type, aanval, kanaalnaam)
    for bericht_type in sorted(WALK)
    for aanval in AANVALLEN
    for kanaalnaam in KANALEN
]


@pytest.mark.parametrize(("bericht_type", "aanval", "kanaalnaam"), WALK_AANVALLEN)
def test_message_from_a_party_that_does_not_send_it_is_refused_and_changes_nothing(
    wereld, tmp_path, bericht_type, aanval, kanaalnaam
):
    if bericht_type in RETOUR_HEEN:  # a question it could bind to, were it trusted
        _heenbericht(wereld, bericht_type, ontvanger=WALK[bericht_type])
    wie, inhoud = _aanval(wereld, bericht_type, aanval)
    voor = snapshot()
    bericht, antwoord = insturen(wereld, kanaalnaam, wie, inhoud, tmp_path)
    assert_geweigerd(wereld, kanaalnaam, wie, bericht, antwoord)
    assert bericht.xml == inhoud  # the raw bytes are kept
    assert snapshot(zonder_berichten=[bericht.pk]) == voor


ANTWOORDEN = sorted(RETOUR_HEEN)


@pytest.mark.parametrize("kanaalnaam", KANALEN)
@pytest.mark.parametrize("bericht_type", ANTWOORDEN)
def test_answer_to_another_partys_question_binds_to_nothing_and_changes_nothing(
    wereld, tmp_path, bericht_type, kanaalnaam
):
    """The right sender answers a question its addressee sent to someone else."""
    rol = WALK[bericht_type]
    vreemd = _heenbericht(wereld, bericht_type, ontvanger=f"andere_{rol}")
    voor = snapshot()
    bericht, _ = insturen(wereld, kanaalnaam, rol, sample(bericht_type), tmp_path)
    assert bericht.status == BerichtStatus.VERWERKT
    assert bericht.heenbericht is None
    verwacht = ("TR337", "") if bericht_type == "WMO325" else ("TR063", "9063")
    assert [(b["regel"], b["retourcode"]) for b in bericht.bevindingen] == [verwacht]
    assert not vreemd.retourberichten.exists()
    assert not Bericht.objects.filter(pk__gt=bericht.pk).exists()  # no answer back
    assert snapshot(zonder_berichten=[bericht.pk]) == voor


@pytest.mark.parametrize("kanaalnaam", KANALEN)
@pytest.mark.parametrize("bericht_type", sorted(WALK))
def test_party_that_sends_a_message_type_still_sends_it_end_to_end(
    wereld, tmp_path, bericht_type, kanaalnaam
):
    rol = WALK[bericht_type]
    heen = (
        _heenbericht(wereld, bericht_type, ontvanger=rol)
        if bericht_type in RETOUR_HEEN
        else None
    )
    bericht, antwoord = insturen(
        wereld, kanaalnaam, rol, sample(bericht_type), tmp_path
    )
    assert bericht.status == BerichtStatus.VERWERKT, bericht.foutmelding
    assert bericht.ingestuurd_namens == wereld.partij(rol).sleutel
    assert (bericht.gemeente, bericht.aanbieder) == (wereld.gemeente, wereld.aanbieder)
    if heen is not None:
        assert bericht.heenbericht == heen
    else:  # a question gets its retour or 325 from the other party
        assert bericht.retourberichten.count() == 1
    if kanaalnaam == "api":
        assert antwoord.status_code == 201
    # In the log of both parties.
    for wie in (G, A):
        web = WebClient()
        web.force_login(wereld.users[wie])
        assert web.get(bericht.get_absolute_url()).status_code == 200


# --- the six attacks of issue 11, by name ---------------------------------------------


@pytest.fixture
def declaratie_buiten_portaal():
    """A declaratie of 2 lines sent to a gemeente outside the portal (its 325 comes
    in later, as a file the gemeente sends)."""
    tw = ToewijzingFactory(declarabel=True, client__gemeente__via_portaal=False)
    ToewijzingFactory(
        declarabel=True, aanbieder=tw.aanbieder, client__gemeente=tw.gemeente
    )
    user = aanbieder_user(tw.aanbieder)
    [declaratie] = declaratie_services.declaratie_voorstellen(
        user=user, periode=date(2026, 8, 1)
    )
    bericht = declaratie_services.declaratie_indienen(user=user, declaratie=declaratie)
    return declaratie, bericht, user


def _325(heen: Bericht, *, afgekeurd: bool, identificatie: str) -> bytes:
    """A 325 on `heen`: its first line rejected (9321), or all approved."""
    bevindingen = [
        Bevinding(
            niveau=3,
            regel="TR321",
            retourcode="9321",
            pad=paden.prestatie(1, 1),
            tekst="",
        )
    ]
    message = bouw_retour(
        codec.decode(heen.xml),
        bevindingen if afgekeurd else [],
        identificatie=identificatie,
        dagtekening=heen.dagtekening,  # TR134: not before the declaratie it answers
    )
    return codec.encode(message)


def _lijnen(declaratie: Declaratie) -> list:
    return sorted(
        (p.product_referentie, p.status, tuple(p.retourcodes))
        for p in declaratie.prestaties.all()
    )


@pytest.mark.parametrize("kanaalnaam", KANALEN)
def test_forged_325_from_aanbieder_changes_nothing(
    declaratie_buiten_portaal, tmp_path, kanaalnaam
):
    declaratie, heen, user = declaratie_buiten_portaal
    gemeente_partij = kanaal.Partij(gemeente=declaratie.gemeente)
    # The gemeente's real answer rejects the first line.
    echt = _325(heen, afgekeurd=True, identificatie="ECHT00000001")
    bericht_ontvangen(inhoud=echt, kanaal=Kanaal.MAP, namens=gemeente_partij)
    declaratie.refresh_from_db()
    lijnen, toegekend = _lijnen(declaratie), declaratie.totaal_toegekend
    assert PrestatieStatus.AFGEKEURD in {status for _, status, _ in lijnen}

    # The aanbieder writes its own 325: Afzender = its gemeente, everything approved.
    vals = _325(heen, afgekeurd=False, identificatie="VALS00000001")
    wereld = Wereld(
        declaratie.gemeente,
        declaratie.aanbieder,
        None,
        None,
        {"aanbieder": user},
    )
    voor = snapshot()
    bericht, antwoord = insturen(wereld, kanaalnaam, "aanbieder", vals, tmp_path)
    assert_geweigerd(wereld, kanaalnaam, "aanbieder", bericht, antwoord)
    assert "niet door een aanbieder verstuurd" in bericht.foutmelding
    declaratie.refresh_from_db()
    assert _lijnen(declaratie) == lijnen and declaratie.totaal_toegekend == toegekend
    assert snapshot(zonder_berichten=[bericht.pk]) == voor


def test_325_to_another_partys_declaratie_changes_nothing(
    declaratie_buiten_portaal, tmp_path
):
    """Another gemeente answers this declaratie, naming itself as the sender."""
    declaratie, heen, _ = declaratie_buiten_portaal
    andere = GemeenteFactory(code="0080")
    ContractFactory(gemeente=andere, aanbieder=declaratie.aanbieder)
    vreemd = _325(heen, afgekeurd=False, identificatie="VREEMD000001")
    vreemd = _zet(vreemd, "Afzender", "0080")
    voor = snapshot()
    bericht = bericht_ontvangen(
        inhoud=vreemd, kanaal=Kanaal.MAP, namens=kanaal.Partij(gemeente=andere)
    )
    assert bericht.status == BerichtStatus.VERWERKT and bericht.heenbericht is None
    assert [b["regel"] for b in bericht.bevindingen] == ["TR337"]
    assert snapshot(zonder_berichten=[bericht.pk]) == voor
    declaratie.refresh_from_db()
    assert declaratie.antwoord is None


def test_retour_on_another_partys_305_does_not_void_its_start(wereld, tmp_path):
    """Attack 2: the other gemeente answers the aanbieder's 305 sent to Amsterdam."""
    heen = _heenbericht(wereld, "WMO306", ontvanger="gemeente")
    levering = heen.leveringen.get()
    afwijzing = _zet(sample("WMO306"), "Ontvanger", "0059")  # the real sender: 0059
    bericht, _ = insturen(wereld, "api", "andere_gemeente", afwijzing, tmp_path)
    assert bericht.heenbericht is None
    assert [b["retourcode"] for b in bericht.bevindingen] == ["9063"]
    levering.refresh_from_db()
    assert not levering.vervallen
    # Its own addressee's answer does bind.
    echt, _ = insturen(wereld, "api", "gemeente", sample("WMO306"), tmp_path)
    assert echt.heenbericht == heen


@pytest.mark.parametrize("kanaalnaam", KANALEN)
def test_gemeente_cannot_send_323_in_aanbieders_name(wereld, tmp_path, kanaalnaam):
    voor = snapshot()
    declaraties = Declaratie.objects.count()
    bericht, antwoord = insturen(
        wereld, kanaalnaam, "gemeente", sample("WMO323"), tmp_path
    )
    assert_geweigerd(wereld, kanaalnaam, "gemeente", bericht, antwoord)
    assert Declaratie.objects.count() == declaraties
    assert not bericht.retourberichten.exists()  # no 325 to the aanbieder
    assert snapshot(zonder_berichten=[bericht.pk]) == voor


@pytest.mark.parametrize("kanaalnaam", KANALEN)
def test_aanbieder_cannot_send_301_in_gemeentes_name(wereld, tmp_path, kanaalnaam):
    bericht, antwoord = insturen(
        wereld, kanaalnaam, "aanbieder", sample("WMO301"), tmp_path
    )
    assert_geweigerd(wereld, kanaalnaam, "aanbieder", bericht, antwoord)
    assert not bericht.retourberichten.exists()  # no 302
    web = WebClient()
    web.force_login(wereld.users["gemeente"])
    uitgaand = web.get("/api/berichten/?richting=uit").json()["results"]
    assert bericht.pk not in {rij["id"] for rij in uitgaand}


def test_message_naming_another_party_is_not_in_its_log(wereld, tmp_path):
    bericht, _ = insturen(wereld, "api", "andere_gemeente", sample("WMO302"), tmp_path)
    assert bericht.status == BerichtStatus.GEWEIGERD
    for wie, ziet in (
        ("gemeente", False),
        ("aanbieder", False),
        ("andere_aanbieder", False),
        ("andere_gemeente", True),
    ):
        web = WebClient()
        web.force_login(wereld.users[wie])
        ids = {rij["id"] for rij in web.get("/api/berichten/").json()["results"]}
        assert (bericht.pk in ids) is ziet, wie
        detail = web.get(f"/api/berichten/{bericht.pk}/")
        assert detail.status_code == (200 if ziet else 404), wie


# --- who sends in: a beheerder names the party ----------------------------------------


def test_beheerder_must_name_the_party_it_sends_in_for_and_it_is_recorded(
    wereld, caplog
):
    web = WebClient()
    beheerder = beheerder_user(username="beheer-api")
    web.force_login(beheerder)
    zonder = web.post(
        "/api/berichten/", sample("WMO302"), content_type="application/xml"
    )
    assert zonder.status_code == 400 and zonder.json()["code"] == "namens"
    onbekend = web.post(
        "/api/berichten/?namens=aanbieder:11111111",
        sample("WMO302"),
        content_type="application/xml",
    )
    assert onbekend.status_code == 400 and "niet bekend" in onbekend.json()["detail"]
    assert not Bericht.objects.filter(kanaal=Kanaal.API).exists()
    with caplog.at_level("INFO", logger="berichten.services"):
        namens = web.post(
            "/api/berichten/?namens=aanbieder:73730012",
            sample("WMO302"),
            content_type="application/xml",
        )
    assert namens.status_code == 201
    bericht = Bericht.objects.get(pk=namens.json()["id"])
    assert (bericht.aangemaakt_door, bericht.ingestuurd_namens) == (
        beheerder,
        "aanbieder:73730012",
    )
    assert "beheer-api" in caplog.text and "namens aanbieder:73730012" in caplog.text
    # Named for the wrong party: refused like anyone's.
    verkeerd = web.post(
        "/api/berichten/?namens=gemeente:0363",
        sample("WMO305"),
        content_type="application/xml",
    )
    assert verkeerd.status_code == 400 and verkeerd.json()["code"] == "geweigerd"


def test_a_party_cannot_name_another_party_to_send_in_for(wereld):
    web = WebClient()
    web.force_login(wereld.users["aanbieder"])
    response = web.post(
        "/api/berichten/?namens=aanbieder:98765432",
        sample("WMO305"),
        content_type="application/xml",
    )
    assert response.status_code == 400 and response.json()["code"] == "namens"
    assert not Bericht.objects.filter(kanaal=Kanaal.API).exists()


def test_iwmo_import_refuses_another_partys_files_and_goes_on(wereld, tmp_path):
    (tmp_path / "a-vreemd.xml").write_bytes(sample("WMO301"))
    (tmp_path / "b-eigen.xml").write_bytes(sample("WMO305"))
    out = StringIO()
    call_command(
        "iwmo_import", str(tmp_path), "--namens", "aanbieder:73730012", stdout=out
    )
    uitvoer = out.getvalue()
    assert "a-vreemd.xml: WMO301" in uitvoer and "Geweigerd" in uitvoer
    assert "1 geweigerd" in uitvoer
    eigen = Bericht.objects.get(bestandsnaam="b-eigen.xml")
    assert eigen.status == BerichtStatus.VERWERKT


# --- a BSN never opens a cliënt -------------------------------------------------------


def _315(
    wereld,
    *,
    afzender: Aanbieder,
    bsn: str,
    achternaam: str,
    geboortedatum: date = date(1990, 1, 1),
) -> bytes:
    message = codec.decode(sample("WMO315"))
    message.client.geboortedatum = replace(
        message.client.geboortedatum, datum=geboortedatum
    )
    message.header = replace(
        message.header, afzender=afzender.agb_code, ontvanger=wereld.gemeente.code
    )
    message.client.bsn = bsn
    message.client.naam = replace(
        message.client.naam,
        geslachtsnaam=replace(message.client.naam.geslachtsnaam, achternaam=achternaam),
    )
    return codec.encode(message)


@pytest.fixture
def bekende_client(wereld):
    """A cliënt of Amsterdam assigned to the samples' aanbieder only; the other
    aanbieder also has a contract with Amsterdam."""
    ContractFactory(gemeente=wereld.gemeente, aanbieder=wereld.andere_aanbieder)
    return ToewijzingFactory(
        client__gemeente=wereld.gemeente,
        client__achternaam="Echtenaam",
        aanbieder=wereld.aanbieder,
    ).client


def _ziet_client(user, client) -> tuple[int, int]:
    web = WebClient()
    web.force_login(user)
    return (
        web.get(reverse("toewijzingen:client-detail", args=[client.pk])).status_code,
        web.get(f"/api/clienten/{client.pk}/").status_code,
    )


@pytest.mark.parametrize("kanaalnaam", ["formulier", *KANALEN])
def test_bsn_alone_does_not_open_client(wereld, bekende_client, tmp_path, kanaalnaam):
    client, wie = bekende_client, "andere_aanbieder"
    user = wereld.users[wie]
    if kanaalnaam == "formulier":
        toewijzing_services.verzoek_om_toewijzing_indienen(
            user=user,
            gemeente=wereld.gemeente,
            client=toewijzing_services.ClientGegevens(
                bsn=client.bsn,
                geboortedatum=date(1990, 1, 1),
                geslacht="1",
                achternaam="Verzonnen",
            ),
            producten=[
                toewijzing_services.AangevraagdProduct(
                    referentie_aanbieder="VERZ-1",
                    product=client.toewijzingen.get().product,
                    volume=1,
                    eenheid="82",
                    frequentie="4",
                    ingangsdatum=date(2026, 12, 1),
                    verwijzer_type="01",
                    verwijzer_naam="Wmo-loket",
                )
            ],
        )
    else:
        inhoud = _315(
            wereld,
            afzender=wereld.andere_aanbieder,
            bsn=client.bsn,
            achternaam="Verzonnen",
        )
        bericht, _ = insturen(wereld, kanaalnaam, wie, inhoud, tmp_path)
        assert bericht.status == BerichtStatus.VERWERKT, bericht.foutmelding
    verzoek = Verzoek.objects.get(aanbieder=wereld.andere_aanbieder, client=client)
    assert _ziet_client(user, client) == (404, 404)

    # The aanbieder sees what it sent, not the gemeente's cliënt.
    web = WebClient()
    web.force_login(user)
    pagina = web.get(reverse("toewijzingen:verzoek-detail", args=[verzoek.pk]))
    tekst = pagina.content.decode()
    assert "Verzonnen" in tekst and "Echtenaam" not in tekst
    lijst = web.get(reverse("toewijzingen:verzoek-list")).content.decode()
    assert "Verzonnen" in lijst and "Echtenaam" not in lijst

    # The gemeente sees both, with a warning.
    web.force_login(wereld.users["gemeente"])
    tekst = web.get(reverse("toewijzingen:verzoek-detail", args=[verzoek.pk])).content
    tekst = tekst.decode()
    assert "Echtenaam" in tekst and "Verzonnen" in tekst
    assert 'id="client-afwijking"' in tekst
    assert "achternaam, geboortedatum" in tekst


def test_gemeente_sees_no_warning_when_the_315_matches_its_client(
    wereld, bekende_client, tmp_path
):
    inhoud = _315(
        wereld,
        afzender=wereld.andere_aanbieder,
        bsn=bekende_client.bsn,
        achternaam="Echtenaam",
        geboortedatum=bekende_client.geboortedatum,
    )
    insturen(wereld, "api", "andere_aanbieder", inhoud, tmp_path)
    verzoek = Verzoek.objects.get(
        aanbieder=wereld.andere_aanbieder, client=bekende_client
    )
    assert verzoek.afwijkingen == []
    web = WebClient()
    web.force_login(wereld.users["gemeente"])
    tekst = web.get(reverse("toewijzingen:verzoek-detail", args=[verzoek.pk]))
    assert 'id="client-afwijking"' not in tekst.content.decode()


def test_aanbieder_sees_the_client_once_the_gemeente_answers_with_a_301(
    wereld, bekende_client, tmp_path
):
    inhoud = _315(
        wereld, afzender=wereld.andere_aanbieder, bsn=bekende_client.bsn, achternaam="X"
    )
    insturen(wereld, "api", "andere_aanbieder", inhoud, tmp_path)
    user = wereld.users["andere_aanbieder"]
    assert _ziet_client(user, bekende_client) == (404, 404)
    ToewijzingFactory(client=bekende_client, aanbieder=wereld.andere_aanbieder)
    assert _ziet_client(user, bekende_client) == (200, 200)


@pytest.mark.parametrize("kanaalnaam", ["formulier", *KANALEN])
def test_315_to_a_gemeente_without_contract_is_refused(
    wereld, bekende_client, tmp_path, kanaalnaam
):
    """The other aanbieder has no contract with Achtkarspelen's neighbour 0080."""
    zonder = GemeenteFactory(code="0080", naam="Leeuwarden")
    user = wereld.users["andere_aanbieder"]
    voor = snapshot()
    if kanaalnaam == "formulier":
        with pytest.raises(ApplicationError, match="geen contract"):
            toewijzing_services.verzoek_om_toewijzing_indienen(
                user=user,
                gemeente=zonder,
                client=toewijzing_services.ClientGegevens(
                    bsn=bekende_client.bsn,
                    geboortedatum=date(1990, 1, 1),
                    geslacht="1",
                    achternaam="Verzonnen",
                ),
                producten=[],
            )
        assert snapshot() == voor
        return
    inhoud = _zet(
        _315(
            wereld,
            afzender=wereld.andere_aanbieder,
            bsn=bekende_client.bsn,
            achternaam="X",
        ),
        "Ontvanger",
        "0080",
    )
    bericht, antwoord = insturen(
        wereld, kanaalnaam, "andere_aanbieder", inhoud, tmp_path
    )
    assert_geweigerd(wereld, kanaalnaam, "andere_aanbieder", bericht, antwoord)
    assert "geen contract" in bericht.foutmelding
    assert snapshot(zonder_berichten=[bericht.pk]) == voor


def test_315_via_the_gemeentes_regio_contract_is_accepted(wereld, tmp_path):
    regio = Regio.objects.create(naam="Regio Amstel")
    regio.gemeenten.add(wereld.gemeente)
    nieuw = AanbiederFactory(agb_code="12345678")
    ContractFactory(gemeente=None, regio=regio, aanbieder=nieuw)
    wereld.users["nieuw"] = aanbieder_user(nieuw)
    inhoud = _315(wereld, afzender=nieuw, bsn="999990019", achternaam="Regio")
    web = WebClient()
    web.force_login(wereld.users["nieuw"])
    response = web.post("/api/berichten/", inhoud, content_type="application/xml")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == BerichtStatus.VERWERKT


def test_declared_bsn_of_a_stranger_does_not_link_the_line_to_that_client(
    wereld, bekende_client
):
    """A 323 line for a BSN of a cliënt not assigned to the aanbieder stays unlinked."""
    eigen = ToewijzingFactory(
        declarabel=True,
        client__gemeente=wereld.gemeente,
        aanbieder=wereld.andere_aanbieder,
    )
    regel = prestatie_bericht(eigen)
    message = wmo323(
        wereld.andere_aanbieder, wereld.gemeente, [(bekende_client.bsn, [regel])]
    )
    bericht = bericht_ontvangen(
        inhoud=codec.encode(message),
        kanaal=Kanaal.API,
        namens=kanaal.Partij(aanbieder=wereld.andere_aanbieder),
    )
    declaratie = Declaratie.objects.get(bericht=bericht)
    assert [p.client_id for p in declaratie.prestaties.all()] == [None]
    assert _ziet_client(wereld.users["andere_aanbieder"], bekende_client) == (404, 404)


def test_trust_rule_holds_again_when_a_stored_message_is_processed(wereld):
    """The check at storage read the raw header; processing checks the decoded one
    again, so a stored message of another party is never processed (e.g. on retry)."""
    bericht = Bericht.objects.create(
        inhoud=sample("WMO305"),
        sha256="x",
        kanaal=Kanaal.API,
        status=BerichtStatus.FOUT,
        ingestuurd_namens="aanbieder:98765432",
    )
    voor = snapshot(zonder_berichten=[bericht.pk])
    # What the retry job ("opnieuw verwerken") runs for this message:
    bericht = bericht_verwerken(bericht_id=bericht.pk, handmatig=True)
    assert bericht.status == BerichtStatus.GEWEIGERD
    assert (bericht.gemeente, bericht.aanbieder) == (None, wereld.andere_aanbieder)
    assert snapshot(zonder_berichten=[bericht.pk]) == voor


def test_existing_315_verzoeken_get_the_client_their_message_gave(
    wereld, bekende_client, tmp_path
):
    """The migration fills `opgegeven_client` of earlier verzoeken from their 315."""
    migratie = importlib.import_module(
        "toewijzingen.migrations.0006_verzoek_opgegeven_client"
    )
    inhoud = _315(
        wereld,
        afzender=wereld.andere_aanbieder,
        bsn=bekende_client.bsn,
        achternaam="Oud",
    )
    insturen(wereld, "api", "andere_aanbieder", inhoud, tmp_path)
    verzoek = Verzoek.objects.get(client=bekende_client)
    verwacht = verzoek.opgegeven_client
    Verzoek.objects.filter(pk=verzoek.pk).update(opgegeven_client={})
    migratie.opgegeven_uit_bericht(apps, None)
    verzoek.refresh_from_db()
    assert verzoek.opgegeven_client == verwacht
    assert verzoek.opgegeven_naam == "JM Oud"
