"""Decoded sample messages without findings, to mutate in rule and retour tests."""

from copy import deepcopy
from functools import cache
from pathlib import Path

from berichten.bevinding import Bevinding
from berichten.regels import controleer_zonder_database
from berichten.xml import codec
from berichten.xml.types import Referentie

SAMPLES = Path(__file__).parent / "samples"
HEEN = ("WMO301", "WMO305", "WMO307", "WMO315", "WMO317", "WMO319", "WMO323")


@cache
def _schoon(bericht: str):
    message = codec.decode((SAMPLES / f"{bericht}.xml").read_bytes())
    # Three samples break a level-2 rule (XSD-valid, rule-invalid); repair them here.
    if bericht == "WMO301":
        message.client.toegewezen_producten[1].budget = None  # CD077: Omvang and Budget
    if bericht == "WMO315":
        message.client.aangevraagde_producten[0].verwijzer.naam = None  # CD066
    if bericht == "WMO319":
        message.antwoord.reden_afwijzing_verzoek = None  # CD086
    return message


def schoon(bericht: str):
    """A fresh, mutable copy of the sample that passes every rule."""
    return deepcopy(_schoon(bericht))


def bevindingen(message, regel: str) -> list[Bevinding]:
    return [b for b in controleer_zonder_database(message) if b.regel == regel]


def gemeld(
    message, regel: str, *, pad: str | None = None, retourcode: str = "0001"
) -> list[Bevinding]:
    """Assert `regel` fires (at `pad`, with `retourcode`) and return its findings."""
    gevonden = bevindingen(message, regel)
    assert gevonden, f"{regel} meldt niets"
    assert {b.retourcode for b in gevonden} == {retourcode}
    if pad is not None:
        assert pad in {b.pad for b in gevonden}, [b.pad for b in gevonden]
    assert all(b.tekst for b in gevonden)
    return gevonden


def grote_declaratie(aantal: int):
    """A 323 with `aantal` valid Prestaties for one client."""
    m = schoon("WMO323")
    client = m.declaratie.clienten[0]
    voorbeeld = client.prestaties[0]
    client.prestaties = []
    for nr in range(aantal):
        p = deepcopy(voorbeeld)
        p.product_referentie = Referentie(referentie_nummer=f"PR-{nr:08d}")
        p.toewijzing_nummer = 100000 + nr
        client.prestaties.append(p)
    m.declaratie.clienten = [client]
    m.declaratie.totaal_ingediend_bedrag.totaal_bedrag = (
        aantal * voorbeeld.ingediend_bedrag.bedrag
    )
    return m
