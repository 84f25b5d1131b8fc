// The hearing's audio recording: MediaRecorder (Opus in WebM or Ogg), a chunk every few
// seconds uploaded with its sequence number and SHA-256, retried until the server says it
// is stored; a click on a transcript segment plays that part of the recording.
(function () {
  "use strict";
  const TIMESLICE_MS = 3000;
  let recorder = null, queue = [], sequence = 1, uploading = false, stored = 0, typingStart = null;

  function panel() { return document.getElementById("recording-panel"); }
  function csrf() {
    const m = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  function status(text, isError) {
    const el = document.getElementById("rec-status");
    if (el) { el.textContent = text; el.className = isError ? "error" : "ok"; }
  }
  function buttons(state) {
    const set = (id, on) => { const b = document.getElementById(id); if (b) b.disabled = !on; };
    set("rec-start", state === "idle");
    set("rec-pause", state === "recording");
    set("rec-resume", state === "paused");
    set("rec-stop", state === "recording" || state === "paused");
  }
  async function post(url, body, headers) {
    return fetch(url, { method: "POST", body: body, credentials: "same-origin",
      headers: Object.assign({ "X-CSRFToken": csrf() }, headers || {}) });
  }
  async function hex(buffer) {
    const digest = await crypto.subtle.digest("SHA-256", buffer);
    return Array.from(new Uint8Array(digest)).map((b) => b.toString(16).padStart(2, "0")).join("");
  }
  function report() {
    const el = document.getElementById("rec-status");
    if (!el) return;
    const waiting = queue.length ? ` · ${queue.length} ${el.dataset.waitingText}` : "";
    status(`${el.dataset.storedText}: ${stored}${waiting}`, false);
    el.dataset.stored = String(stored);
    el.dataset.waiting = String(queue.length);
  }
  async function upload() {
    if (uploading) return;
    uploading = true;
    try {
      while (queue.length) {
        const item = queue[0];
        let response;
        try {
          response = await post(panel().dataset.chunks, item.data,
            { "Content-Type": item.type, "X-Chunk-Sequence": String(item.sequence), "X-Chunk-SHA256": item.sha256 });
        } catch (e) {  // no connection: keep the chunk, try again
          status(document.getElementById("rec-status").dataset.retryText, true);
          await new Promise((r) => setTimeout(r, 2000));
          continue;
        }
        const body = await response.json().catch(() => ({}));
        if (response.ok || (body.code === "hearing.recording.chunk.duplicate" && body.same)) {
          queue.shift(); stored = body.chunks || item.sequence; report();
        } else if (response.status >= 500) {
          await new Promise((r) => setTimeout(r, 2000));
        } else { status(body.error || String(response.status), true); queue.shift(); }
      }
    } finally { uploading = false; }
  }
  async function start() {
    const started = await post(panel().dataset.start);
    const body = await started.json();
    if (!started.ok) { status(body.error, true); return; }
    sequence = body.next; stored = body.chunks;
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const type = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus"].find((t) => MediaRecorder.isTypeSupported(t));
    recorder = new MediaRecorder(stream, { mimeType: type });
    recorder.ondataavailable = async (event) => {
      if (!event.data || !event.data.size) return;
      const number = sequence++;
      const data = await event.data.arrayBuffer();
      queue.push({ sequence: number, data: data, type: type, sha256: await hex(data) });
      queue.sort((a, b) => a.sequence - b.sequence);
      report(); upload();
    };
    recorder.onstop = () => stream.getTracks().forEach((t) => t.stop());
    recorder.start(TIMESLICE_MS);
    buttons("recording"); report();
  }
  async function pause() {
    const reason = (document.getElementById("rec-reason") || {}).value || "";
    const response = await post(panel().dataset.break, new URLSearchParams({ reason: reason }));
    const body = await response.json();
    if (!response.ok) { status(body.error, true); return; }
    recorder.requestData(); recorder.pause(); buttons("paused");
  }
  async function resume() {
    const response = await post(panel().dataset.break, new URLSearchParams({ resume: "1" }));
    if (!response.ok) { status((await response.json()).error, true); return; }
    recorder.resume(); buttons("recording");
  }
  function stop() { if (recorder && recorder.state !== "inactive") recorder.stop(); buttons("stopped"); }

  let audioUrl = null;
  async function play(seconds) {
    const audio = document.getElementById("recording-audio");
    if (!audio) return;
    if (!audioUrl) {
      const response = await fetch(panel().dataset.audio, { credentials: "same-origin" });
      if (!response.ok) return;
      audioUrl = URL.createObjectURL(await response.blob());
      audio.src = audioUrl;
      await new Promise((r) => audio.addEventListener("loadedmetadata", r, { once: true }));
    }
    audio.currentTime = seconds;
    audio.dataset.seekedTo = String(seconds);
    audio.play().catch(() => {});
  }

  document.addEventListener("click", (event) => {
    const target = event.target;
    if (target.id === "rec-start") start();
    else if (target.id === "rec-pause") pause();
    else if (target.id === "rec-resume") resume();
    else if (target.id === "rec-stop") stop();
    else {
      const li = target.closest && target.closest("li.segment");
      const times = document.getElementById("segment-times");
      if (!li || !times || target.closest("form, details, button, a")) return;
      const found = JSON.parse(times.textContent)[li.id.replace("seg-", "")];
      if (found) { audioUrl = audioUrl; play(found[0]); }
    }
  });
  // a segment's start in the recording: when typing it began
  document.addEventListener("input", (event) => {
    if (event.target.name === "text" && event.target.closest("#segment-form") && typingStart === null) typingStart = Date.now();
  });
  document.addEventListener("htmx:configRequest", (event) => {
    if (event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("#segment-form") && typingStart !== null) {
      event.detail.parameters.typing_ms = String(Date.now() - typingStart);
      typingStart = null;
    }
  });
  document.addEventListener("htmx:afterSwap", () => {
    if (recorder) buttons(recorder.state === "paused" ? "paused" : recorder.state === "recording" ? "recording" : "stopped");
    audioUrl = null;
  });
  document.addEventListener("DOMContentLoaded", () => { if (panel()) buttons("idle"); });
})();
