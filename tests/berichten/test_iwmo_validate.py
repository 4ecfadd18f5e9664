"""manage.py iwmo_validate: per file the type and every finding; exit 1 when any is invalid."""

import json
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest

from berichten import registry
from berichten.bevinding import Bevinding
from berichten.models import Bericht
from berichten.regels.bestand import controleer_bestand
from berichten.xml import codec
from stamgegevens.models import Gemeente
from tests.berichten.regels_helpers import HEEN, SAMPLES, schoon

EXAMPLES = Path("/work/shared/docs/iwmo/examples-3.2")
SAMPLE_305 = (SAMPLES / "WMO305.xml").read_bytes()

KAPOT = {
    "malformed": (
        b"<?xml version='1.0' encoding='UTF-8'?><wmo305:Bericht",
        "XML",
        "malformed",
    ),
    "xxe": (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<Bericht xmlns="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema">&e;</Bericht>',
        "XML",
        "dtd_forbidden",
    ),
    "namespace": (
        SAMPLE_305.replace(b"iwmo/3_2/wmo305", b"ijw/3_2/jw305"),
        "XML",
        "wrong_namespace",
    ),
    "xsd": (
        SAMPLE_305.replace(b"<wmo305:Geslacht>2</wmo305:Geslacht>", b""),
        "XSD",
        "Geslacht",
    ),
}


def uitvoeren(*args, capsys) -> tuple[int, str]:
    try:
        call_command("iwmo_validate", *args)
        code = 0
    except CommandError as exc:
        code = exc.returncode
    return code, capsys.readouterr().out


def schrijf(tmp_path, naam: str, data: bytes) -> str:
    pad = tmp_path / naam
    pad.write_bytes(data)
    return str(pad)


def test_valid_samples_exit_0(tmp_path, capsys):
    bestanden = [schrijf(tmp_path, f"{b}.xml", codec.encode(schoon(b))) for b in HEEN]
    bestanden += [
        str(p) for p in sorted(SAMPLES.glob("WMO3*.xml")) if p.stem not in HEEN
    ]  # retours
    bestanden += [
        str(EXAMPLES / f"WMO{n}.xml")
        for n in ("301", "305", "307", "315", "319", "323")
    ]
    code, uit = uitvoeren(*bestanden, capsys=capsys)
    assert code == 0, uit
    assert uit.count(": geldig") == len(bestanden)
    assert "WMO325: geldig" in uit


@pytest.mark.parametrize("geval", sorted(KAPOT))
def test_broken_file_exits_1_with_rule(geval, tmp_path, capsys):
    data, regel, kenmerk = KAPOT[geval]
    bestand = schrijf(tmp_path, f"{geval}.xml", data)
    code, uit = uitvoeren(bestand, capsys=capsys)
    assert code == 1
    assert f"niveau 1  {regel}" in uit and kenmerk in uit

    code, uit = uitvoeren("--json", bestand, capsys=capsys)
    assert code == 1
    [rapport] = json.loads(uit)
    assert rapport["geldig"] is False
    assert rapport["bevindingen"][0]["regel"] == regel
    assert rapport["bevindingen"][0]["niveau"] == 1


def test_rule_error_exits_1_with_rule_id_and_0001(tmp_path, capsys):
    m = schoon("WMO323")
    m.declaratie.declaratie_periode.einddatum = (
        m.declaratie.declaratie_periode.einddatum.replace(day=29)
    )
    goed = schrijf(tmp_path, "goed.xml", codec.encode(schoon("WMO323")))
    fout = schrijf(tmp_path, "fout.xml", codec.encode(m))
    code, uit = uitvoeren(goed, fout, capsys=capsys)
    assert code == 1
    assert "goed.xml: WMO323: geldig" in uit
    assert "niveau 2  CS340  0001  /Bericht/Declaratie  DeclaratiePeriode" in uit

    code, uit = uitvoeren("--json", goed, fout, capsys=capsys)
    goed_rapport, fout_rapport = json.loads(uit)
    assert goed_rapport == {
        "bestand": goed,
        "bericht_type": "WMO323",
        "geldig": True,
        "bevindingen": [],
    }
    assert [
        (b["regel"], b["retourcode"], b["pad"]) for b in fout_rapport["bevindingen"]
    ] == [("CS340", "0001", "/Bericht/Declaratie")]


def test_every_sample_passes_every_rule(capsys):
    code, uit = uitvoeren(*sorted(str(p) for p in SAMPLES.glob("*.xml")), capsys=capsys)
    assert code == 0, uit
    assert uit.count(": geldig") == len(list(SAMPLES.glob("*.xml")))


def test_level_3_without_database_is_reported_per_line(tmp_path, capsys):
    m = schoon("WMO323")
    m.declaratie.clienten[0].prestaties[0].geleverd_volume = 11
    code, uit = uitvoeren(
        schrijf(tmp_path, "tr346.xml", codec.encode(m)), capsys=capsys
    )
    assert code == 1
    assert (
        "niveau 4  TR346  9346  /Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]"
        in uit
    )


@pytest.mark.django_db
def test_database_dry_run_calls_handler_and_rolls_back(monkeypatch):
    def handler(*, bericht, message):
        assert Bericht.objects.filter(pk=bericht.pk).exists()  # saved, then rolled back
        assert bericht.bericht_type == "WMO305"
        Gemeente.objects.create(code="9999", naam="Proef")  # must not survive
        return registry.Verwerking(
            bevindingen=[
                Bevinding(
                    niveau=3,
                    regel="TR019",
                    retourcode="9019",
                    pad="/Bericht/Client/StartProducten/StartProduct[1]",
                    tekst="Geen toewijzing.",
                )
            ]
        )

    monkeypatch.setitem(registry._handlers, "WMO305", handler)
    rapport = controleer_bestand(SAMPLE_305, met_database=True)
    assert not rapport.geldig
    assert [b.regel for b in rapport.bevindingen] == ["TR019"]
    assert not Gemeente.objects.filter(code="9999").exists()
    assert Bericht.objects.count() == 0
    assert controleer_bestand(SAMPLE_305).geldig  # without the database: no handler


def test_unreadable_file_is_an_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("iwmo_validate", str(tmp_path / "bestaat-niet.xml"))


@pytest.mark.django_db
def test_database_dry_run_reports_each_finding_once(monkeypatch):
    m = schoon("WMO323")
    m.declaratie.clienten[0].prestaties[0].geleverd_volume = 11  # TR346
    dubbel = Bevinding(
        niveau=4,
        regel="TR346",
        retourcode="9346",
        pad="/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]",
        tekst="IngediendBedrag 63000 is niet GeleverdVolume × ProductTarief (11 × 5250).",
    )
    monkeypatch.setitem(
        registry._handlers,
        "WMO323",
        lambda **_: registry.Verwerking(bevindingen=[dubbel]),
    )
    rapport = controleer_bestand(codec.encode(m), met_database=True)
    assert rapport.bevindingen == [dubbel]
    assert Bericht.objects.count() == 0


@pytest.mark.django_db
def test_database_option_reports_a_failing_handler(monkeypatch, capsys):
    def kapot(**_):
        raise RuntimeError("stuk")

    monkeypatch.setitem(registry._handlers, "WMO305", kapot)
    code, uit = uitvoeren("--database", str(SAMPLES / "WMO305.xml"), capsys=capsys)
    assert code == 1
    assert "VERWERKING" in uit and "stuk" in uit
    assert Bericht.objects.count() == 0
