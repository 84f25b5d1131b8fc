"""akte.dublin: every article's deadline through the engine's contract (docs/dublin.md)."""

import datetime as dt

import pytest

from akte.dublin.config import DublinConfig
from akte.dublin.deadlines import STATES, deadlines
from akte.dublin.events import DublinInputError

AS_OF = dt.date(2026, 12, 1)
BY = DublinConfig(land="BY")


def ev(kind, day, **fields):
    return {"type": kind, "date": day, **fields}


def run(events, role="requesting", as_of=AS_OF, settings=BY, explain=False):
    return deadlines({"role": role, "events": events}, as_of, explain=explain, settings=settings)


def by_id(result):
    ids = [d["id"] for d in result["deadlines"]]
    assert len(ids) == len(set(ids))  # each id at most once
    assert all(d["state"] in STATES for d in result["deadlines"])
    return {d["id"]: d for d in result["deadlines"]}


# -- which regulation: the case's dates, registration 30 June vs 1 July 2026 -------------------


@pytest.mark.parametrize(
    ("events", "regulation"),
    [
        ([ev("application_registered", "2026-06-30")], "dublin-iii"),
        ([ev("application_registered", "2026-07-01")], "ammr"),
        (
            [ev("application_lodged", "2026-06-20"), ev("application_registered", "2026-07-01")],
            "ammr",
        ),
        (
            [ev("application_lodged", "2026-07-02"), ev("application_registered", "2026-06-30")],
            "dublin-iii",
        ),
        ([ev("application_lodged", "2026-06-30")], "dublin-iii"),
        ([ev("application_lodged", "2026-07-01")], "ammr"),
        ([ev("eurodac_hit", "2026-07-03"), ev("detained", "2026-06-29")], "dublin-iii"),
        ([ev("eurodac_hit", "2026-07-03")], "ammr"),
    ],
)
def test_the_regulation_follows_from_the_case_dates(events, regulation):
    for as_of in (dt.date(2026, 6, 1), dt.date(2030, 1, 1)):  # never from the evaluation date
        assert run(events, as_of=as_of)["regulation"] == regulation


def test_a_dublin_iii_case_evaluated_today_still_has_its_deadlines():
    result = by_id(run([ev("application_lodged", "2026-06-01")], as_of=dt.date(2026, 12, 1)))
    assert result["take_charge_request"]["due"] == "2026-09-01"
    assert result["take_charge_request"]["state"] == "missed"


# -- Dublin III --------------------------------------------------------------------------------


def test_dublin_iii_take_charge_month_end_and_art_42_weekends_count():
    d = by_id(run([ev("application_lodged", "2026-01-31")]))
    assert d["take_charge_request"]["due"] == "2026-04-30"
    assert "Art. 21(1)" in d["take_charge_request"]["article"]
    assert d["take_charge_request"]["consequence"] == "dublin.consequence.requesting"
    sunday = by_id(run([ev("application_lodged", "2019-03-02")]))  # 2 June 2019 is a Sunday
    assert sunday["take_charge_request"]["due"] == "2019-06-02"
    leap = by_id(run([ev("application_lodged", "2019-11-30")]))
    assert leap["take_charge_request"]["due"] == "2020-02-29"


def test_mengesteab_a_later_eurodac_hit_never_extends_three_months_from_lodging():
    events = [ev("application_lodged", "2026-01-10"), ev("eurodac_hit", "2026-03-20")]
    d = by_id(run(events))["take_charge_request"]
    assert d["due"] == "2026-04-10"  # not 20 May (two months from the hit)
    assert "Mengesteab" in d["article"]
    late = events + [ev("take_charge_request_sent", "2026-04-15", eurodac=True)]
    assert by_id(run(late))["take_charge_request"]["state"] == "missed"
    early = [ev("application_lodged", "2026-01-10"), ev("eurodac_hit", "2026-01-20")]
    assert by_id(run(early))["take_charge_request"]["due"] == "2026-03-20"


def test_art_23_2_take_back_cap_is_the_offices_choice():
    events = [
        ev("application_lodged", "2026-01-31"),
        ev("eurodac_hit", "2026-03-31"),
        ev("take_back_request_sent", "2026-04-02", eurodac=True),
    ]
    capped = by_id(run(events, settings=DublinConfig(take_back_capped=True)))
    uncapped = by_id(run(events, settings=DublinConfig(take_back_capped=False)))
    assert capped["take_back_request"]["due"] == "2026-04-30"
    assert uncapped["take_back_request"]["due"] == "2026-05-31"
    assert capped["take_back_reply"]["due"] == "2026-04-16"  # Art. 25(1): two weeks, Eurodac


def test_art_22_urgent_reply_and_tacit_acceptance_then_transfer_from_the_deemed_date():
    events = [
        ev("application_lodged", "2026-01-05"),
        ev("take_charge_request_sent", "2026-02-02"),
        ev("urgent_reply_requested", "2026-02-02", by="2026-02-12"),
    ]
    d = by_id(run(events, as_of=dt.date(2026, 2, 20)))
    assert d["take_charge_reply"]["due"] == "2026-03-02"  # Art. 22(6): one month
    assert d["take_charge_reply"]["state"] == "open"
    assert d["transfer"]["due"] == "2026-09-02"  # six months from the deemed acceptance
    assert d["transfer"]["deemed_accepted"] is True
    later = by_id(run(events, as_of=dt.date(2026, 3, 3)))
    assert later["take_charge_reply"]["state"] == "missed"
    assert later["take_charge_reply"]["consequence"] == "dublin.consequence.deemed_accepted"


def test_as_of_changes_only_the_state():
    events = [ev("application_lodged", "2026-01-05"), ev("take_charge_request_sent", "2026-02-02")]
    early, late = run(events, as_of=dt.date(2026, 2, 3)), run(events, as_of=dt.date(2027, 6, 1))
    strip = lambda r: [{k: v for k, v in d.items() if k != "state"} for d in r["deadlines"]]  # noqa: E731
    assert strip(early) == strip(late)
    assert [d["state"] for d in early["deadlines"]] != [d["state"] for d in late["deadlines"]]


def test_refusal_then_acceptance_after_reexamination():
    events = [
        ev("application_lodged", "2026-01-05"),
        ev("take_charge_request_sent", "2026-02-02"),
        ev("reply", "2026-03-10", answer="refused"),
        ev("reexamination_requested", "2026-03-20"),
        ev("reply", "2026-04-01", answer="accepted"),
    ]
    d = by_id(run(events))
    assert d["take_charge_reply"]["state"] == "met"
    assert d["transfer"]["counted_from"] == "2026-04-01"
    assert d["transfer"]["due"] == "2026-10-01"
    refused = by_id(run(events[:3]))
    assert refused["transfer"]["state"] == "not_applicable"


def test_art_28_detention_dublin_iii():
    events = [ev("application_lodged", "2026-01-31"), ev("detained", "2026-02-01")]
    d = by_id(run(events))["take_charge_request"]
    assert d["due"] == "2026-02-28" and d["latest"] == "2026-04-30"
    assert d["consequence"] == "dublin.consequence.release_from_detention"
    assert d["latest_consequence"] == "dublin.consequence.requesting"
    events += [ev("take_charge_request_sent", "2026-02-10")]
    reply = by_id(run(events))
    assert reply["take_charge_reply"]["due"] == "2026-02-24"  # two weeks, silence = acceptance
    assert reply["transfer"]["due"] == "2026-04-07"  # six weeks from the deemed acceptance
    assert reply["transfer"]["latest"] == "2026-08-24"


def test_dublin_iii_transfer_extensions():
    base = [
        ev("application_lodged", "2026-01-05"),
        ev("take_charge_request_sent", "2026-02-02"),
        ev("reply", "2026-02-27", answer="accepted"),
    ]
    assert by_id(run(base))["transfer"]["due"] == "2026-08-27"
    assert by_id(run(base + [ev("imprisoned", "2026-05-01")]))["transfer"]["due"] == "2027-02-27"
    assert by_id(run(base + [ev("absconded", "2026-05-01")]))["transfer"]["due"] == "2027-08-27"
    appeal = base + [ev("appeal_final_decision", "2026-06-30", suspensive=True)]
    assert by_id(run(appeal))["transfer"]["due"] == "2026-12-30"
    done = base + [ev("transfer_carried_out", "2026-08-27")]
    assert by_id(run(done))["transfer"]["state"] == "met"


# -- AMMR ------------------------------------------------------------------------------------


def test_ammr_take_charge_counting_by_1182_71_with_the_lands_holidays():
    registered = [ev("application_registered", "2026-11-06")]
    bavaria = by_id(run(registered, settings=DublinConfig(land="BY")))
    berlin = by_id(run(registered, settings=DublinConfig(land="BE")))
    assert bavaria["take_charge_request"]["due"] == "2027-01-07"  # 6 January: Epiphany in Bavaria
    assert berlin["take_charge_request"]["due"] == "2027-01-06"
    weekend = by_id(run([ev("application_registered", "2026-12-31")]))
    assert weekend["take_charge_request"]["due"] == "2027-03-01"  # Sunday 28 February
    leap = by_id(run([ev("application_registered", "2027-12-31")]))
    assert leap["take_charge_request"]["due"] == "2028-02-29"
    assert leap["take_charge_request"]["consequence"] == "dublin.consequence.registering"


def test_ammr_hit_reply_transfer_decision_and_transfer():
    events = [
        ev("application_registered", "2026-07-01"),
        ev("vis_hit", "2026-07-10"),
        ev("take_charge_request_sent", "2026-07-31", vis=True, member_state="AT"),
    ]
    d = by_id(run(events))
    assert (
        d["take_charge_request"]["due"] == "2026-08-10"
        and d["take_charge_request"]["state"] == "met"
    )
    assert d["take_charge_reply"]["due"] == "2026-08-14"  # Art. 40(2): two weeks
    assert d["transfer_decision"]["due"] == "2026-08-28"  # Art. 42(1), from the deemed acceptance
    assert d["transfer"]["due"] == "2027-02-15"  # 14 February 2027 is a Sunday
    absconded = by_id(run(events + [ev("absconded", "2026-10-01")]))
    assert absconded["transfer"]["due"] == "2029-08-14"  # Art. 46(2): three years (verify)


def test_ammr_take_back_notification_and_tacit_confirmation():
    events = [ev("application_registered", "2026-08-03"), ev("eurodac_hit", "2026-08-03")]
    open_ = by_id(run(events))
    assert set(open_) == {
        "take_charge_request",
        "take_charge_reply",
        "take_back_notification",
        "take_back_confirmation",
        "transfer_decision",
        "transfer",
    }
    events += [ev("take_back_notification_sent", "2026-08-20")]  # late: 17 August was the day
    d = by_id(run(events))
    assert "take_charge_request" not in d
    assert d["take_back_notification"]["due"] == "2026-08-17"
    assert d["take_back_notification"]["state"] == "missed"
    assert d["take_back_notification"]["consequence"] == "dublin.consequence.no_shift"
    assert d["take_back_confirmation"]["due"] == "2026-09-03"
    assert d["take_back_confirmation"]["consequence"] == "dublin.consequence.deemed_confirmed"
    assert d["transfer"]["due"] == "2027-03-03"


def test_ammr_detention():
    events = [
        ev("application_registered", "2026-07-01"),
        ev("detained", "2026-07-20"),
        ev("take_charge_request_sent", "2026-07-24"),
    ]
    d = by_id(run(events))
    assert d["take_charge_request"]["due"] == "2026-07-27"  # one week from detention
    assert d["take_charge_reply"]["due"] == "2026-07-31"  # Art. 45(2): one week
    assert d["transfer"]["due"] == "2026-09-04"  # Art. 45(3): five weeks (verify)


def test_the_requested_state_sees_its_reply_and_the_transfer():
    events = [
        ev("application_registered", "2026-12-01"),
        ev("take_charge_request_received", "2026-12-06", member_state="IT"),
    ]
    d = by_id(run(events, role="requested"))
    assert set(d) == {"take_charge_reply", "transfer"}
    assert d["take_charge_reply"]["due"] == "2027-01-07"  # our holidays: Germany must reply


# -- the contract's errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "code", "index", "field"),
    [
        ([], "dublin.input.not_an_object", None, None),
        ({"role": "x", "events": []}, "dublin.input.bad_role", None, "role"),
        ({"role": "requesting", "events": []}, "dublin.input.no_events", None, "events"),
        (
            {"role": "requesting", "events": [{"type": "parade", "date": "2026-01-01"}]},
            "dublin.input.unknown_event_type",
            0,
            "type",
        ),
        (
            {"role": "requesting", "events": [ev("eurodac_hit", "2026-02-30")]},
            "dublin.input.bad_date",
            0,
            "date",
        ),
        (
            {
                "role": "requesting",
                "events": [
                    ev("eurodac_hit", "2026-01-01"),
                    ev("reply", "2026-01-02", answer="accepted"),
                ],
            },
            "dublin.input.reply_without_request",
            1,
            "type",
        ),
        (
            {
                "role": "requesting",
                "events": [
                    ev("reply", "2026-01-15", answer="accepted"),
                    ev("take_charge_request_sent", "2026-02-01"),
                ],
            },
            "dublin.input.reply_without_request",
            0,
            "type",
        ),
        (
            {
                "role": "requesting",
                "events": [
                    ev("take_charge_request_sent", "2026-02-01"),
                    ev("reply", "2026-03-01", answer="maybe"),
                ],
            },
            "dublin.input.bad_answer",
            1,
            "answer",
        ),
        (
            {
                "role": "requesting",
                "events": [
                    ev("take_charge_request_sent", "2026-02-01"),
                    ev("reply", "2026-03-01", answer="accepted"),
                    ev("reply", "2026-03-02", answer="refused"),
                ],
            },
            "dublin.input.second_reply",
            2,
            "type",
        ),
        (
            {
                "role": "requesting",
                "events": [
                    ev("take_charge_request_sent", "2026-02-01"),
                    ev("reexamination_requested", "2026-03-01"),
                ],
            },
            "dublin.input.reexamination_without_refusal",
            1,
            "type",
        ),
        (
            {
                "role": "requesting",
                "events": [
                    ev("take_charge_request_sent", "2026-02-01"),
                    ev("take_back_request_sent", "2026-02-02"),
                ],
            },
            "dublin.input.two_kinds_of_request",
            1,
            "type",
        ),
        (
            {
                "role": "requesting",
                "events": [
                    ev("application_registered", "2026-05-01"),
                    ev("take_back_notification_sent", "2026-05-10"),
                ],
            },
            "dublin.input.not_under_regulation",
            1,
            "type",
        ),
        (
            {
                "role": "requesting",
                "events": [
                    ev("application_registered", "2026-07-01"),
                    ev("take_back_request_sent", "2026-07-10"),
                ],
            },
            "dublin.input.not_under_regulation",
            1,
            "type",
        ),
        (
            {
                "role": "requesting",
                "events": [ev("take_charge_request_sent", "2026-02-01", eurodac="yes")],
            },
            "dublin.input.bad_flag",
            0,
            "eurodac",
        ),
        (
            {"role": "requesting", "events": ["not an event"]},
            "dublin.input.event_not_an_object",
            0,
            None,
        ),
    ],
)
def test_input_that_breaks_the_contract(data, code, index, field):
    with pytest.raises(DublinInputError) as error:
        deadlines(data, AS_OF)
    assert error.value.to_dict() == {"code": code, "event_index": index, "field": field}


def test_unknown_fields_are_ignored_and_events_may_come_unsorted():
    events = [
        ev("reply", "2026-02-27", answer="accepted", note="x"),
        ev("take_charge_request_sent", "2026-02-02", colour="blue"),
        ev("application_lodged", "2026-01-05"),
    ]
    assert run(events) == run(sorted(events, key=lambda e: e["date"]))


def test_explanations_are_trees_of_rules():
    result = run([ev("application_lodged", "2026-01-31")], explain=True)
    tree = by_id(result)["take_charge_request"]["explanation"]
    assert tree["rules"][0]["id"] == "art21-1-request-within-3-months"
