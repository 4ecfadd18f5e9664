"""The large data set's toewijzingen, leveringen, declaraties and their messages
(see demo/large_dataset.py)."""

import hashlib
from collections import defaultdict
from datetime import date, time as dtime, timedelta

from django.db.models import Max

from berichten.constants import BerichtStatus, Kanaal
from berichten.models import Bericht, Nummering
from declaraties.constants import DebetCredit, DeclaratieStatus, PrestatieStatus
from declaraties.models import Declaratie, Prestatie
from demo.grootschalig_basis import (
    AFKEURING,
    JAAR,
    MAANDEN,
    _bericht,
    _bulk,
    _eigen_tijden,
    _identificatie,
    _maand_eind,
    _moment,
    _Partij,
)
from toewijzingen.constants import LeveringSoort
from toewijzingen.models import Client, Levering, Toewijzing


def _toewijzingen_en_declaraties(
    gemeente, partijen, clienten, aantal, prestaties, meld
) -> dict[str, int]:
    aantallen = {}
    # Numbers above every number used so far, and the counter past them.
    teller, _ = Nummering.objects.get_or_create(
        sleutel=f"toewijzingnummer:{gemeente.code}"
    )
    hoogste = Toewijzing.objects.filter(gemeente=gemeente).aggregate(
        m=Max("toewijzing_nummer")
    )["m"]
    eerste = max(teller.laatste, hoogste or 0) + 1
    teller.laatste = eerste + aantal - 1
    teller.save(update_fields=["laatste"])

    # Every cliënt has one aanbieder: every tenth the demo aanbieder.
    def partij_van(c: int) -> _Partij:
        if c % 10 == 0 or len(partijen) == 1:
            return partijen[0]
        return partijen[1 + c % (len(partijen) - 1)]

    def ingang_van(c: int) -> date:
        return date(JAAR, 1, 1) + timedelta(days=(c * 7) % 273)  # Jan … Sep

    gestart = [c % 10 != 9 for c in range(len(clienten))]  # 90 % started
    volgnummer = iter(range(1, 10**10))
    gemeente_code = gemeente.code

    def bericht(soort, c, *, van_gemeente, dag, minuut, **extra) -> Bericht:
        agb = partij_van(c).aanbieder.agb_code
        afzender, ontvanger = (
            (gemeente_code, agb) if van_gemeente else (agb, gemeente_code)
        )
        nummer = next(volgnummer)
        inhoud = _bericht(
            soort,
            afzender=afzender,
            ontvanger=ontvanger,
            nummer=nummer,
            dag=dag,
            bsn=clienten[c].bsn,
        )
        return Bericht(
            bericht_type=soort,
            afzender=afzender,
            ontvanger=ontvanger,
            gemeente=gemeente,
            aanbieder=partij_van(c).aanbieder,
            identificatie=_identificatie(nummer),
            dagtekening=dag,
            bsn=clienten[c].bsn,
            kanaal=Kanaal.PORTAAL,
            status=BerichtStatus.VERWERKT,
            inhoud=inhoud,
            sha256=hashlib.sha256(inhoud).hexdigest(),
            aangemaakt_op=_moment(dag, minuut),
            verwerkt_op=_moment(dag, minuut + 1),
            **extra,
        )

    # One WMO301 per cliënt (OP087: the complete set for cliënt and aanbieder) with
    # its 302, and one 305 per started cliënt with its 306.
    with _eigen_tijden(Bericht):
        heen = _bulk(
            Bericht,
            [
                bericht(
                    "WMO301",
                    c,
                    van_gemeente=True,
                    dag=ingang_van(c) - timedelta(days=7),
                    minuut=c,
                )
                for c in range(len(clienten))
            ],
        )
        _bulk(
            Bericht,
            [
                bericht(
                    "WMO302",
                    c,
                    van_gemeente=False,
                    dag=ingang_van(c) - timedelta(days=6),
                    minuut=c,
                    heenbericht=heen[c],
                    retourcodes=["0200"],
                )
                for c in range(len(clienten))
            ],
        )
        starts = _bulk(
            Bericht,
            [
                bericht("WMO305", c, van_gemeente=False, dag=ingang_van(c), minuut=c)
                for c in range(len(clienten))
                if gestart[c]
            ],
        )
        start_van = dict(
            zip([c for c in range(len(clienten)) if gestart[c]], starts, strict=True)
        )
        _bulk(
            Bericht,
            [
                bericht(
                    "WMO306",
                    c,
                    van_gemeente=True,
                    dag=ingang_van(c) + timedelta(days=1),
                    minuut=c,
                    heenbericht=start,
                    retourcodes=["0200"],
                )
                for c, start in start_van.items()
            ],
        )
    aantallen["berichten 301/302/305/306"] = 2 * len(heen) + 2 * len(starts)
    meld(f"{aantallen['berichten 301/302/305/306']} berichten 301/302/305/306")

    rijen, vorige, j = [], -1, 0
    for i in range(aantal):
        c = i * len(clienten) // aantal
        j = j + 1 if c == vorige else 0  # the j-th toewijzing of this cliënt
        vorige = c
        partij = partij_van(c)
        product, _, volume = partij.producten[j]
        ingang = ingang_van(c)
        rijen.append(
            Toewijzing(
                gemeente=gemeente,
                aanbieder=partij.aanbieder,
                contract=partij.contract,
                client=clienten[c],
                product=product,
                toewijzing_nummer=eerste + i,
                toewijzingsdatum=ingang - timedelta(days=7),
                toewijzingstijd=dtime(9, i % 60),
                ingangsdatum=ingang,
                einddatum=None if i % 3 else ingang + timedelta(days=364),
                volume=volume,
                eenheid=product.eenheid,
                frequentie=product.frequentie,
                bericht=heen[c],
                aangemaakt_op=_moment(ingang - timedelta(days=7), c),
                gewijzigd_op=_moment(ingang - timedelta(days=7), c),
            )
        )
    with _eigen_tijden(Toewijzing):
        rijen = _bulk(Toewijzing, rijen)
    aantallen["toewijzingen"] = len(rijen)
    meld(f"{len(rijen)} toewijzingen (nummers {eerste} … {eerste + aantal - 1})")

    with _eigen_tijden(Levering):
        leveringen = _bulk(
            Levering,
            [
                Levering(
                    toewijzing=t,
                    soort=LeveringSoort.START,
                    begindatum=t.ingangsdatum,
                    bericht=start_van[i * len(clienten) // aantal],
                    aangemaakt_op=_moment(t.ingangsdatum),
                )
                for i, t in enumerate(rijen)
                if gestart[i * len(clienten) // aantal]
            ],
        )
    aantallen["leveringen"] = len(leveringen)
    meld(f"{len(leveringen)} starts (WMO305)")

    aantallen.update(
        _declaraties(gemeente, partijen, rijen, leveringen, prestaties, bericht, meld)
    )
    return aantallen


def _declaraties(gemeente, partijen, toewijzingen, leveringen, aantal, bericht, meld):
    """Declaraties per aanbieder and month with `aantal` Prestaties in all."""
    tarief = {
        (p.aanbieder.pk, product.pk): t
        for p in partijen
        for product, t, _ in p.producten
    }
    maanden = [date(JAAR, m, 1) for m in MAANDEN]
    # (toewijzing, maand) pairs with care delivered: started and running that month.
    paren = [
        (t, maand)
        for t in (lev.toewijzing for lev in leveringen)
        for maand in maanden
        if t.ingangsdatum <= _maand_eind(maand)
        and (t.einddatum is None or t.einddatum >= maand)
    ]
    if not paren or not aantal:
        return {"declaraties": 0, "prestaties": 0}
    basis, extra = divmod(aantal, len(paren))

    def regels():
        """(n, toewijzing, maand, begin, eind, volume, bedrag, afgekeurd), deterministic."""
        n = 0
        for p, (t, maand) in enumerate(paren):
            k = basis + (1 if p < extra else 0)
            if not k:
                continue
            begin = max(maand, t.ingangsdatum)
            eind = _maand_eind(maand)
            if t.einddatum and t.einddatum < eind:
                eind = t.einddatum
            dagen = (eind - begin).days + 1
            stukken = min(k, dagen)
            for j in range(k):
                # k lines split the period; more lines than days repeat the last day.
                s = min(j, stukken - 1)
                van = begin + timedelta(days=dagen * s // stukken)
                tot = begin + timedelta(days=dagen * (s + 1) // stukken - 1)
                volume = max(1, (t.volume or 1) // k)
                bedrag = volume * tarief[t.aanbieder_id, t.product_id]
                yield n, t, maand, van, tot, volume, bedrag, n % 20 == 7
                n += 1

    # First pass: the totals per declaratie.
    ingediend, toegekend = defaultdict(int), defaultdict(int)
    voorbeeld = {}
    for _, t, maand, _, _, _, bedrag, afgekeurd in regels():
        sleutel = (t.aanbieder_id, maand)
        ingediend[sleutel] += bedrag
        if not afgekeurd:
            toegekend[sleutel] += bedrag
        voorbeeld.setdefault(sleutel, t)
    cliënt_index = {c.pk: i for i, c in enumerate(_clienten_van(toewijzingen))}
    sleutels = sorted(ingediend)
    with _eigen_tijden(Bericht):
        verzonden = []
        for sleutel in sleutels:
            maand = sleutel[1]
            c = cliënt_index[voorbeeld[sleutel].client_id]
            verzonden.append(
                bericht(
                    "WMO323",
                    c,
                    van_gemeente=False,
                    dag=_maand_eind(maand) + timedelta(days=5),
                    minuut=len(verzonden),
                )
            )
        verzonden = _bulk(Bericht, verzonden)
        antwoorden = _bulk(
            Bericht,
            [
                bericht(
                    "WMO325",
                    cliënt_index[voorbeeld[sleutel].client_id],
                    van_gemeente=True,
                    dag=_maand_eind(sleutel[1]) + timedelta(days=12),
                    minuut=i,
                    heenbericht=heen,
                    retourcodes=["0200"],
                )
                for i, (sleutel, heen) in enumerate(
                    zip(sleutels, verzonden, strict=True)
                )
            ],
        )
    with _eigen_tijden(Declaratie):
        declaraties = _bulk(
            Declaratie,
            [
                Declaratie(
                    aanbieder_id=aanbieder_id,
                    gemeente=gemeente,
                    declaratie_nummer=f"G{maand:%Y%m}{i:05d}",
                    periode_begin=maand,
                    periode_eind=_maand_eind(maand),
                    dagtekening=_maand_eind(maand) + timedelta(days=5),
                    status=DeclaratieStatus.BEANTWOORD,
                    totaal_ingediend=ingediend[aanbieder_id, maand],
                    totaal_toegekend=toegekend[aanbieder_id, maand],
                    bericht=heen,
                    antwoord=antwoord,
                    antwoord_uiterlijk=_maand_eind(maand) + timedelta(days=19),
                    contract_uiterlijk=_maand_eind(maand) + timedelta(days=33),
                    aangemaakt_op=_moment(_maand_eind(maand) + timedelta(days=5)),
                    gewijzigd_op=_moment(_maand_eind(maand) + timedelta(days=12)),
                    ingediend_op=_moment(_maand_eind(maand) + timedelta(days=5)),
                    beantwoord_op=_moment(_maand_eind(maand) + timedelta(days=12)),
                )
                for i, ((aanbieder_id, maand), heen, antwoord) in enumerate(
                    zip(sleutels, verzonden, antwoorden, strict=True)
                )
            ],
        )
    declaratie_van = {
        (d.aanbieder_id, d.periode_begin): d.pk
        for d in declaraties  # pk set by bulk_create
    }
    meld(f"{len(declaraties)} declaraties met WMO323 en WMO325")

    # Second pass: the lines, streamed in batches.
    bsn_van = {c.pk: c.bsn for c in _clienten_van(toewijzingen)}
    gemaakt = 0
    batch = []
    with _eigen_tijden(Prestatie):
        for n, t, maand, van, tot, volume, bedrag, afgekeurd in regels():
            moment = _moment(_maand_eind(maand) + timedelta(days=5))
            batch.append(
                Prestatie(
                    declaratie_id=declaratie_van[t.aanbieder_id, maand],
                    aanbieder_id=t.aanbieder_id,
                    client_id=t.client_id,
                    bsn=bsn_van[t.client_id],
                    toewijzing_id=t.pk,
                    toewijzing_nummer=t.toewijzing_nummer,
                    product_referentie=f"G{n:011d}",
                    debet_credit=DebetCredit.DEBET,
                    product_categorie=t.product.categorie,
                    product_code=t.product.code,
                    begindatum=van,
                    einddatum=tot,
                    geleverd_volume=volume,
                    eenheid=t.eenheid,
                    product_tarief=tarief[t.aanbieder_id, t.product_id],
                    ingediend_bedrag=bedrag,
                    status=PrestatieStatus.AFGEKEURD
                    if afgekeurd
                    else PrestatieStatus.GOEDGEKEURD,
                    retourcodes=AFKEURING[n // 20 % len(AFKEURING)]
                    if afgekeurd
                    else ["8001"],
                    aangemaakt_op=moment,
                )
            )
            if len(batch) >= 20_000:
                _bulk(Prestatie, batch)
                gemaakt += len(batch)
                batch = []
                meld(f"{gemaakt} prestaties")
        if batch:
            _bulk(Prestatie, batch)
            gemaakt += len(batch)
    meld(f"{gemaakt} prestaties")
    return {
        "declaraties": len(declaraties),
        "berichten 323/325": 2 * len(declaraties),
        "prestaties": gemaakt,
    }


def _clienten_van(toewijzingen: list[Toewijzing]) -> list[Client]:
    """The cliënten of the toewijzingen in order of first appearance."""
    gezien: dict[int, Client] = {}
    for t in toewijzingen:
        gezien.setdefault(t.client_id, t.client)
    return list(gezien.values())
