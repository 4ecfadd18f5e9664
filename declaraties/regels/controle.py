"""All level-3/4 rules of a WMO323 against the database (rules.md §5)."""

from collections import defaultdict

from berichten.bevinding import Bevinding
from berichten.constants import Niveau
from berichten.regels.basis import ZONDER_DATABASE
from berichten.regels.declaratie import is_credit
from declaraties.constants import (
    DeclaratieStatus,
)
from declaraties.models import Declaratie
from declaraties.regels.declaratieregels import DECLARATIEREGELS
from declaraties.regels.gegevens import Gegevens
from declaraties.regels.perioden import bedrag_van, max_volume_totaal, sleutel
from declaraties.regels.prestatieregels import PRESTATIEREGELS
from declaraties.regels.uitslag import Controle, Uitslag
from stamgegevens.models import Aanbieder, Gemeente

# --- rules over several Prestaties, after the single-line rules ------------------


def _bevinding(
    regel: str, retourcode: str, niveau: int, pad: str, tekst: str
) -> Bevinding:
    return Bevinding(
        niveau=niveau, regel=regel, retourcode=retourcode, pad=pad, tekst=tekst
    )


def _sommen(uitslagen: list[Uitslag], g: Gegevens) -> None:
    """TR389, TR322, TR369 in the order OP366 prescribes: credit before debet."""
    volume = defaultdict(int, g.verbruikt_volume)
    bedrag = defaultdict(int, g.verbruikt_bedrag)
    open_debet = {k: set(referenties) for k, referenties in g.goedgekeurd_debet.items()}
    credits = [u for u in uitslagen if is_credit(u.prestatie)]
    debets = [u for u in uitslagen if not is_credit(u.prestatie)]
    for u in credits:
        if not u.goedgekeurd:
            continue
        debet = g.eerdere[u.prestatie.product_referentie.vorig_referentie_nummer]
        open_debet.get(sleutel(u.prestatie), set()).discard(debet.product_referentie)
        if debet.toewijzing_id:
            volume[debet.toewijzing_id] -= u.prestatie.geleverd_volume
            bedrag[debet.toewijzing_id] -= bedrag_van(u.prestatie)
    for u in debets:
        if not u.goedgekeurd or u.toewijzing is None:
            continue
        t, p = u.toewijzing, u.prestatie
        maximum = max_volume_totaal(t)
        fout = None
        if open_debet.get(sleutel(p)):
            fout = (
                "TR389",
                "9389",
                "Deze periode is al gedeclareerd en niet gecrediteerd: crediteer eerst de eerdere regel.",
            )
        elif maximum is not None and volume[t.pk] + p.geleverd_volume > maximum:
            fout = (
                "TR322",
                "9322",
                f"Samen met eerdere regels is het volume meer dan toegewezen ({maximum}).",
            )
        elif t.budget is not None and bedrag[t.pk] + bedrag_van(p) > t.budget:
            fout = (
                "TR369",
                "9369",
                f"Samen met eerdere regels past het bedrag niet in het budget ({t.budget} cent).",
            )
        if fout:
            regel, code, tekst = fout
            u.bevindingen.append(
                _bevinding(regel, code, Niveau.BERICHTOVERSTIJGEND, u.pad, tekst)
            )
        else:
            volume[t.pk] += p.geleverd_volume
            bedrag[t.pk] += bedrag_van(p)


def _zonder_database(message) -> dict[str, list[Bevinding]]:
    """TR314 within the message and TR346: the shared rules that need no database."""
    per_pad: dict[str, list[Bevinding]] = defaultdict(list)
    for regel in ZONDER_DATABASE.get("WMO323", []):
        for bevinding in regel(message):
            per_pad[bevinding.pad].append(bevinding)
    return per_pad


def controleer_declaratie(
    message,
    *,
    gemeente: Gemeente,
    aanbieder: Aanbieder | None = None,
    eigen: Declaratie | None = None,
) -> Controle:
    """All level-3/4 rules of a Wmo323 against the database, per Prestatie.

    `eigen`: the portal's concept this message was made from; its own rows do
    not count as earlier Prestaties. Without it, a concept of the aanbieder with
    the same DeclaratieNummer is taken as such.
    """
    if aanbieder is None:
        aanbieder = Aanbieder.objects.filter(agb_code=message.header.afzender).first()
    if eigen is None and message.declaratie.declaratie_nummer:
        eigen = Declaratie.objects.filter(
            aanbieder=aanbieder,
            declaratie_nummer=message.declaratie.declaratie_nummer,
            status=DeclaratieStatus.CONCEPT,
        ).first()
    g = Gegevens.laden(message, gemeente=gemeente, aanbieder=aanbieder, eigen=eigen)

    declaratie_bevindingen = [
        _bevinding(regel, code, niveau, pad, tekst)
        for regel, code, niveau, functie in DECLARATIEREGELS
        for pad, tekst in functie(message, g)
    ]
    zonder_database = _zonder_database(message)
    # The rules a line runs: all, or those that need no toewijzing (else TR338).
    alle = [(r, c, n, f) for r, c, n, f, _ in PRESTATIEREGELS]
    zonder_toewijzing = [
        (r, c, n, f) for r, c, n, f, vereist in PRESTATIEREGELS if not vereist
    ]
    toewijzingen = g.toewijzingen
    uitslagen: dict[tuple[int, int], Uitslag] = {}
    for cnr, client in enumerate(message.declaratie.clienten, start=1):
        for pnr, p in enumerate(client.prestaties, start=1):
            u = Uitslag(cnr, pnr, client.bsn, p, toewijzingen.get(p.toewijzing_nummer))
            if zonder_database:  # most messages: none, so no pad per line
                u.bevindingen.extend(zonder_database.get(u.pad, []))
            for regel, code, niveau, functie in (
                zonder_toewijzing if u.toewijzing is None else alle
            ):
                tekst = functie(u, g)
                if tekst:
                    u.bevindingen.append(_bevinding(regel, code, niveau, u.pad, tekst))
            if u.toewijzing is not None and not u.toewijzing.heeft_start:
                u.start_ontbreekt = True
                u.bevindingen.append(
                    _bevinding(
                        "OP364",
                        "",
                        Niveau.BERICHTOVERSTIJGEND,
                        u.pad,
                        "Er is geen start zorg (WMO305) bekend voor deze toewijzing: "
                        "gemeld aan de contractmanager, niet afgekeurd.",
                    )
                )
            uitslagen[(cnr, pnr)] = u
    _sommen(list(uitslagen.values()), g)

    codes = []
    for b in declaratie_bevindingen:
        if b.retourcode not in codes:
            codes.append(b.retourcode)
    bevindingen = declaratie_bevindingen + [
        b for u in uitslagen.values() for b in u.bevindingen
    ]
    return Controle(
        bevindingen=bevindingen,
        per_prestatie=uitslagen,
        declaratie_codes=codes,
        gegevens=g,
    )
