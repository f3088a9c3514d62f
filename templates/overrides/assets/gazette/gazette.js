// Small touches for every page, none needed to read it: on a phone the document's metadata card
// folds to its one-line summary (the text comes first); a citation gets the page's full address
// and today's date as the access date.
(() => {
  "use strict";
  const PHONE = "(max-width: 44.9375em)";

  function foldCards() {
    if (!window.matchMedia(PHONE).matches) return;
    for (const card of document.querySelectorAll("details.gz-card[open], details.gz-fold[open]")) card.open = false;
  }

  function completeCitations() {
    const today = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    const accessed = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
    for (const cite of document.querySelectorAll(".gz-cite")) {
      const link = cite.querySelector(".gz-cite__link a");
      if (!link) continue;
      const address = link.href; // resolved against the page: absolute, whatever the base path
      link.textContent = address;
      for (const url of cite.querySelectorAll(".gz-cite__url")) url.textContent = address;
      for (const date of cite.querySelectorAll(".gz-cite__accessed")) date.textContent = accessed;
    }
  }

  const start = () => { foldCards(); completeCitations(); };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
