"""Regenerate core/codelijsten/iwmo-3.2.json from ../shared/docs/iwmo/codelists.md.

Run: python scripts/extract_codelists.py [path/to/codelists.md]
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "docs" / "iwmo" / "codelists.md"
TARGET = ROOT / "core" / "codelijsten" / "iwmo-3.2.json"

HEADING = re.compile(r"^### (LDT_\w+) — codelijst (\S+)")
ROW = re.compile(r"^\| `([^`]+)` \| (.+?) \|\s*$")


def extract(text: str) -> dict[str, dict]:
    lists: dict[str, dict] = {}
    current: dict | None = None
    for line in text.splitlines():
        if match := HEADING.match(line):
            current = {"codelijst": match[2], "codes": {}}
            lists[match[1]] = current
        elif line.startswith("## "):
            current = None
        elif current is not None and (match := ROW.match(line)):
            current["codes"][match[1]] = " ".join(match[2].split())
    return lists


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    data = extract(source.read_text(encoding="utf-8"))
    TARGET.write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(data)} codelijsten -> {TARGET.relative_to(ROOT)}")
