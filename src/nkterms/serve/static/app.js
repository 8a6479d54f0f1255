// nkterms page: search as you type, print a card, focus a finding from the list.
// Everything is built with DOM methods and textContent (never innerHTML), so no value from
// the glossary or the query can run as markup; the page works without this file.
"use strict";

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
}

function matchItem(match) {
  const link = el("a", { href: "/term/" + encodeURIComponent(match.id) });
  link.append(el("span", { class: "form", lang: match.lang }, match.form));
  if (match.hanja) link.append(" ", el("span", { class: "hanja", lang: "ko" }, match.hanja));
  if (match.current_status) {
    link.append(" ", el("span", { class: "status s-" + match.current_status }, match.current_status));
  }
  link.append(" ", el("span", { class: "via" }, match.matched_by));
  const item = el("li");
  item.append(link);
  return item;
}

function render(results, input, doc) {
  results.replaceChildren();
  if (doc.error) {
    results.append(el("p", { class: "error" }, doc.error));
    return;
  }
  const list = el("ul", { class: "matches" });
  (doc.matches.length ? doc.matches : doc.suggestions).forEach((m) => list.append(matchItem(m)));
  if (!doc.matches.length) {
    const said = input.dataset.noMatch + (doc.suggestions.length ? " " + input.dataset.didYouMean + ":" : "");
    results.append(el("p", {}, said));
  }
  results.append(list);
}

function searchAsYouType() {
  const input = document.getElementById("q");
  const results = document.getElementById("results");
  if (!input || !results) return;
  let timer = null;
  let pending = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const query = input.value;
      if (pending) pending.abort();
      history.replaceState(null, "", query.trim() ? "/?q=" + encodeURIComponent(query) : "/");
      if (!query.trim()) {
        results.replaceChildren();
        return;
      }
      pending = new AbortController();
      try {
        const reply = await fetch(input.dataset.api + "?q=" + encodeURIComponent(query), {
          signal: pending.signal,
          headers: { Accept: "application/json" },
        });
        if (input.value === query) render(results, input, await reply.json());
      } catch (err) {
        if (err.name !== "AbortError") results.replaceChildren(el("p", { class: "error" }, String(err)));
      }
    }, 120);
  });
  // Down arrow from the box goes to the first result; "/" anywhere goes back to the box.
  input.addEventListener("keydown", (event) => {
    const first = results.querySelector("a");
    if (event.key === "ArrowDown" && first) {
      event.preventDefault();
      first.focus();
    }
  });
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.key === "/" && !typing) {
      event.preventDefault();
      input.focus();
    }
  });
}

function printButton() {
  for (const button of document.querySelectorAll("button.print")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
}

function focusFinding() {
  const target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.tagName === "MARK") target.focus();
}

document.addEventListener("DOMContentLoaded", () => {
  searchAsYouType();
  printButton();
  window.addEventListener("hashchange", focusFinding);
});
