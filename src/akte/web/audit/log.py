"""Writing the access log, declared once per view.

A view that shows or changes a person's data says so with `@logs_access` (an API operation
with `@logs_api_access`): for each action, where in the response the records are. The
decorator writes one entry per record after the view returned, in one bulk insert, with the
purpose the user chose for this session (or one derived from their role, or the one the
declaration fixes). Changes (create, update) and their entries commit in one transaction.

    @logs_access(search=searched, read="page")  # a context key, or a function of the context
    def procedure_list(request): ...

A record is a `Subject`, or an object with an `access_subject` property (the case models
have one), or None (nothing shown). The context is a `TemplateResponse`'s `context_data`, or
what the view attached with `shown(response, key=object)` (files, redirects). For an API
operation the function gets the operation's result. `tests/web/test_access_walk.py` walks
every URL and API operation and fails on a page that shows a person without an entry.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest, HttpResponse

from akte.web.accounts.purposes import Purpose, current_purpose

from .models import AccessLogEntry, Action
from .subject import Subject

# where the records are: a key of the response's context, or a function of it
Shows = str | Callable[[object], object]
# the purpose: fixed, or chosen from the request (None: the session's or the role's)
PurposeFor = Purpose | Callable[[HttpRequest], Purpose | None] | None


@dataclass(frozen=True)
class Declaration:
    action: Action
    shows: Shows


def _subjects(found: object) -> list[Subject]:
    if found is None:
        return []
    if isinstance(found, Subject) or hasattr(found, "access_subject"):
        found = [found]
    subjects = []
    for item in found:
        if item is None:
            continue
        subject = item if isinstance(item, Subject) else item.access_subject
        if subject not in subjects:
            subjects.append(subject)
    return subjects


def _declarations(shows: dict[str, Shows]) -> tuple[Declaration, ...]:
    unknown = set(shows) - set(Action.values)
    if unknown:
        raise TypeError(f"unknown access log action(s): {', '.join(sorted(unknown))}")
    return tuple(Declaration(Action(action), where) for action, where in shows.items())


def entries_for(
    request: HttpRequest,
    declarations: Iterable[Declaration],
    context: object,
    *,
    purpose: PurposeFor = None,
    via: str = "web",
) -> list[AccessLogEntry]:
    """The entries a response owes the log (not yet saved)."""
    user = request.user
    chosen = purpose(request) if callable(purpose) else purpose
    common = {
        "user": user,
        "username": user.get_username(),
        "role": getattr(user, "role", ""),
        "via": via,
        "purpose": chosen or current_purpose(request),
        "path": request.path[:300],
    }
    entries, subjects = [], []
    for declaration in declarations:
        where = declaration.shows
        if callable(where):
            found = where(context)
        else:
            found = context.get(where) if isinstance(context, Mapping) else None
        for subject in _subjects(found):
            entry = AccessLogEntry(
                action=declaration.action,
                person_id=subject.person_id,
                procedure_id=subject.procedure_id,
                record=subject.record,
                **common,
            )
            entries.append(entry)
            subjects.append(subject)
    if entries:  # only a response that shows someone asks for the running grants
        broken = _broken_glass(user)
        for entry, subject in zip(entries, subjects, strict=True):
            if _under_grant(subject, broken):
                entry.purpose = Purpose.BREAK_GLASS
    return entries


def _broken_glass(user) -> tuple[set[int], set[int]]:
    """The procedures and persons the user reads under a running break-glass grant."""
    from .break_glass import active_grants

    grants = list(active_grants(user).values_list("procedure_id", "person_id"))
    return {p for p, _ in grants}, {q for _, q in grants}


def _under_grant(subject: Subject, broken: tuple[set[int], set[int]]) -> bool:
    procedures, persons = broken
    if subject.procedure_id is not None:
        return subject.procedure_id in procedures
    return subject.person_id in persons


def _write(entries: list[AccessLogEntry]) -> None:
    if entries:
        AccessLogEntry.objects.bulk_create(entries)


def _changes(declarations: tuple[Declaration, ...]) -> bool:
    return any(d.action in (Action.CREATE, Action.UPDATE) for d in declarations)


def response_context(response: HttpResponse) -> Mapping:
    context = getattr(response, "context_data", None)
    return context if isinstance(context, Mapping) else getattr(response, "access_context", {})


def shown(response: HttpResponse, **objects: object) -> HttpResponse:
    """Attach the records a response shows or changed, for `@logs_access` to find."""
    context = getattr(response, "context_data", None)
    if isinstance(context, dict):
        context.update(objects)
    else:
        response.access_context = {**getattr(response, "access_context", {}), **objects}
    return response


def logs_access(*, purpose: PurposeFor = None, **shows: Shows) -> Callable:
    """Declare what a Django view shows or changes: `read=`, `create=`, `update=`,
    `search=`, `export=` (in the order given), each a context key or a function of the
    context."""
    declarations = _declarations(shows)

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def logged(request, *args, **kwargs):
            if not _changes(declarations):
                response = view(request, *args, **kwargs)
                _write(
                    entries_for(request, declarations, response_context(response), purpose=purpose)
                )
                return response
            with transaction.atomic():
                response = view(request, *args, **kwargs)
                _write(
                    entries_for(request, declarations, response_context(response), purpose=purpose)
                )
            return response

        logged.access_log = declarations
        return logged

    return decorate


def logs_api_access(*, purpose: PurposeFor = None, **shows: Callable[[object], object]) -> Callable:
    """Declare what an API operation shows: each function gets the operation's result.
    Goes below the `@api.get(...)` line."""
    declarations = _declarations(shows)

    def decorate(operation: Callable) -> Callable:
        @functools.wraps(operation)
        def logged(request, *args, **kwargs):
            result = operation(request, *args, **kwargs)
            _write(entries_for(request, declarations, result, purpose=purpose, via="api"))
            return result

        # django-ninja reads the signature; give it the resolved one of the operation
        del logged.__wrapped__
        logged.__signature__ = inspect.signature(operation, eval_str=True)
        logged.access_log = declarations
        return logged

    return decorate


def shows_no_personal_data(view: Callable) -> Callable:
    """Mark a view that shows nothing of a person (status only, the log itself, a form)."""
    view.access_log = ()
    return view


def record_cli_access(
    *,
    action: Action,
    record: str,
    person_id: int | None,
    procedure_id: int | None,
    purpose: Purpose,
) -> AccessLogEntry:
    """An access from the command line: the operating-system user is recorded."""
    import getpass

    return AccessLogEntry.objects.create(
        user=None,
        username=f"cli:{getpass.getuser()}",
        role="",
        via="cli",
        action=action,
        purpose=purpose,
        person_id=person_id,
        procedure_id=procedure_id,
        record=record,
    )
