"""Official examples and project samples survive decode -> encode unchanged (C14N 2.0)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from berichten.xml.codec import decode, encode

EXAMPLES = Path("/work/shared/docs/iwmo/examples-3.2")
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FILES = sorted([*EXAMPLES.glob("*.xml"), *SAMPLES.glob("*.xml")])


def canonical(data: bytes) -> str:
    return etree.canonicalize(data.decode("utf-8"), strip_text=True)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_golden(path: Path) -> None:
    data = path.read_bytes()
    msg = decode(data)
    encoded = encode(msg)
    assert canonical(encoded) == canonical(data)
    assert decode(encode(msg)) == msg
    assert decode(encode(msg, pretty=True)) == msg


def test_golden_files_found() -> None:
    assert len(list(EXAMPLES.glob("*.xml"))) == 7
