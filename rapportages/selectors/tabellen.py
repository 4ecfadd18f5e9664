"""The dashboards' figures as tables and charts: one source for the page's accessible
tables, the charts' data (json_script) and the Excel export."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse

import tablib

from core import codelijsten
from rapportages.selectors import doorlooptijd, geld, jaarcijfers, uitvalcijfers, zorg
from rapportages.selectors.keuze import Keuze

MAANDEN = [
    "jan",
    "feb",
    "mrt",
    "apr",
    "mei",
    "jun",
    "jul",
    "aug",
    "sep",
    "okt",
    "nov",
    "dec",
]


@dataclass
class Kolom:
    titel: str
    soort: str = "tekst"  # tekst, euro (eurocent), getal, procent


@dataclass
class Tabel:
    id: str
    titel: str
    kolommen: list[Kolom]
    rijen: list[list] = field(default_factory=list)
    links: list[str | None] = field(default_factory=list)  # per row, drill-down
    grafiek: dict | None = None  # Chart.js type, labels, datasets

    def cellen(self):
        """Rows of (value, soort) pairs and the row's link, for the template."""
        for i, rij in enumerate(self.rijen):
            link = self.links[i] if i < len(self.links) else None
            yield [(w, k.soort) for w, k in zip(rij, self.kolommen, strict=True)], link


def maand_label(maand: date) -> str:
    return f"{MAANDEN[maand.month - 1]} {maand.year}"


def categorie_label(code: str) -> str:
    return f"{code} {codelijsten.omschrijving(codelijsten.PRODUCTCATEGORIE, code)}"


def _euro(cent: int) -> float:
    return round(cent / 100, 2)


def _grafiek(soort: str, labels: list[str], reeksen: dict[str, list]) -> dict:
    return {
        "type": soort,
        "labels": labels,
        "datasets": [{"label": k, "data": v} for k, v in reeksen.items()],
    }


def _geld_tabellen(fin: jaarcijfers.Financieel, user, met_toegewezen: bool):
    velden = (
        ["toegewezen", "ingediend", "toegekend", "afgekeurd"]
        if met_toegewezen
        else ["ingediend", "toegekend", "afgekeurd"]
    )
    partij = "Gemeente" if user.is_aanbieder else "Aanbieder"
    maanden = list(fin.per_maand)
    per_maand = Tabel(
        id="per-maand",
        titel="Bedragen per maand",
        kolommen=[Kolom("Maand"), *(Kolom(v.capitalize(), "euro") for v in velden)],
        rijen=[
            [maand_label(m), *(getattr(b, v) for v in velden)]
            for m, b in fin.per_maand.items()
        ]
        + [["Jaar", *(getattr(fin.jaar, v) for v in velden)]],
        grafiek=_grafiek(
            "line",
            [maand_label(m) for m in maanden],
            {
                v.capitalize(): [_euro(getattr(fin.per_maand[m], v)) for m in maanden]
                for v in velden
            },
        ),
    )
    per_partij = Tabel(
        id="per-partij",
        titel=f"Bedragen per {partij.lower()} en productcategorie (jaar)",
        kolommen=[
            Kolom(partij),
            Kolom("Productcategorie"),
            *(Kolom(v.capitalize(), "euro") for v in velden),
        ],
        rijen=[
            [p.naam, categorie_label(c), *(getattr(b, v) for v in velden)]
            for p, c, b in fin.per_partij
        ],
    )
    namen: dict[int, str] = {p.pk: p.naam for p, _, _ in fin.per_partij}
    totaal: dict[int, geld.Bedragen] = {}
    for p, _, b in fin.per_partij:
        totaal.setdefault(p.pk, geld.Bedragen()).optellen(b)
    per_partij.grafiek = _grafiek(
        "bar",
        [namen[pk] for pk in totaal],
        {
            v.capitalize(): [_euro(getattr(b, v)) for b in totaal.values()]
            for v in velden
        },
    )
    return per_maand, per_partij


def _partij_maand_tabel(fin: jaarcijfers.Financieel, user) -> Tabel:
    """Ingediend and toegekend per party and month (the aanbieder's first question)."""
    partij = "Gemeente" if user.is_aanbieder else "Aanbieder"
    namen = {p.pk: p.naam for p, _, _ in fin.per_partij}
    rijen = [
        [namen[pk], maand_label(m), b.ingediend, b.toegekend]
        for (pk, m), b in sorted(
            fin.per_partij_maand.items(), key=lambda i: (namen[i[0][0]], i[0][1])
        )
    ]
    maanden = list(fin.per_maand)
    reeksen = {}
    for pk, naam in sorted(namen.items(), key=lambda i: i[1]):
        for veld in ("ingediend", "toegekend"):
            reeksen[f"{naam}: {veld}"] = [
                _euro(getattr(fin.per_partij_maand.get((pk, m)), veld, 0))
                for m in maanden
            ]
    return Tabel(
        id="partij-maand",
        titel=f"Ingediend en toegekend per {partij.lower()} per maand",
        kolommen=[
            Kolom(partij),
            Kolom("Maand"),
            Kolom("Ingediend", "euro"),
            Kolom("Toegekend", "euro"),
        ],
        rijen=rijen,
        grafiek=_grafiek("bar", [maand_label(m) for m in maanden], reeksen),
    )


def _uitval_tabel(rijen: list[uitvalcijfers.UitvalRij], user, keuze: Keuze) -> Tabel:
    partij = "Gemeente" if user.is_aanbieder else "Aanbieder"
    tabel = Tabel(
        id="uitval",
        titel="Uitval: afgekeurde regels per "
        + partij.lower()
        + " en retourcode (aandeel van de ingediende regels)",
        kolommen=[
            Kolom(partij),
            Kolom("Retourcode"),
            Kolom("Afgekeurde regels", "getal"),
            Kolom("Ingediende regels", "getal"),
            Kolom("Uitval", "procent"),
        ],
    )
    periode = urlencode({"van": keuze.begin.isoformat(), "tot": keuze.eind.isoformat()})
    lijst = f"{reverse('declaraties:afgekeurde-regels')}?{periode}&{partij.lower()}="
    # Per retourcode once: its text and its part of the link (a few dozen codes
    # over a thousand rows).
    codes: dict[str, tuple[str, str]] = {"": ("alle", "")}
    for r in rijen:
        if r.retourcode not in codes:
            codes[r.retourcode] = (
                f"{r.retourcode} "
                + codelijsten.omschrijving(codelijsten.RETOURCODE, r.retourcode),
                f"&{urlencode({'retourcode': r.retourcode})}",
            )
        code, code_query = codes[r.retourcode]
        tabel.rijen.append(
            [r.partij.naam, code, r.aantal, r.ingediend, round(r.percentage, 1)]
        )
        tabel.links.append(f"{lijst}{r.partij.pk}{code_query}")
    per_code = [r for r in rijen if r.retourcode]
    tabel.grafiek = _grafiek(
        "bar",
        [f"{r.partij.naam} {r.retourcode}" for r in per_code],
        {"Uitval %": [round(r.percentage, 1) for r in per_code]},
    )
    return tabel


def _uitputting_tabel(rijen: list[geld.Uitputting]) -> Tabel:
    return Tabel(
        id="uitputting",
        titel="Uitputting van het budget per contract",
        kolommen=[
            Kolom("Contract"),
            Kolom("Aanbieder"),
            Kolom("Budget", "euro"),
            Kolom("Toegekend", "euro"),
            Kolom("Uitgeput", "procent"),
            Kolom("Prognose jaareinde", "euro"),
            Kolom("Prognose", "procent"),
        ],
        rijen=[
            [
                u.contract.nummer,
                u.contract.aanbieder.naam,
                u.budget,
                u.toegekend,
                round(u.percentage, 1),
                u.prognose,
                round(u.prognose_percentage, 1),
            ]
            for u in rijen
        ],
        grafiek=_grafiek(
            "bar",
            [u.contract.nummer for u in rijen],
            {
                "Budget": [_euro(u.budget) for u in rijen],
                "Toegekend": [_euro(u.toegekend) for u in rijen],
                "Prognose jaareinde": [_euro(u.prognose) for u in rijen],
            },
        ),
    )


def _clienten_tabel(telling: dict[str, dict[date, int]], keuze: Keuze) -> Tabel:
    return Tabel(
        id="clienten",
        titel="Cliënten in zorg per productcategorie",
        kolommen=[
            Kolom("Productcategorie"),
            *(Kolom(maand_label(m), "getal") for m in keuze.maanden),
        ],
        rijen=[
            [categorie_label(c), *(per[m] for m in keuze.maanden)]
            for c, per in telling.items()
        ],
        grafiek=_grafiek(
            "line",
            [maand_label(m) for m in keuze.maanden],
            {
                categorie_label(c): [per[m] for m in keuze.maanden]
                for c, per in telling.items()
            },
        ),
    )


def _doorlooptijden_tabel(rijen: list[doorlooptijd.Doorlooptijd]) -> Tabel:
    return Tabel(
        id="doorlooptijden",
        titel="Doorlooptijden in werkdagen",
        kolommen=[
            Kolom("Stap"),
            Kolom("Aantal", "getal"),
            Kolom("Mediaan", "getal"),
            Kolom("90e percentiel", "getal"),
        ],
        rijen=[[d.naam, d.aantal, d.mediaan, d.p90] for d in rijen],
        grafiek=_grafiek(
            "bar",
            [d.naam for d in rijen],
            {
                "Mediaan": [d.mediaan for d in rijen],
                "90e percentiel": [d.p90 for d in rijen],
            },
        ),
    )


def gemeente_tabellen(*, user, keuze: Keuze, vandaag: date) -> list[Tabel]:
    fin = jaarcijfers.financieel(user=user, keuze=keuze)
    return [
        *_geld_tabellen(fin, user, met_toegewezen=True),
        _uitputting_tabel(
            jaarcijfers.uitputting(user=user, keuze=keuze, vandaag=vandaag)
        ),
        _clienten_tabel(zorg.clienten_in_zorg(user=user, keuze=keuze), keuze),
        _doorlooptijden_tabel(doorlooptijd.doorlooptijden(user=user, keuze=keuze)),
        _uitval_tabel(uitvalcijfers.uitval(user=user, keuze=keuze), user, keuze),
    ]


def aanbieder_tabellen(*, user, keuze: Keuze, vandaag: date) -> list[Tabel]:
    fin = jaarcijfers.financieel(
        user=user, keuze=keuze, met_toegewezen=False, met_partij_maand=True
    )
    return [
        _partij_maand_tabel(fin, user),
        _uitval_tabel(uitvalcijfers.uitval(user=user, keuze=keuze), user, keuze),
    ]


def tabellen_voor(*, user, keuze: Keuze, vandaag: date) -> list[Tabel]:
    maak = gemeente_tabellen if user.is_gemeente else aanbieder_tabellen
    return maak(user=user, keuze=keuze, vandaag=vandaag)


def _excel_waarde(waarde, soort: str):
    if waarde is None:
        return None
    if soort == "euro":
        return Decimal(waarde) / 100
    return waarde


def als_dataset(tabellen: list[Tabel], titel: str) -> tablib.Dataset:
    """All tables under each other on one sheet: title, header, rows, empty row."""
    data = tablib.Dataset(title=titel)
    breedte = max((len(t.kolommen) for t in tabellen), default=1)

    def rij(waarden):
        data.append([*waarden, *([None] * (breedte - len(waarden)))])

    for tabel in tabellen:
        rij([tabel.titel])
        rij([k.titel + (" (€)" if k.soort == "euro" else "") for k in tabel.kolommen])
        for waarden in tabel.rijen:
            rij(
                [
                    _excel_waarde(w, k.soort)
                    for w, k in zip(waarden, tabel.kolommen, strict=True)
                ]
            )
        rij([])
    return data
