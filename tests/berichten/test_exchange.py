"""The folder channel: iwmo_import of a VECOZO/GGk download folder, iwmo_export of
the outbox."""

import shutil
from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from berichten.constants import BerichtStatus, Kanaal
from berichten.models import Bericht
from tests.berichten.factories import SAMPLES, BerichtFactory, sample_partijen
from tests.scale.explain import statistiek_bijgewerkt
from tests.stamgegevens.factories import ContractFactory

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def inbox(tmp_path):
    """A copy of the sample folder, with a non-XML file that must be ignored."""
    map_ = tmp_path / "inbox"
    shutil.copytree(SAMPLES, map_)
    (map_ / "LEESMIJ.txt").write_text("geen bericht")
    return map_


VAN_AANBIEDER = {"WMO302", "WMO305", "WMO307", "WMO315", "WMO317", "WMO320", "WMO323"}


def test_import_reads_every_xml_file_once_and_leaves_the_files(inbox):
    gemeente, aanbieder = sample_partijen()
    ContractFactory(gemeente=gemeente, aanbieder=aanbieder)  # for its 315 and 317
    bestanden = sorted(inbox.glob("*.xml"))
    output = _run("iwmo_import", str(inbox), "--namens", "aanbieder:73730012")
    ingelezen = Bericht.objects.filter(kanaal=Kanaal.MAP)
    assert sorted(ingelezen.values_list("bestandsnaam", flat=True)) == sorted(
        b.name for b in bestanden
    )
    for bestand in bestanden:
        assert f"{bestand}: " in output  # one result line per file
    assert set(ingelezen.values_list("bericht_type", flat=True)) == {
        b.name[:6] for b in bestanden
    }
    # The aanbieder's own messages are processed; the gemeente's are refused.
    aangenomen = ingelezen.exclude(status=BerichtStatus.GEWEIGERD)
    assert set(aangenomen.values_list("bericht_type", flat=True)) == VAN_AANBIEDER
    assert all(b.gemeente and b.aanbieder for b in aangenomen)
    assert all(b.exists() for b in bestanden)  # source files stay

    opnieuw = _run(
        "iwmo_import", str(bestanden[0]), str(inbox), "--namens", "aanbieder:73730012"
    )
    assert "al ontvangen als bericht" in opnieuw
    assert aangenomen.count() == len(VAN_AANBIEDER)


def test_import_of_a_missing_path_or_party_fails_clearly(tmp_path):
    sample_partijen()
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("iwmo_import", str(tmp_path / "weg"), "--namens", "gemeente:0363")
    with pytest.raises(CommandError, match="niet bekend"):
        call_command("iwmo_import", str(tmp_path), "--namens", "gemeente:0059")
    with pytest.raises(CommandError, match="geen partij"):
        call_command("iwmo_import", str(tmp_path), "--namens", "0363")
    with pytest.raises(CommandError, match="namens"):
        call_command("iwmo_import", str(tmp_path))


def test_export_writes_the_outbox_atomically_and_marks_it_sent(inbox, tmp_path):
    sample_partijen()  # the gemeente works outside the portal: its retours wait
    _run("iwmo_import", str(inbox), "--namens", "aanbieder:73730012")
    extra = BerichtFactory(
        bericht_type="WMO301",
        afzender="0363",
        identificatie="T000000099",
        status=BerichtStatus.IN_OUTBOX,
        inhoud=b"<Bericht/>",
    )
    outbox = list(Bericht.objects.filter(status=BerichtStatus.IN_OUTBOX))
    assert extra in outbox
    uit = tmp_path / "outbox"
    uit.mkdir()

    output = _run("iwmo_export", str(uit))

    namen = sorted(p.name for p in uit.iterdir())
    assert namen == sorted(
        f"{b.bericht_type}_{b.afzender}_{b.identificatie}.xml" for b in outbox
    )
    assert (uit / "WMO301_0363_T000000099.xml").read_bytes() == b"<Bericht/>"
    assert f"{len(outbox)} bericht(en) geëxporteerd" in output
    for bericht in outbox:
        bericht.refresh_from_db()
        assert bericht.status == BerichtStatus.VERZONDEN
        assert bericht.verzonden_op is not None
    assert "0 bericht(en)" in _run("iwmo_export", str(uit))  # nothing twice


def test_export_needs_an_existing_folder(tmp_path):
    with pytest.raises(CommandError, match="geen map"):
        call_command("iwmo_export", str(tmp_path / "weg"))


def test_a_large_import_ends_with_analyze(inbox, monkeypatch):
    """After many files the planner gets fresh statistics of the filled tables."""
    from berichten.management.commands import iwmo_import

    gemeente, aanbieder = sample_partijen()
    ContractFactory(gemeente=gemeente, aanbieder=aanbieder)
    monkeypatch.setattr(iwmo_import, "GROTE_IMPORT", 3)
    namens = ("--namens", "aanbieder:73730012")
    assert "ANALYZE" in _run("iwmo_import", str(inbox), *namens)
    gevuld = [m for m in iwmo_import.GEVULDE_MODELLEN if m.objects.exists()]
    assert Bericht in gevuld and all(statistiek_bijgewerkt(m) for m in gevuld)
    assert "ANALYZE" not in _run("iwmo_import", str(inbox), *namens)  # nothing new
