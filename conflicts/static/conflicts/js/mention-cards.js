/* Mention cards: hovering or focusing a mention of an actor or a claim in a story
   (<a class="mention" data-card-url="...">) shows a small card about it beside the link.

   Progressive enhancement: without this script the mention is a plain link to the page.
   The card is a role="tooltip" the link points to with aria-describedby; it stays while
   the pointer moves onto it, and closes on Escape, on blur and when the pointer leaves.
   Cards are fetched once per page view and come from our own templates (escaped text).
   No inline script or style attribute in the HTML: the page can run under a strict CSP. */
(function () {
  "use strict";

  var SELECTOR = "a.mention[data-card-url]";
  var CLOSE_DELAY_MS = 300;
  var cards = new Map(); // card URL -> Promise of its HTML (or null)
  var current = null; // { link, card }
  var closeTimer = null;
  var serial = 0;

  function fetchCard(url) {
    if (!cards.has(url)) {
      cards.set(
        url,
        fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
          .then(function (response) { return response.ok ? response.text() : null; })
          .catch(function () { return null; })
      );
    }
    return cards.get(url);
  }

  function cancelClose() {
    if (closeTimer) {
      clearTimeout(closeTimer);
      closeTimer = null;
    }
  }

  function close() {
    cancelClose();
    if (!current) return;
    current.link.removeAttribute("aria-describedby");
    current.card.remove();
    current = null;
  }

  function closeSoon() {
    cancelClose();
    closeTimer = setTimeout(close, CLOSE_DELAY_MS);
  }

  function place(card, link) {
    var box = link.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var left = Math.min(box.left, width - card.offsetWidth - 8);
    card.style.left = window.scrollX + Math.max(8, left) + "px";
    card.style.top = window.scrollY + box.bottom + 6 + "px";
  }

  function wanted(link) {
    return link.matches(":hover") || document.activeElement === link;
  }

  function show(link) {
    cancelClose();
    if (current && current.link === link) return;
    fetchCard(link.getAttribute("data-card-url")).then(function (html) {
      if (!html || !wanted(link)) return; // the reader moved on while it loaded
      close();
      var card = document.createElement("div");
      serial += 1;
      card.id = "mention-card-" + serial;
      card.className = "mention-card-popup";
      card.setAttribute("role", "tooltip");
      card.innerHTML = html;
      card.addEventListener("mouseenter", cancelClose);
      card.addEventListener("mouseleave", closeSoon);
      // Inside the mention's landmark (main), so all content stays in landmarks (axe "region").
      (link.closest("main") || document.body).appendChild(card);
      place(card, link);
      link.setAttribute("aria-describedby", card.id);
      current = { link: link, card: card };
    });
  }

  function mentionOf(event) {
    return event.target instanceof Element ? event.target.closest(SELECTOR) : null;
  }

  document.addEventListener("mouseover", function (event) {
    var link = mentionOf(event);
    if (link) show(link);
  });
  document.addEventListener("mouseout", function (event) {
    var link = mentionOf(event);
    if (link && current && current.link === link && !link.contains(event.relatedTarget)) {
      closeSoon();
    }
  });
  document.addEventListener("focusin", function (event) {
    var link = mentionOf(event);
    if (link) show(link);
  });
  document.addEventListener("focusout", function (event) {
    if (current && mentionOf(event) === current.link) close();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) close();
  });
})();
