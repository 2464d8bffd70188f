"""The WARC: every published address of the site, as a static host answers it
(status 200, Content-Type, Content-Length), for web archives and their replay
software (pywb, the Wayback Machine). Written with warcio.

Every record is dated at the capture time and named by a UUID made from its
address and that time, and the records follow the addresses' order: the same
site gives the same bytes. A folder's index.html is recorded at the folder's
address (`…/about/`), as readers and the sitemap name it.
"""

from __future__ import annotations

import datetime
import io
import uuid
from importlib.metadata import version
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from kazdual.static_site import content_type

# The namespace of the records' UUIDs: the same address and time, the same id.
RECORD_IDS = uuid.UUID("5d4f7d3e-3f0a-5b1e-9d2c-6b61a1c0d0a5")


def _warc_date(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _record_id(kind: str, address: str, date: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(RECORD_IDS, f'{kind} {address} {date}')}>"


def site_warc(site, moment: datetime.datetime, filename: str) -> bytes:
    """The gzipped WARC's bytes: a warcinfo record, then one response per published address."""
    date = _warc_date(moment)
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    info = (
        f"software: scripts/archive.py of the KAZDUAL website, warcio {version('warcio')}\r\n"
        f"format: WARC File Format 1.0\r\n"
        f"description: the KAZDUAL website as published at {site.base}\r\n"
        f"isPartOf: {site.base}\r\n"
    ).encode()
    writer.write_record(
        writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(info),
            length=len(info),
            warc_headers_dict={
                "WARC-Record-ID": _record_id("warcinfo", filename, date),
                "WARC-Date": date,
                "WARC-Filename": filename,
                "Content-Type": "application/warc-fields",
            },
        )
    )
    for address, path in sorted((site.url(path), path) for path in site.files):
        body = (site.folder / path).read_bytes()
        headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", content_type(Path(path))), ("Content-Length", str(len(body)))],
            protocol="HTTP/1.1",
        )
        writer.write_record(
            writer.create_warc_record(
                address,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Record-ID": _record_id("response", address, date), "WARC-Date": date},
            )
        )
    return buffer.getvalue()
