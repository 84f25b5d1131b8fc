"""The pages `akte bench web` times: a registry, so that a new page is one line, e.g.

    PAGES.append(Page("dublin_worklist", "dublin_officer", get("/dublin/")))

A page is a name, the role of the user who asks for it and a function that makes one request
(method, path, form data) from the bench's world and the random generator, so that the
requests spread over the data (random pages of the list, random procedures).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class World:
    """What the filled database holds, for making requests."""

    procedure_ids: list[int]
    pages: int  # pages of the procedure list
    names: list[str]  # family names as registered (Latin), for the name search


Request = tuple[str, str, dict]  # method, path, POST data
MakeRequest = Callable[[World, random.Random], Request]


@dataclass(frozen=True)
class Page:
    name: str
    role: str
    request: MakeRequest


def get(path: str) -> MakeRequest:
    return lambda world, rng: ("get", path, {})


def _list_page(world: World, rng: random.Random) -> Request:
    return "get", f"/?page={rng.randint(1, min(world.pages, 50))}", {}


def _last_list_page(world: World, rng: random.Random) -> Request:
    return "get", f"/?page={world.pages - rng.randint(0, 2)}", {}


def _procedure(world: World, rng: random.Random) -> Request:
    return "get", f"/procedures/{rng.choice(world.procedure_ids)}/", {}


def _name_search(world: World, rng: random.Random) -> Request:
    """A clerk looks for one person: a rarer spelling, or the start of a file number."""
    if rng.random() < 0.2:
        return "post", "/", {"q": str(rng.choice(world.procedure_ids) + 999_999)[:6]}
    return "post", "/", {"q": rng.choice(world.names)}


def _broad_name_search(world: World, rng: random.Random) -> Request:
    """A few letters that match thousands of persons."""
    return "post", "/", {"q": rng.choice(("Moha", "Ahm", "Abd", "Tesf"))}


PAGES: list[Page] = [
    Page("procedure_list", "registry_clerk", _list_page),
    Page("procedure_list_last_page", "registry_clerk", _last_list_page),
    Page("procedure_list_filtered", "registry_clerk", get("/?status=decided&office=BER")),
    Page("procedure_list_name_search", "registry_clerk", _name_search),
    Page("procedure_list_broad_name_search", "registry_clerk", _broad_name_search),
    Page("procedure_page", "registry_clerk", _procedure),
    Page("procedure_page_interviewer", "interviewer", _procedure),
    Page("procedure_page_status_only", "partner_agency", _procedure),
    Page("worklist_registrations", "registry_clerk", get("/worklist/registrations/")),
    Page("worklist_hearings", "interviewer", get("/worklist/hearings/")),
    Page("worklist_hearings_everyone", "interviewer", get("/worklist/hearings/?who=all")),
    Page("worklist_decisions", "decision_maker", get("/worklist/decisions/")),
    Page("worklist_appeal_deadlines", "decision_maker", get("/worklist/appeal-deadlines/")),
]
