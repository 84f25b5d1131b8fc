"""Recording a hearing in headless Chromium with a fake microphone: record, pause with a
reason, resume, stop, play a segment back (the player jumps to its start), seal, and check
the sealed hashes against the stored audio."""

import hashlib

import pytest

from akte.hearing import audio
from akte.web.hearings import recorder, services
from akte.web.hearings.models import Hearing, Recording
from hearing.ogg_check import check_ogg_opus

from .conftest import CHROMIUM_FLAGS
from .test_hearing_e2e import login, procedure, settled  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FAKE_MICROPHONE = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
assert set(FAKE_MICROPHONE) <= set(CHROMIUM_FLAGS)  # the session's browser has a fake microphone


def stored(page) -> int:
    return int(page.locator("#rec-status").get_attribute("data-stored") or 0)


def wait_stored(page, at_least: int) -> None:
    page.wait_for_function(
        f"() => Number(document.querySelector('#rec-status').dataset.stored || 0) >= {at_least}",
        timeout=30_000,
    )


def test_record_pause_play_a_segment_and_seal(page, live_server, procedure):  # noqa: F811
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, live_server, "anhoerer")
    page.goto(f"{live_server.url}/procedures/{procedure.pk}/")
    page.get_by_role("button", name="Anhörung beginnen").click()
    page.wait_for_url("**/hearings/*/")

    page.locator("#rec-start").click()  # no notice on file yet: refused, and said why
    page.get_by_text("Erst den Hinweis").wait_for()
    page.locator("select[name=kind]").select_option("recording_notice")
    page.get_by_role("button", name="Hinweis hinzufügen").click()
    page.locator("li", has_text="auf die Tonaufzeichnung der Anhörung hingewiesen").wait_for()
    settled(page)
    page.locator("#rec-start").click()
    wait_stored(page, 1)

    text = page.locator("textarea[name=text]")
    text.fill("Woher kommen Sie?")
    text.press("Enter")
    page.locator("#seg-1").wait_for()
    settled(page)
    page.wait_for_timeout(2500)
    page.keyboard.press("Alt+2")
    page.locator("textarea[name=text]").fill("Aus Erbil, Stadtteil Ankawa.")
    page.wait_for_timeout(1500)  # typing takes a while: the segment starts when it began
    page.locator("textarea[name=text]").press("Enter")
    page.locator("#seg-2").wait_for()
    settled(page)

    page.locator("#rec-reason").fill("Trinkpause")
    page.locator("#rec-pause").click()
    page.locator("#rec-resume:not([disabled])").wait_for()
    page.wait_for_timeout(1500)
    page.locator("#rec-resume").click()
    before = stored(page)
    wait_stored(page, before + 1)
    page.locator("#rec-stop").click()
    page.wait_for_function(
        "() => document.querySelector('#rec-status').dataset.waiting === '0'", timeout=30_000
    )
    page.wait_for_timeout(500)

    hearing = Hearing.objects.get()
    recording = Recording.objects.get()
    assert recording.breaks.get().reason == "Trinkpause"
    assert recording.chunks.count() == stored(page)

    page.get_by_role("button", name="Rückübersetzung beginnen").click()
    page.locator("#seg-2 summary").wait_for()
    settled(page)
    times = recorder.panel(hearing, list(hearing.segments.all()))["segment_times"]
    start, end = times[2]
    assert 0 < start < end  # typing began before the save
    page.locator("#seg-2 .text").click()
    page.wait_for_function("() => document.querySelector('#recording-audio').dataset.seekedTo")
    current = page.evaluate("() => document.querySelector('#recording-audio').currentTime")
    assert abs(current - start) < 0.75, (current, start)
    duration = page.evaluate("() => document.querySelector('#recording-audio').duration")
    assert duration > start and duration != float("inf")

    for number in (1, 2):
        page.locator(f"#seg-{number}").get_by_role("button", name="bestätigen").click()
        page.locator(f"#seg-{number}").get_by_text("bestätigt").wait_for()
        settled(page)
    page.get_by_label("bestätigt die Niederschrift").check()
    page.get_by_role("button", name="Festhalten und versiegeln").click()
    page.get_by_text("Versiegelt und unverändert").wait_for()

    hearing.refresh_from_db()
    assert services.seal_intact(hearing)
    sealed = recorder.seal_from_plain(Recording.objects.get().sealed)
    streams = recorder.plaintext_streams(Recording.objects.get())
    assert sealed.sha256 == hashlib.sha256(b"".join(streams)).hexdigest()
    assert sealed.chunks == tuple(c.sha256 for c in Recording.objects.get().chunks.all())
    assert len(sealed.breaks) == 1 and sealed.duration_s > 3
    download = page.request.get(f"{live_server.url}/hearings/{hearing.pk}/recording/download")
    assert download.headers["x-audio-sha256"] == hashlib.sha256(download.body()).hexdigest()
    # Chromium's own WebM remuxed: every packet, strict pages, the duration the seal names
    checked = check_ogg_opus(download.body())
    assert checked.packets == sum(len(audio.read(s).packets) for s in streams)
    assert abs(checked.duration_s - sealed.duration_s) < 0.05


def test_enter_in_the_dismissal_reason_dismisses(page, live_server, procedure):  # noqa: F811
    login(page, live_server, "anhoerer2")
    page.goto(f"{live_server.url}/procedures/{procedure.pk}/")
    page.get_by_role("button", name="Anhörung beginnen").click()
    page.wait_for_url("**/hearings/*/")
    page.keyboard.press("Alt+2")
    page.locator("textarea[name=text]").fill("Aus Erbil, Stadtteil Ankawa.")
    page.locator("textarea[name=text]").press("Enter")
    page.locator("#seg-1").wait_for()
    settled(page)
    question = page.locator(".suggestion.open").filter(has_text="Wann genau kam es zu Angriffen?")
    question.get_by_placeholder("Grund für das Verwerfen").fill("nicht einschlägig")
    question.get_by_placeholder("Grund für das Verwerfen").press("Enter")
    page.locator(".suggestion.decided").filter(has_text="nicht einschlägig").wait_for()
    settled(page)
    shown = Hearing.objects.get().suggestions.get(text="Wann genau kam es zu Angriffen?")
    assert (shown.fate, shown.fate_reason) == ("dismissed", "nicht einschlägig")
    # Alt+U on the first open question puts it into the transcript input and marks it used
    first = page.locator("#assistant-panel li.suggestion.open").first.get_attribute("data-text")
    page.keyboard.press("Alt+U")
    page.locator(".suggestion.decided").filter(has_text=first).wait_for()
    settled(page)
    assert page.locator("textarea[name=text]").input_value() == first
