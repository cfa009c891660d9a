"""Reads a built site's events.ics and feed.xml with parsers that are not shirube's own, and
prints what they found as JSON for tests/open_data.rs to compare with the content.

events.ics is read by the `icalendar` package (RFC 5545); feed.xml by Python's own XML parser,
with the Atom elements RFC 4287 requires checked here. Any parse error ends the script with a
non-zero exit and the parser's message.
"""

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar

ATOM = "{http://www.w3.org/2005/Atom}"


def read_calendar(path):
    raw = path.read_bytes()
    # RFC 5545 3.1: CRLF line ends, no line longer than 75 octets.
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"", "the file must end with CRLF"
    for number, line in enumerate(lines[:-1], 1):
        assert b"\n" not in line, f"line {number}: a bare LF"
        assert len(line) <= 75, f"line {number}: {len(line)} octets"
    calendar = icalendar.Calendar.from_ical(raw)
    timezones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    events = []
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND") if "DTEND" in event else None
        events.append(
            {
                "uid": str(event["UID"]),
                "summary": str(event["SUMMARY"]),
                "location": str(event.get("LOCATION", "")),
                "dtstart": start.isoformat(),
                "dtend": end.isoformat() if end is not None else None,
                "tzid": event["DTSTART"].params.get("TZID"),
                "utcoffset": start.utcoffset().total_seconds() if hasattr(start, "utcoffset") and start.utcoffset() is not None else None,
                "dtstamp": event.decoded("DTSTAMP").isoformat(),
                "rrule": event["RRULE"].to_ical().decode() if "RRULE" in event else None,
                "url": str(event.get("URL", "")),
                "description": str(event.get("DESCRIPTION", "")),
            }
        )
    return {
        "version": str(calendar["VERSION"]),
        "prodid": str(calendar["PRODID"]),
        "timezones": timezones,
        "events": events,
    }


def read_feed(path):
    root = ET.parse(path).getroot()
    assert root.tag == ATOM + "feed", root.tag
    for required in ("id", "title", "updated"):
        assert root.find(ATOM + required) is not None, f"feed without <{required}>"
    assert root.find(ATOM + "author") is not None, "feed without <author>"
    entries = []
    for entry in root.findall(ATOM + "entry"):
        for required in ("id", "title", "updated"):
            assert entry.find(ATOM + required) is not None, f"entry without <{required}>"
        link = entry.find(ATOM + "link")
        entries.append(
            {
                "id": entry.findtext(ATOM + "id"),
                "title": entry.findtext(ATOM + "title"),
                "updated": entry.findtext(ATOM + "updated"),
                "link": link.get("href") if link is not None else None,
            }
        )
    return {"updated": root.findtext(ATOM + "updated"), "entries": entries}


def main():
    site = Path(sys.argv[1])
    print(
        json.dumps(
            {
                "calendar": read_calendar(site / "events.ics"),
                "feed": read_feed(site / "feed.xml"),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
