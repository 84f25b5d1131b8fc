"""The form for one Dublin event, validated field by field (German and English messages)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from akte.core.message import Message
from akte.dublin.events import EVENT_TYPES, MEMBER_STATES, ROLES
from akte.web.words import words_filter as say

_REQUESTS = {t for t in EVENT_TYPES if "request_" in t or "notification_" in t}


def event_choices():
    return [(t, say(Message(f"dublin.event.{t}"))) for t in EVENT_TYPES]


class DublinEventForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Germany is the"),
        choices=[(ROLES[0], _("requesting state")), (ROLES[1], _("requested state"))],
        required=False,
    )
    type = forms.ChoiceField(label=_("Event"), choices=())
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    member_state = forms.ChoiceField(
        label=_("Other Member State"),
        choices=[("", "—")] + [(c, c) for c in MEMBER_STATES],
        required=False,
    )
    eurodac = forms.BooleanField(label=_("based on a Eurodac hit"), required=False)
    vis = forms.BooleanField(label=_("based on a VIS hit"), required=False)
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[("", "—"), ("accepted", _("accepted")), ("refused", _("refused"))],
        required=False,
    )
    reply_by = forms.DateField(
        label=_("Reply requested by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    suspensive = forms.BooleanField(label=_("with suspensive effect"), required=False)

    def __init__(self, *args, needs_role: bool = False, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = event_choices()
        self.needs_role = needs_role
        self.today = today or dt.date.today()
        if not needs_role:
            del self.fields["role"]

    def clean(self):
        data = super().clean()
        kind, day = data.get("type"), data.get("date")
        if self.needs_role and not data.get("role"):
            self.add_error("role", _("Say whether Germany requests or is requested."))
        if day and day > self.today:
            self.add_error("date", _("An event cannot lie in the future."))
        if day and day.year < 2014:
            self.add_error("date", _("Dublin III applies from 1 January 2014."))
        if kind == "reply" and not data.get("answer"):
            self.add_error("answer", _("A reply accepts or refuses."))
        if kind == "urgent_reply_requested":
            by = data.get("reply_by")
            if not by:
                self.add_error("reply_by", _("Give the date the reply was asked for."))
            elif day and by < day:
                self.add_error("reply_by", _("The reply cannot be asked for before the request."))
        if kind in _REQUESTS and not data.get("member_state"):
            self.add_error("member_state", _("Name the other Member State."))
        return data

    def event_data(self) -> dict:
        data = self.cleaned_data
        kind = data["type"]
        return {
            "type": kind,
            "date": data["date"],
            "member_state": data.get("member_state") or "",
            "eurodac": bool(data.get("eurodac")) and kind in _REQUESTS,
            "vis": bool(data.get("vis")) and kind in _REQUESTS,
            "answer": data.get("answer") or "" if kind == "reply" else "",
            "reply_by": data.get("reply_by") if kind == "urgent_reply_requested" else None,
            "suspensive": bool(data.get("suspensive")) and kind == "appeal_final_decision",
        }


class WhatIfForm(forms.Form):
    reply_on = forms.DateField(
        label=_("If the reply comes on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[("accepted", _("accepted")), ("refused", _("refused"))],
        initial="accepted",
    )
