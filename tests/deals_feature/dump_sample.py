"""The real dump sample as matching-catalogue rows, read minimally with ElementTree.

A stand-in until the dump reader (issue 11) lands: it then replaces this loader, the catalogue
protocol stays the same.
"""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from gramtui.domain.deals import text
from gramtui.domain.deals.catalogue import CatalogueRelease

# The real sample, vendored with the tests (tests/fixtures/dumps/README.md says where it is from).
SAMPLE = (
    Path(__file__).resolve().parents[1]
    / "fixtures"
    / "dumps"
    / "philipmat-discogs-xml2db"
    / "discogs_20200806_releases.xml.gz"
)


def _artist(release: ET.Element) -> str:
    parts: list[str] = []
    artists = release.findall("./artists/artist")
    for i, a in enumerate(artists):
        parts.append((a.findtext("anv") or a.findtext("name") or "").strip())
        join = (a.findtext("join") or "").strip()
        if i < len(artists) - 1:
            parts.append(", " if join in ("", ",") else f" {join} ")
    return "".join(parts)


def read_releases(path: Path = SAMPLE) -> Iterator[CatalogueRelease]:
    with gzip.open(path, "rb") as f:
        for _, el in ET.iterparse(f, events=("end",)):
            if el.tag != "release":
                continue
            master = el.find("master_id")
            released = el.findtext("released") or ""
            year = re.match(r"\d{4}", released)
            barcodes = tuple(
                re.sub(r"\D", "", i.get("value", ""))
                for i in el.findall("./identifiers/identifier")
                if i.get("type") == "Barcode"
            )
            yield CatalogueRelease(
                release_id=int(el.get("id", "0")),
                artist=_artist(el),
                title=(el.findtext("title") or "").strip(),
                master_id=int(master.text) if master is not None and master.text else None,
                catnos=tuple(lb.get("catno", "") for lb in el.findall("./labels/label")),
                barcodes=tuple(b for b in barcodes if b),
                formats=tuple(
                    dict.fromkeys(
                        text.format_family(f.get("name", ""))
                        for f in el.findall("./formats/format")
                    )
                ),
                labels=tuple(lb.get("name", "") for lb in el.findall("./labels/label")),
                year=int(year.group()) if year and year.group() != "0000" else None,
            )
            el.clear()
