// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el.matches("select[data-autosubmit]")) el.form.requestSubmit();
});

// Hearing workspace: Enter saves a segment (Shift+Enter for a new line), Alt+1/2/3 pick
// the speaker, and the draft is kept in localStorage so a closed tab loses nothing typed.
function draftKey(form) { return form && form.dataset.draftKey; }

function restoreDraft(root) {
  const form = (root || document).querySelector("form[data-draft-key]");
  if (!form) return;
  const area = form.querySelector("textarea[name=text]");
  const saved = localStorage.getItem(draftKey(form));
  if (area && saved && !area.value) area.value = saved;
}

document.addEventListener("DOMContentLoaded", () => restoreDraft());
document.addEventListener("htmx:afterSwap", () => restoreDraft());

document.addEventListener("input", (event) => {
  const form = event.target.closest("form[data-draft-key]");
  if (form && event.target.name === "text") localStorage.setItem(draftKey(form), event.target.value);
});

document.addEventListener("htmx:beforeSwap", (event) => {
  const form = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (form && form.matches && form.matches("form[data-draft-key]") && event.detail.xhr.status < 300) {
    localStorage.removeItem(draftKey(form));
  }
  if (event.detail.xhr.status === 400 || event.detail.xhr.status === 409) {
    event.detail.shouldSwap = true; // show the field errors
    event.detail.isError = false;
  }
});

document.addEventListener("keydown", (event) => {
  const el = event.target;
  if (el.matches && el.matches("textarea[data-enter-submits]") && event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    if (el.value.trim()) el.form.requestSubmit();
  }
  if (event.altKey && ["1", "2", "3"].includes(event.key)) {
    const radios = document.querySelectorAll("#segment-form input[name=speaker]");
    const radio = radios[Number(event.key) - 1];
    if (radio) { event.preventDefault(); radio.checked = true; }
  }
});

// Status page: the access code travels in the URL fragment (#token=…), which browsers never
// send to a server; post it in the page's form (the address keeps the fragment, so the page
// can be reloaded and bookmarked).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-token-from-fragment]");
  if (!form || document.querySelector("[role=alert]")) return; // refused: no loop
  const match = window.location.hash.match(/^#token=([^&]*)/);
  if (!match) return;
  form.elements.token.value = decodeURIComponent(match[1]);
  const lang = window.location.hash.match(/[#&]lang=([A-Za-z-]{2,12})/);
  if (lang && form.elements.lang) form.elements.lang.value = lang[1];
  form.action = window.location.pathname + window.location.hash;
  form.requestSubmit();
});

// The status page's language buttons: the choice goes into the fragment beside the token, so
// that a reload or a bookmark keeps the language (the fragment never reaches a server).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.matches("form[data-status-language]") || !event.submitter) return;
  const token = encodeURIComponent(form.elements.token.value);
  form.action = `${window.location.pathname}#token=${token}&lang=${event.submitter.value}`;
});

// Attendance list: one button ticks "signed" on every row marked present (the common day:
// everyone present signed the paper list); the rows left are ticked off by hand.
document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("button[data-sign-present]");
  if (!button) return;
  for (const box of button.form ? button.form.querySelectorAll("input[data-signature]") : document.querySelectorAll("input[data-signature]")) {
    const row = box.closest("tr");
    const code = row && row.querySelector("select");
    if (code && code.value === "present") box.checked = true;
  }
});
