// The hearing workspace: confirmation before irreversible steps, keys for the first open
// suggestion (Alt+U use, Alt+S skip, Alt+D dismiss), and "use" puts the question into the
// transcript input.
(function () {
  "use strict";
  function confirmed(form) {
    return !form.dataset.confirm || window.confirm(form.dataset.confirm);
  }
  document.addEventListener("submit", (event) => {
    if (!confirmed(event.target)) { event.preventDefault(); event.stopImmediatePropagation(); }
  }, true);
  function useQuestion(li) {
    const input = document.querySelector("#segment-form textarea[name=text]");
    if (!input || input.value.trim() || !li.classList.contains("kind-question") && !li.classList.contains("kind-opportunity_to_explain")) return;
    input.value = li.dataset.text || "";
    const interviewer = document.querySelector("#segment-form input[name=speaker][value=interviewer]");
    if (interviewer) interviewer.checked = true;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("button.use");
    if (button) useQuestion(button.closest("li.suggestion"));
  }, true);
  document.addEventListener("keydown", (event) => {
    if (!event.altKey) return;
    const key = event.key.toLowerCase();
    if (!["u", "s", "d"].includes(key)) return;
    const li = document.querySelector("#assistant-panel li.suggestion.open");
    if (!li) return;
    event.preventDefault();
    if (key === "u") li.querySelector("button.use").click();
    else if (key === "s") li.querySelector("button.skip").click();
    else { const reason = li.querySelector(".dismiss-form input[name=reason]"); reason.focus(); }
  });
})();
