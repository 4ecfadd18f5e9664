"""The hardened parser refuses hostile or wrong input with a Dutch message and a code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from berichten.xml.codec import decode
from berichten.xml.parser import MAX_BYTES, MessageKind, XmlInputError, identify, parse

EXAMPLES = Path("/work/shared/docs/iwmo/examples-3.2")
IJW_EXAMPLES = Path("/work/shared/docs/iwmo/examples-ijw-3.2")
WMO301 = (EXAMPLES / "WMO301.xml").read_bytes()
DUTCH = re.compile(
    r"\b(het|de|is|niet|een|geen|bestand|bericht|moet|verwacht|ontbreekt)\b",
    re.IGNORECASE,
)


def refused(data: bytes, code: str) -> XmlInputError:
    with pytest.raises(XmlInputError) as info:
        decode(data)
    error = info.value
    assert error.code == code, str(error)
    assert DUTCH.search(str(error)), f"not Dutch: {error}"
    return error


def test_external_entity_refused() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b"<foo>&xxe;</foo>"
    )
    error = refused(data, "dtd_forbidden")
    assert "root:" not in str(error)


def test_billion_laughs_refused() -> None:
    entities = "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    data = f'<!DOCTYPE lolz [<!ENTITY lol0 "lol">{entities}]><lolz>&lol9;</lolz>'
    refused(data.encode(), "dtd_forbidden")


def test_external_dtd_refused() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE foo SYSTEM "http://example.com/evil.dtd"><foo/>'
    refused(data, "dtd_forbidden")


def test_doctype_after_prolog_comment_refused() -> None:
    refused(b"<!-- x --><!doctype foo><foo/>", "dtd_forbidden")


def test_undeclared_entity_refused() -> None:
    refused(b"<foo>&xxe;</foo>", "entity_forbidden")


def test_too_large_refused() -> None:
    refused(b" " * (MAX_BYTES + 1), "too_large")


def test_deep_nesting_refused() -> None:
    depth = 100
    data = b"<a>" * depth + b"</a>" * depth
    refused(data, "too_deep")


def test_nesting_at_limit_accepted() -> None:
    data = b"<a>" * 64 + b"</a>" * 64
    assert parse(data).tag == "a"


def test_bom_accepted() -> None:
    msg = decode(b"\xef\xbb\xbf" + WMO301)
    assert msg.BERICHT == "WMO301"


def test_latin1_declaration_refused() -> None:
    data = WMO301.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
    error = refused(data, "encoding")
    assert "ISO-8859-1" in str(error)


def test_invalid_utf8_bytes_refused() -> None:
    refused(b'<?xml version="1.0"?><foo>caf\xe9</foo>', "encoding")


def test_utf16_refused() -> None:
    refused(WMO301.decode().encode("utf-16"), "encoding")


def test_empty_refused() -> None:
    refused(b"  \n", "empty")


def test_truncated_is_malformed_with_line() -> None:
    data = WMO301[: len(WMO301) // 2]
    error = refused(data, "malformed")
    assert error.line is not None and error.line > 1
    assert f"regel {error.line}" in str(error)


def test_wrong_namespace() -> None:
    error = refused(b'<Bericht xmlns="http://example.com/x"/>', "wrong_namespace")
    assert "iWmo 3.2" in str(error)


def test_wrong_root_element() -> None:
    data = WMO301.replace(b"wmo301:Bericht", b"wmo301:WMO301")
    refused(data, "wrong_namespace")


def test_iwmo2_namespace_hint() -> None:
    data = WMO301.replace(b"/iwmo/3_2/", b"/iwmo/2_4/")
    error = refused(data, "wrong_namespace")
    assert "iWmo 2.4" in str(error)


def test_ijw_namespace_hint() -> None:
    error = refused((IJW_EXAMPLES / "JW301.xml").read_bytes(), "wrong_namespace")
    assert "iJw" in str(error)


def test_iwmo2_only_message_unknown() -> None:
    data = WMO301.replace(b"wmo301", b"wmo303")
    refused(data, "unknown_berichtcode")


def test_unknown_berichtcode() -> None:
    data = WMO301.replace(b">414<", b">999<")
    error = refused(data, "unknown_berichtcode")
    assert "999" in str(error)


def test_berichtcode_of_other_message() -> None:
    data = WMO301.replace(b">414<", b">418<")
    error = refused(data, "unknown_berichtcode")
    assert "WMO305" in str(error)


def test_wrong_version() -> None:
    data = WMO301.replace(
        b"<wmo301:BerichtSubversie>2<", b"<wmo301:BerichtSubversie>1<"
    )
    error = refused(data, "wrong_version")
    assert "3.1" in str(error)


def test_identify() -> None:
    kind = identify(parse(WMO301))
    assert kind == MessageKind(
        bericht="WMO301",
        berichtcode="414",
        namespace="http://www.istandaarden.nl/iwmo/3_2/wmo301/schema",
    )


# ------------------------------------------------------- structure (decoding)


def test_missing_required_element_named() -> None:
    data = re.sub(rb"<wmo301:Bsn>\d+</wmo301:Bsn>", b"", WMO301)
    error = refused(data, "structure")
    assert "'Bsn'" in str(error)


def test_unexpected_element_named() -> None:
    data = WMO301.replace(
        b"<wmo301:Bsn>", b"<wmo301:Onbekend>1</wmo301:Onbekend><wmo301:Bsn>"
    )
    error = refused(data, "structure")
    assert "'Onbekend'" in str(error)


def test_element_in_wrong_namespace() -> None:
    data = WMO301.replace(
        b"<iwmo:Identificatie>", b"<wmo301:Identificatie>", 1
    ).replace(b"</iwmo:Identificatie>", b"</wmo301:Identificatie>", 1)
    error = refused(data, "structure")
    assert "'Identificatie'" in str(error)


def test_bad_date_named() -> None:
    data = re.sub(
        rb"<iwmo:Dagtekening>[^<]+<", b"<iwmo:Dagtekening>2023-13-45<", WMO301, count=1
    )
    error = refused(data, "structure")
    assert "'Dagtekening'" in str(error) and "2023-13-45" in str(error)


def test_empty_element_refused() -> None:
    data = re.sub(rb"<wmo301:Bsn>\d+</wmo301:Bsn>", b"<wmo301:Bsn/>", WMO301)
    error = refused(data, "structure")
    assert "'Bsn'" in str(error)


def test_duplicate_element_refused() -> None:
    data = re.sub(rb"(<wmo301:Bsn>\d+</wmo301:Bsn>)", rb"\1\1", WMO301)
    refused(data, "structure")
