"""Write docs/iwmo-regels.md: every iWmo 3.2 rule per message, where it is checked,
which tests hold it, or why it does not apply.

Sources: ../shared/docs/iwmo/spec-text-3.2/CD_CS_RS_per_dataelement.md (conditions,
constraints and restrictions per data element) and technische-regels-TR.md (the
TR list with its messages). "Where" is found in the code: the level-2 rules through
the registry of `berichten.regels` per message type, the other rules by the
functions whose source names the rule id. "Tests" are the test functions whose
name or body names the id. What the code does not show (the XSD, the parser) and
every "not applicable" is written out below, by hand, and checked by a person.

Run: DJANGO_SETTINGS_MODULE=config.settings.test python scripts/regeltabel.py
It fails when a rule has neither a place in the code nor a written reason.
"""

import ast
import inspect
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT.parent / "shared" / "docs" / "iwmo" / "spec-text-3.2"
TARGET = ROOT / "docs" / "iwmo-regels.md"
CODE_DIRS = ("berichten", "declaraties", "toewijzingen", "stamgegevens", "core")
RULE_ID = re.compile(r"\b(?:TR|CD|CS|RS)\d{3}\b")

HEEN = ("WMO301", "WMO305", "WMO307", "WMO315", "WMO317", "WMO319", "WMO323")
BERICHTEN = (*HEEN, "WMO325", "WMO Retour")

# Checked by the XSD (level 1): the project's schemas, which give the official
# schemas' verdict (tests/berichten/xml/test_schemas.py).
XSD = "XSD (niveau 1): `berichten/xml/schemas/3.2/`"
XSD_TESTS = (
    "`tests/berichten/xml/test_schemas.py` (gemuteerde voorbeelden van alle 14 "
    "berichten geweigerd; bij de 7 heenberichten hetzelfde oordeel als het "
    "officiële schema)"
)

# Rules the code search cannot see, or that do not apply: (bericht or "*", id) -> text.
HANDMATIG = {
    ("*", "CS015"): (
        "XSD-patroon en `berichten/xml/parser.py` `identify` (code `wrong_version`)",
        "`tests/berichten/xml/test_parser.py`",
    ),
    ("*", "CS025"): (
        "XSD-patroon en `berichten/xml/parser.py` `identify` (code `wrong_version`)",
        "`tests/berichten/xml/test_parser.py`",
    ),
    ("WMO323", "CS319"): (
        "XSD-patroon `([a-zA-Z0-9])+` van DeclaratieNummer; het portaal maakt nummers "
        "met `declaraties.services.nieuw_declaratienummer`",
        XSD_TESTS,
    ),
    ("*", "RS047"): (
        "XSD en `berichten/xml/parser.py` `identify` (code `unknown_berichtcode`)",
        "`tests/berichten/xml/test_parser.py`",
    ),
    ("WMO301", "TR385"): None,  # found in the code
    ("WMO325", "TR304"): (
        "niet apart geïmplementeerd: een 325 wordt per ProductReferentie aan de eigen "
        "declaratie gekoppeld (TR366/TR367); dat de Bsn bij die regel hoort, volgt uit "
        "de eigen declaratie en wordt niet nog eens vergeleken",
        "—",
    ),
    ("WMO317", "TR361"): (
        "niet geïmplementeerd: overlap van een Product over Ongewijzigd-, TeWijzigen- en "
        "NieuwProduct samen (met de perioden van de toewijzingen) wordt niet getoetst; "
        "binnen de NieuweProducten wel (TR410)",
        "—",
    ),
    ("WMO325", "TR371"): (
        "niet geïmplementeerd: XsdVersieDeclaratie wordt niet met de XsdVersie van de "
        "323 vergeleken; beide moeten 1.0.0 zijn (IV034 op de 323, XSD-patroon)",
        "—",
    ),
}

# Where the level-3/4 checks of each message live (plus the generic pipeline).
BESTANDEN = {
    "WMO301": (
        "toewijzingen/ontvangst.py",
        "toewijzingen/services/",
        "toewijzingen/regels/",
        "toewijzingen/models/",
    ),
    "WMO305": (
        "toewijzingen/handlers.py",
        "toewijzingen/regels/",
        "toewijzingen/services/",
    ),
    "WMO307": (
        "toewijzingen/handlers.py",
        "toewijzingen/regels/",
        "toewijzingen/services/",
    ),
    "WMO315": (
        "toewijzingen/handlers.py",
        "toewijzingen/regels/",
        "toewijzingen/services/",
    ),
    "WMO317": (
        "toewijzingen/handlers.py",
        "toewijzingen/regels/",
        "toewijzingen/services/",
    ),
    "WMO319": (
        "toewijzingen/ontvangst.py",
        "toewijzingen/regels/",
        "toewijzingen/services/",
    ),
    "WMO323": ("declaraties/",),
    "WMO325": ("declaraties/handlers.py", "declaraties/mappers.py"),
}
ALGEMEEN = (
    "berichten/services.py",
    "berichten/verwerking.py",
    "berichten/regels/algemeen.py",
    "berichten/models.py",
)

# Tests that hold a rule without naming it.
TESTS_HANDMATIG = {
    ("WMO325", "TR337"): "`tests/declaraties/test_handlers.py::"
    "test_325_by_file_is_matched_by_declaratie_identificatie_and_referentie`",
}

# Level-2 ids that a rule function reports under another id per message type.
ALIAS = {
    "CD095": "CD080",
    "CD096": "CD080",
    "CS343": "CS338",
    "TR386": "TR302",
    "TR410": "TR302",
}


def cd_cs_rs() -> dict[tuple[str, str], dict]:
    regels: dict[tuple[str, str], dict] = {}
    for line in (SPEC / "CD_CS_RS_per_dataelement.md").read_text().splitlines():
        if not line.startswith("| WMO"):
            continue
        c = [x.strip() for x in line.strip().strip("|").split("|")]
        bericht, klasse, element, code, tekst, soort, rc = (
            c[0],
            c[1],
            c[2],
            c[7],
            c[8],
            c[9],
            c[10],
        )
        r = regels.setdefault(
            (bericht, code),
            {"tekst": tekst, "soort": soort, "rc": rc, "elementen": []},
        )
        naam = f"{klasse}/{element.split('_')[0]}"
        if naam not in r["elementen"]:
            r["elementen"].append(naam)
    return regels


def technische_regels() -> dict[str, dict]:
    tekst = (SPEC / "technische-regels-TR.md").read_text()
    regels = {}
    for sectie in re.split(r"\n(?=<!-- source)", tekst):
        kop = re.search(r"# (TR\d+)", sectie)
        if not kop:
            continue
        definitie = re.search(r"## Definitie\s+(.*?)\n\n", sectie, re.S)
        rc = re.search(r"Retourcode \| (\S*)", sectie)
        niveau = re.search(r"Controleniveau \| ([^|]*)", sectie)
        gebruik = re.search(r"## Gebruik in berichten\s+(.*?)\n\n", sectie, re.S)
        berichten = re.findall(r"W\S?\S?(\d{3})", gebruik[1] if gebruik else "")
        regels[kop[1]] = {
            "tekst": " ".join((definitie[1] if definitie else "").split()),
            "rc": rc[1] if rc else "",
            "niveau": (niveau[1] if niveau else "").strip(),
            "berichten": [f"WMO{n}" for n in berichten],
        }
    return regels


def _functies(pad: Path):
    bron = pad.read_text()
    boom = ast.parse(bron)
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.FunctionDef | ast.AsyncFunctionDef):
            yield knoop.name, ast.get_source_segment(bron, knoop) or ""
        elif isinstance(knoop, ast.Assign) and knoop in boom.body:
            namen = [t.id for t in knoop.targets if isinstance(t, ast.Name)]
            if namen:
                yield namen[0], ast.get_source_segment(bron, knoop) or ""


def index(mappen, alleen_tests: bool) -> dict[str, list[str]]:
    """rule id -> ["path::function", ...] of the functions whose source names it."""
    gevonden: dict[str, list[str]] = defaultdict(list)
    for map_ in mappen:
        for pad in sorted((ROOT / map_).rglob("*.py")):
            if "migrations" in pad.parts:
                continue
            for naam, bron in _functies(pad):
                if alleen_tests and not naam.startswith("test_"):
                    continue
                for regel in set(RULE_ID.findall(bron)) | set(
                    m.upper() for m in re.findall(r"(?:tr|cd|cs)\d{3}", naam)
                ):
                    plek = f"{pad.relative_to(ROOT)}::{naam}"
                    if plek not in gevonden[regel]:
                        gevonden[regel].append(plek)
    return gevonden


def registry() -> dict[str, dict[str, list[str]]]:
    """message type -> level-2 (and database-free) rule id -> functions."""
    from berichten.regels import basis, producten

    per_type: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for register in (basis.INHOUD, basis.ZONDER_DATABASE):
        for bericht, functies in register.items():
            for functie in functies:
                bron = inspect.getsource(functie)
                ids = set(RULE_ID.findall(bron)) | {functie.__name__[:5].upper()}
                for naam in ("CD080", "CS338", "TR302"):
                    if f"{naam}[" in bron:  # reports the id of that table per type
                        ids.add(getattr(producten, naam).get(bericht, ""))
                plek = f"{inspect.getmodule(functie).__name__.replace('.', '/')}.py::{functie.__name__}"
                for regel in ids - {""}:
                    per_type[bericht][regel].append(plek)
    return per_type


def _kort(plekken: list[str], hoogstens: int = 3) -> str:
    if not plekken:
        return "—"
    delen = [f"`{p}`" for p in plekken[:hoogstens]]
    if len(plekken) > hoogstens:
        delen.append(f"(+{len(plekken) - hoogstens})")
    return ", ".join(delen)


def _handmatig(bericht: str, regel: str):
    return HANDMATIG.get((bericht, regel)) or HANDMATIG.get(("*", regel))


def rijen() -> tuple[dict[str, list[list[str]]], list[str]]:
    code, tests, reg = index(CODE_DIRS, False), index(("tests",), True), registry()
    per_bericht: dict[str, list[list[str]]] = defaultdict(list)
    ontbreekt = []

    def plaats(bericht: str, regel: str, niveau2: bool) -> tuple[str, str]:
        hand = _handmatig(bericht, regel)
        if hand:
            return hand
        if regel.startswith("RS"):
            return XSD, XSD_TESTS
        alle = tests.get(regel, []) + tests.get(ALIAS.get(regel, ""), [])
        naam = [t for t in alle if regel.lower() in t.rpartition("::")[2]] or alle
        eigen = [t for t in naam if bericht[3:] in t.rpartition("::")[2]]
        getest = TESTS_HANDMATIG.get((bericht, regel)) or _kort(eigen or naam)
        if niveau2:
            plekken = reg.get(bericht, {}).get(regel, [])
            if plekken:
                return "niveau 2: " + _kort(plekken), getest
        else:
            plekken = [
                p
                for p in code.get(regel, [])
                if p.startswith(BESTANDEN.get(bericht, ()) + ALGEMEEN)
            ]
            if plekken:
                return _kort(plekken), getest
        ontbreekt.append(f"{bericht} {regel}")
        return "**ONTBREEKT**", getest

    for (bericht, regel), r in sorted(cd_cs_rs().items()):
        soort = {"Conditie": "CD", "Constraint": "CS", "Restrictie": "RS"}[r["soort"]]
        waar, getest = plaats(bericht, regel, niveau2=soort != "RS")
        per_bericht[bericht].append(
            [
                regel,
                f"{r['tekst']} ({', '.join(r['elementen'][:4])}"
                + (f" +{len(r['elementen']) - 4}" if len(r["elementen"]) > 4 else "")
                + ")",
                r["rc"] or "–",
                waar,
                getest,
            ]
        )
    for regel, r in sorted(technische_regels().items()):
        for bericht in r["berichten"]:
            niveau2 = r["niveau"].startswith("bericht inhoud")
            waar, getest = plaats(bericht, regel, niveau2=niveau2)
            per_bericht[bericht].append(
                [regel, f"{r['tekst']} ({r['niveau']})", r["rc"], waar, getest]
            )
    return per_bericht, ontbreekt


KOP = """# iWmo 3.2 rules per message: where they are checked and tested

Generated by `scripts/regeltabel.py` from the 3.2 rule texts in
`../shared/docs/iwmo/spec-text-3.2/` (`CD_CS_RS_per_dataelement.md`: every
condition, constraint and restriction per data element; `technische-regels-TR.md`:
every TR with the messages it is used in). One line per rule and message.

- **Waar**: "niveau 2" rules run in the pipeline before the domain handler (a
  finding gives a retour with 0001, `berichten/regels/`); others are named by the
  functions that check them (levels 3/4: the domain handlers, `declaraties/checks.py`,
  `toewijzingen/regels/`, `toewijzingen/ontvangst.py`; the portal's own sending
  services check the same rules before a message leaves). RS rules are the XSD.
- **Getest door**: the test functions whose name or body names the rule id
  (those named after the rule and the message first), or the ones listed by hand
  in the script.
- A rule that is not implemented says so, with the reason.

Rules outside these two lists that the portal also checks: IV034 (XsdVersie of the
schema, `berichten/regels/algemeen.py`), OP087 (a 301 is the complete set,
`toewijzingen/ontvangst.py`), OP179 (25 MB, parser), TR056 by a database
constraint.
"""


def render() -> tuple[str, list[str]]:
    """The Markdown of the table, and the rules without a place or a reason."""
    per_bericht, ontbreekt = rijen()
    delen = [KOP]
    for bericht in BERICHTEN:
        titel = (
            "Retourberichten 302–320 (header)" if bericht == "WMO Retour" else bericht
        )
        delen.append(f"\n## {titel}\n")
        delen.append("| Regel | Inhoud | RC | Waar | Getest door |")
        delen.append("|---|---|---|---|---|")
        for rij in per_bericht.get(bericht, []):
            delen.append("| " + " | ".join(c.replace("|", "/") for c in rij) + " |")
    delen.append(
        "\nWMO302, 306, 308, 316, 318 and 320 have no rules of their own in these lists "
        "beyond the header restrictions above; the portal builds them per IV028 "
        "(`berichten/retour.py`, `tests/berichten/test_retour.py`) and links an "
        "inbound one to its heenbericht (TR063 9063 when there is none)."
    )
    return "\n".join(delen) + "\n", ontbreekt


def main() -> int:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    tekst, ontbreekt = render()
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(tekst)
    if ontbreekt:
        print("Zonder plaats of reden:", ", ".join(ontbreekt))
        return 1
    print(f"{TARGET.relative_to(ROOT)} geschreven.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
