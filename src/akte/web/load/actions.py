"""What the people of an office do, one request each, and the record of what was acknowledged.

A write is *acknowledged* when the server answered with its redirect (3xx): the user saw it
saved (every form here redirects on success and answers 4xx or 503 when nothing was saved). Each
write carries a unique token in its text, so `Tally.lost()` can check afterwards, against the
database, that every acknowledged one is there.
"""

from __future__ import annotations

import itertools
import threading
from collections import Counter
from dataclasses import dataclass, field

from .client import Answer, Session

# Back and forth between two statuses the lifecycle allows both ways (a clerk's move that
# meets the status another clerk just set is refused as the same status: 409, nothing saved).
STATUSES = ["hearing_scheduled", "lodged"]


@dataclass
class Tally:
    """Thread-safe record of every answer, by kind of request."""

    marker: str
    answers: list[tuple[str, Answer]] = field(default_factory=list)
    acknowledged: dict[str, set[str]] = field(
        default_factory=lambda: {"segment": set(), "status": set(), "register": set()}
    )
    refused: dict[str, set[str]] = field(
        default_factory=lambda: {"segment": set(), "status": set(), "register": set()}
    )
    counter: itertools.count = field(default_factory=itertools.count)  # share it across tallies
    lock: threading.Lock = field(default_factory=threading.Lock)

    def token(self) -> str:
        with self.lock:
            return f"{self.marker}-{next(self.counter)}"

    def record(self, kind: str, answer: Answer, written: str = "") -> Answer:
        with self.lock:
            self.answers.append((kind, answer))
            if written and 300 <= answer.status < 400:
                self.acknowledged[kind].add(written)
            elif written and answer.status in (400, 409, 503):  # refused: nothing may be saved
                self.refused[kind].add(written)
        return answer

    def statuses(self) -> Counter:
        return Counter(a.status for _, a in self.answers)

    def problems(self) -> list[str]:
        """Server errors, 503s without Retry-After, and requests that got no answer."""
        found = []
        for kind, a in self.answers:
            if a.status >= 500 and a.status != 503 or a.status == 0:
                found.append(f"{kind}: {a.status} {a.error} {a.body[:200]!r}")
            elif a.status == 503 and not a.headers.get("retry-after"):
                found.append(f"{kind}: 503 without Retry-After")
        return found

    def lost(self, written: dict) -> dict[str, list[str]]:
        """Acknowledged writes missing from the database, refused ones found in it, and
        writes saved twice; `written` is `office written <marker>`'s answer."""
        segments = Counter(t.split(" ")[-1] for t in written["segments"])
        statuses = Counter(n[0].split(" ")[-1] for n in written["statuses"])
        registered = {r[0] for r in written["registered"]}
        saved = {"segment": segments, "status": statuses}
        report = {
            "missing": [
                t for kind in saved for t in self.acknowledged[kind] if t not in saved[kind]
            ]
            + [f for f in self.acknowledged["register"] if f not in registered],
            "refused_but_saved": [
                t for kind in saved for t in self.refused[kind] if t in saved[kind]
            ],
            "saved_twice": [t for c in saved.values() for t, n in c.items() if n > 1],
        }
        return report


def save_segment(session: Session, hearing: int, tally: Tally) -> Answer:
    token = tally.token()
    form = {"speaker": "applicant", "text": f"Ich bin am Montag geflohen. {token}"}
    return tally.record("segment", session.post(f"/hearings/{hearing}/segments/", form), token)


def change_status(session: Session, procedure: int, tally: Tally, n: int) -> Answer:
    token = tally.token()
    form = {"status": STATUSES[n % len(STATUSES)], "note": f"Lastprobe {token}"}
    return tally.record("status", session.post(f"/procedures/{procedure}/status/", form), token)


def register(session: Session, tally: Tally) -> Answer:
    number = 9_000_000 + int(tally.token().rsplit("-", 1)[1])
    file_number = f"{number}-475"
    form = {
        "spelling-TOTAL_FORMS": "1",
        "spelling-INITIAL_FORMS": "0",
        "spelling-MIN_NUM_FORMS": "0",
        "spelling-MAX_NUM_FORMS": "10",
        "spelling-0-given_names": "Omar",
        "spelling-0-family_name": f"Karimi{number}",
        "spelling-0-script": "Latn",
        "person-sex": "M",
        "person-birth_date": "1991",
        "person-birth_place": "Herat",
        "person-nationality": "AFG",
        "person-languages": "fa",
        "procedure-file_number": file_number,
        "procedure-office": "BER",
        "procedure-country": "SYR",
        "procedure-language": "fa",
        "procedure-lodged_on": "2024-03-01",
        "confirm_new": "1",  # a new person, not one of the possible duplicates shown
    }
    return tally.record("register", session.post("/register/", form), file_number)


def browse_list(session: Session, tally: Tally, page: int) -> Answer:
    return tally.record("list", session.get(f"/?page={1 + page % 3}"))


def browse_procedure(session: Session, procedure: int, tally: Tally) -> Answer:
    return tally.record("procedure", session.get(f"/procedures/{procedure}/"))


def poll_status(session: Session, file_number: str, tally: Tally) -> Answer:
    return tally.record("partner", session.get(f"/api/procedures/{file_number}"))


def baseline(session: Session, tally: Tally) -> Answer:
    """The login form: the same server, no database work beyond the session."""
    return tally.record("baseline", session.get("/accounts/login/"))
