"""The ladder: which app may import which (issue 15).

Every first-party module's imports are read with `ast` (function-local imports and
`TYPE_CHECKING` blocks included, migrations left out) and checked against:

- the ladder core → stamgegevens → berichten → toewijzingen → declaraties → top
  (portaal, rapportages, demo): an app imports only its own rung and those below;
- berichten's door: the apps above berichten reach it only through `BERICHTEN_DEUR`
  (the public `berichten.verkeer` plus models, constants, XML, the handler registry,
  the rules and the reads); berichten itself reaches the domain apps only through
  its handler registry (they register in their AppConfig.ready);
- no app imports another app's views (shared view plumbing lives in `core.views`
  and `core.api`);
- `demo` is imported by nothing but itself (and tests, benchmarks, which are not
  scanned); `config` may import anything, and nothing imports it;
- no import cycle between modules (a cycle hidden in a function-local import counts).
"""

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LADDER = {
    "core": 0,
    "stamgegevens": 1,
    "berichten": 2,
    "toewijzingen": 3,
    "declaraties": 4,
    "portaal": 5,
    "rapportages": 5,
    "demo": 5,
}
# What the apps above berichten may import of it (a module or a package prefix).
BERICHTEN_DEUR = (
    "berichten.verkeer",
    "berichten.models",
    "berichten.constants",
    "berichten.xml",
    "berichten.registry",
    "berichten.bevinding",
    "berichten.paden",
    "berichten.regels",
    "berichten.selectors",
)
# Only demo imports demo.
GESLOTEN = {"demo"}
# Known cycles (sorted module sets); the list only shrinks, and it is empty.
BEKENDE_CYCLI: list[tuple[str, ...]] = []


@dataclass(frozen=True)
class Import:
    van: str  # importing module
    naar: str  # imported first-party module
    pad: str  # file, relative to the root
    regel: int
    tekst: str


def modules(root: Path, apps) -> dict[str, Path]:
    """Module name → file, for every .py of the apps outside migrations."""
    gevonden = {}
    for app in apps:
        for pad in sorted((root / app).rglob("*.py")):
            deel = pad.relative_to(root).with_suffix("").parts
            if "migrations" in deel:
                continue
            if deel[-1] == "__init__":
                deel = deel[:-1]
            gevonden[".".join(deel)] = pad
    return gevonden


def _oplossen(naam: str, bekend) -> str | None:
    """The known module `naam` is (or lies in): `a.b.c` → `a.b` when c is a name."""
    while naam not in bekend:
        if "." not in naam:
            return None
        naam = naam.rsplit(".", 1)[0]
    return naam


def imports(root: Path, apps) -> list[Import]:
    """Every import of a first-party module by a module of `apps`."""
    bekend = modules(root, apps)
    gevonden = []
    gezien = set()
    for module, pad in bekend.items():
        bron = pad.read_text(encoding="utf-8")
        is_pakket = pad.name == "__init__.py"
        for node in ast.walk(ast.parse(bron, filename=str(pad))):
            if isinstance(node, ast.Import):
                namen = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    basis = module.split(".")
                    if not is_pakket:
                        basis = basis[:-1]
                    basis = basis[: len(basis) - (node.level - 1)]
                    doel = ".".join([*basis, *([node.module] if node.module else [])])
                else:
                    doel = node.module or ""
                namen = [f"{doel}.{alias.name}" for alias in node.names]
            else:
                continue
            for naam in namen:
                naar = _oplossen(naam, bekend)
                if naar is None and naam.split(".")[0] == "config":
                    naar = naam
                if (
                    naar
                    and naar != module
                    and (module, naar, node.lineno) not in gezien
                ):
                    gezien.add((module, naar, node.lineno))
                    gevonden.append(
                        Import(
                            van=module,
                            naar=naar,
                            pad=str(pad.relative_to(root)),
                            regel=node.lineno,
                            tekst=ast.get_source_segment(bron, node)
                            or ast.unparse(node),
                        )
                    )
    return gevonden


def _app(module: str) -> str:
    return module.split(".")[0]


def _is_view(module: str) -> bool:
    return any(
        deel == "views" or deel.startswith("views_") for deel in module.split(".")
    )


def ladderfouten(
    alle: list[Import],
    ladder=LADDER,
    deur=BERICHTEN_DEUR,
    gesloten=GESLOTEN,
) -> list[str]:
    """One line per import against the rules above, with file:line and the import."""
    fouten = []
    for imp in alle:
        van, naar = _app(imp.van), _app(imp.naar)
        plek = f"{imp.pad}:{imp.regel}: `{imp.tekst}`"
        if van == naar:
            continue
        if naar != "core" and _is_view(imp.naar):
            fouten.append(
                f"{plek}: {van} imports a view of {naar} (shared: core.views)"
            )
        elif naar == "config":
            fouten.append(f"{plek}: {van} imports config (only config imports apps)")
        elif naar in gesloten:
            fouten.append(f"{plek}: {naar} is imported by nothing but itself")
        elif ladder[naar] > ladder[van]:
            fouten.append(
                f"{plek}: upward import, {van} (rung {ladder[van]}) imports "
                f"{naar} (rung {ladder[naar]})"
            )
        elif (
            naar == "berichten"
            and van not in gesloten
            and not any(imp.naar == d or imp.naar.startswith(d + ".") for d in deur)
        ):
            fouten.append(
                f"{plek}: {van} reaches berichten past its door ({imp.naar}); use "
                "berichten.verkeer or another module of BERICHTEN_DEUR"
            )
    return fouten


def cycli(alle: list[Import]) -> list[tuple[str, ...]]:
    """The import cycles between modules: each strongly connected set, sorted."""
    graaf: dict[str, set[str]] = {}
    for imp in alle:
        graaf.setdefault(imp.van, set()).add(imp.naar)
        graaf.setdefault(imp.naar, set())
    index: dict[str, int] = {}
    laag: dict[str, int] = {}
    stapel: list[str] = []
    op_stapel: set[str] = set()
    gevonden = []

    def bezoek(start: str) -> None:  # Tarjan, iteratively
        werk = [(start, iter(sorted(graaf[start])))]
        index[start] = laag[start] = len(index)
        stapel.append(start)
        op_stapel.add(start)
        while werk:
            knoop, buren = werk[-1]
            for buur in buren:
                if buur not in index:
                    index[buur] = laag[buur] = len(index)
                    stapel.append(buur)
                    op_stapel.add(buur)
                    werk.append((buur, iter(sorted(graaf[buur]))))
                    break
                if buur in op_stapel:
                    laag[knoop] = min(laag[knoop], index[buur])
            else:
                werk.pop()
                if werk:
                    ouder = werk[-1][0]
                    laag[ouder] = min(laag[ouder], laag[knoop])
                if laag[knoop] == index[knoop]:
                    deel = []
                    while True:
                        lid = stapel.pop()
                        op_stapel.discard(lid)
                        deel.append(lid)
                        if lid == knoop:
                            break
                    if len(deel) > 1:
                        gevonden.append(tuple(sorted(deel)))

    for knoop in sorted(graaf):
        if knoop not in index:
            bezoek(knoop)
    return sorted(gevonden)


def _cyclus_tekst(cyclus: tuple[str, ...], alle: list[Import]) -> str:
    leden = set(cyclus)
    randen = sorted(
        {
            f"    {imp.pad}:{imp.regel}: `{imp.tekst}`"
            for imp in alle
            if imp.van in leden and imp.naar in leden
        }
    )
    return "cycle " + " ↔ ".join(cyclus) + "\n" + "\n".join(randen)


# --- the code base -----------------------------------------------------------------


def test_no_import_climbs_the_ladder_or_passes_berichten_door():
    fouten = ladderfouten(imports(ROOT, LADDER))
    assert not fouten, "\n".join(fouten)


def test_no_import_cycle_between_modules():
    alle = imports(ROOT, LADDER)
    nieuw = [c for c in cycli(alle) if c not in BEKENDE_CYCLI]
    assert not nieuw, "\n".join(_cyclus_tekst(c, alle) for c in nieuw)


def test_every_app_is_on_the_ladder():
    apps = {
        pad.parent.name
        for pad in ROOT.glob("*/apps.py")
        if pad.parent.name not in ("config", "tests")
    }
    assert apps == set(LADDER)


# --- the checker itself, on a synthetic tree ---------------------------------------


def _boom(root: Path, bestanden: dict[str, str]) -> Path:
    for naam, inhoud in bestanden.items():
        pad = root / naam
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_text(inhoud, encoding="utf-8")
    return root


SCHONE_BOOM = {
    "core/__init__.py": "",
    "core/models.py": "",
    "core/migrations/0001_initial.py": "from declaraties.models import X\n",
    "berichten/__init__.py": "",
    "berichten/verkeer.py": "from core import models\n",
    "berichten/services.py": "from . import verkeer\n",
    "declaraties/__init__.py": "",
    "declaraties/services.py": (
        "from typing import TYPE_CHECKING\n"
        "from berichten.verkeer import bericht_versturen\n"
        "if TYPE_CHECKING:\n"
        "    from core.models import User\n"
    ),
    "demo/__init__.py": "",
    "demo/bulk.py": "from declaraties import services\n",
    "berichten/views.py": "from core import models\n",
}
LADDER_KLEIN = {"core": 0, "berichten": 2, "declaraties": 4, "demo": 5}


def test_checker_passes_a_clean_tree(tmp_path):
    alle = imports(_boom(tmp_path, SCHONE_BOOM), LADDER_KLEIN)
    assert ladderfouten(alle, ladder=LADDER_KLEIN) == []
    assert cycli(alle) == []
    # Migrations are left out; relative imports are resolved.
    assert not any(i.pad.startswith("core/migrations") for i in alle)
    assert ("berichten.services", "berichten.verkeer") in {
        (i.van, i.naar) for i in alle
    }


def test_checker_fails_on_a_planted_upward_import(tmp_path):
    boom = SCHONE_BOOM | {
        "core/planted.py": "def later():\n    from declaraties.services import x\n"
    }
    fouten = ladderfouten(imports(_boom(tmp_path, boom), LADDER_KLEIN), LADDER_KLEIN)
    assert fouten == [
        "core/planted.py:2: `from declaraties.services import x`: upward import, "
        "core (rung 0) imports declaraties (rung 4)"
    ]


def test_checker_fails_on_an_upward_import_under_type_checking(tmp_path):
    boom = SCHONE_BOOM | {
        "berichten/typen.py": (
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n"
            "    import declaraties.services\n"
        )
    }
    fouten = ladderfouten(imports(_boom(tmp_path, boom), LADDER_KLEIN), LADDER_KLEIN)
    assert len(fouten) == 1 and fouten[0].startswith(
        "berichten/typen.py:3: `import declaraties.services`: upward import"
    )


def test_checker_fails_past_berichten_door_and_on_demo(tmp_path):
    boom = SCHONE_BOOM | {
        "declaraties/views.py": (
            "from berichten.services import bericht_ontvangen\nimport demo.bulk\n"
            "from berichten.views import BerichtListView\n"
        )
    }
    fouten = ladderfouten(imports(_boom(tmp_path, boom), LADDER_KLEIN), LADDER_KLEIN)
    assert len(fouten) == 3
    assert "reaches berichten past its door (berichten.services)" in fouten[0]
    assert fouten[1].endswith("demo is imported by nothing but itself")
    assert fouten[2].endswith(
        "declaraties imports a view of berichten (shared: core.views)"
    )


def test_checker_reports_a_cycle_hidden_in_a_function(tmp_path):
    boom = SCHONE_BOOM | {
        "berichten/tasks.py": "from berichten import services\n",
        "berichten/services.py": "def later():\n    from berichten.tasks import t\n",
    }
    alle = imports(_boom(tmp_path, boom), LADDER_KLEIN)
    assert cycli(alle) == [("berichten.services", "berichten.tasks")]
    assert "berichten/services.py:2: `from berichten.tasks import t`" in (
        _cyclus_tekst(cycli(alle)[0], alle)
    )
