/* RCM Knowledge Base: small enhancements on top of Material for MkDocs. No third-party code, and
   every page works without it: permalinks are plain links, tables are plain tables.
   - old (alias) anchors highlight and scroll to the decision or paragraph they now stand for;
   - permalinks (¶) and "Copy link" buttons copy the absolute URL and confirm it politely;
   - tables marked rcm-sortable get a filter box and sortable columns (kept in the address when
     the table is marked data-url-state);
   - on a narrow screen, a table too wide for it is shown as stacked rows, its roles kept;
   - printed pages write out the address of each link to a source or in an annex;
   - the language switch keeps the fragment and the query: #decision-21 in English opens
     #decision-21 in Spanish, and a filtered view stays filtered;
   - Esc hides the tooltip shown (an acronym's expansion, a reference's preview: WCAG 1.4.13).
   Its words come from the page (<script id="rcm-strings">, keys js.* in hooks/rcmkb/i18n/). */
(function () {
  "use strict";

  // -------------------------------------------------------------------------------------------
  // Confirmation: one polite live region, created early so screen readers listen to it.

  var toast = null;
  var toastTimer = 0;

  // Interface strings in the page's language (i18n/*.yaml, keys js.*), from the page itself.
  var strings = {};
  try { strings = JSON.parse(document.getElementById("rcm-strings").textContent); } catch (error) { strings = {}; }
  function say(key) { return strings[key] || key; }

  function announce(message) {
    toast.textContent = message;
    toast.classList.add("rcm-toast--visible");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      toast.classList.remove("rcm-toast--visible");
      toast.textContent = "";   // so the same message is announced again next time
    }, 3000);
  }

  // -------------------------------------------------------------------------------------------
  // Copying links: the page's own address plus a fragment, so a copy made on any mirror or
  // local preview still points where the reader was.

  function absolute(hash) {
    return location.href.replace(/[?#].*$/, "") + hash;
  }

  // Shared with cite.js (window.rcm.copyText). `within`: where the fallback's text area goes (a
  // modal dialog makes everything outside it inert); the page's body by default.
  function copyText(text, within) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain-HTTP pages have no Clipboard API: fall back to a hidden text area.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      (within || document.body).appendChild(area);
      area.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      area.remove();
      if (copied) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  window.rcm = window.rcm || {};
  window.rcm.copyText = copyText;

  function copyLink(url) {
    copyText(url).then(
      function () { announce(say("copied") + url); },
      function () { announce(say("copy_failed") + url); });
  }

  function onClick(event) {
    if (!(event.target instanceof Element)) return;
    var permalink = event.target.closest("a.headerlink");
    if (permalink && permalink.hash) {
      // A new tab or window asked for: leave the link alone.
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      // The browser still follows the link, so the address bar and the highlight move too.
      copyLink(absolute(permalink.hash));
      return;
    }
    var button = event.target.closest("button.rcm-copy[data-anchor]");
    if (button) copyLink(absolute("#" + button.getAttribute("data-anchor")));
  }

  // -------------------------------------------------------------------------------------------
  // The language switch points at this page's twin; it also keeps the place the reader is at.

  function languageLinks() {
    document.querySelectorAll("a.rcm-language").forEach(function (a) {
      a.href = a.href.replace(/[?#].*$/, "") + location.search + location.hash;
    });
  }

  // -------------------------------------------------------------------------------------------
  // Old anchors: <span class="rcm-alias" id="old" data-for="decision-N"> keeps old links working;
  // the decision it stands for is highlighted as :target would highlight it.

  function aliasTarget() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (error) { return null; }
    var alias = id && document.getElementById(id);
    if (!alias || !alias.classList.contains("rcm-alias")) return null;
    return document.getElementById(alias.getAttribute("data-for"));
  }

  function highlightAlias() {
    document.querySelectorAll(".rcm-target").forEach(function (el) {
      el.classList.remove("rcm-target");
    });
    var target = aliasTarget();
    if (!target) return;
    target.classList.add("rcm-target");
    target.scrollIntoView();
  }

  // -------------------------------------------------------------------------------------------
  // Sortable tables: a labelled filter box above, and a button in each column header.

  var collator = new Intl.Collator(document.documentElement.lang || undefined,
                                   { numeric: true, sensitivity: "base" });

  function sortKey(row, column) {
    var cell = row.cells[column];
    if (!cell) return "";
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function enhanceTable(table, number) {
    var body = table.tBodies[0];
    if (!body || !table.tHead || !table.tHead.rows.length) return;
    var rows = Array.prototype.slice.call(body.rows);
    var order = new Map(rows.map(function (row, i) { return [row, i]; }));
    var texts = new Map(rows.map(function (row) { return [row, row.textContent.toLowerCase()]; }));
    var wrap = table.closest(".rcm-table-wrap") || table;
    if (!table.id) table.id = "rcm-table-" + number;

    var box = document.createElement("div");
    box.className = "rcm-filter";
    var label = document.createElement("label");
    label.htmlFor = "rcm-filter-" + number;
    label.textContent = table.getAttribute("data-filter-label") || say("filter");
    var input = document.createElement("input");
    input.type = "search";
    input.id = label.htmlFor;
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("aria-controls", table.id);
    var count = document.createElement("p");
    count.className = "rcm-filter-count";
    count.setAttribute("role", "status");
    box.append(label, input, count);
    wrap.parentNode.insertBefore(box, wrap);

    function filter() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = texts.get(row);
        var match = words.every(function (word) { return text.indexOf(word) >= 0; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = words.length ? say("rows_shown").replace("{shown}", shown).replace("{total}", rows.length) : "";
    }

    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var sorted = null;                       // [column, ascending] of the last sort

    function sortBy(column, ascending) {
      var th = headers[column];
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      sorted = [column, ascending];
      var direction = ascending ? 1 : -1;
      rows.slice().sort(function (a, b) {
        var x = sortKey(a, column), y = sortKey(b, column);
        if (!x !== !y) return x ? -1 : 1;           // empty cells last, either way
        return direction * collator.compare(x, y) || order.get(a) - order.get(b);
      }).forEach(function (row) { body.appendChild(row); });
    }

    // A table marked data-url-state keeps its filter and sort in the address
    // (?filter=health&sort=decision&order=desc), so that a view can be shared and comes back on
    // reload. Columns are named by their header's data-key.
    var stateful = table.hasAttribute("data-url-state");
    var keyOf = function (column) { return headers[column].getAttribute("data-key") || String(column); };

    function save() {
      if (!stateful) return;
      var params = new URLSearchParams(location.search);
      if (input.value.trim()) { params.set("filter", input.value.trim()); } else { params.delete("filter"); }
      if (sorted) {
        params.set("sort", keyOf(sorted[0]));
        params.set("order", sorted[1] ? "asc" : "desc");
      }
      var query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
      languageLinks();
    }

    function restore() {
      if (!stateful) return;
      var params = new URLSearchParams(location.search);
      if (params.get("filter")) {
        input.value = params.get("filter");
        filter();
      }
      var column = headers.map(function (th, i) { return keyOf(i); }).indexOf(params.get("sort"));
      if (column >= 0) sortBy(column, params.get("order") !== "desc");
    }

    input.addEventListener("input", function () { filter(); save(); });

    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "rcm-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        sortBy(column, th.getAttribute("aria-sort") !== "ascending");
        save();
      });
    });
    restore();
  }

  // -------------------------------------------------------------------------------------------
  // Narrow screens: a table too wide for its box is shown as stacked rows, each cell under the
  // name of its column (data-label, shown by rcm.css). CSS display changes would drop the table's
  // roles in some browsers, so they are stated: table, rowgroup, row, columnheader, rowheader, cell.

  var narrow = window.matchMedia("(max-width: 44.9375em)");

  function labelTable(table) {
    if (table.hasAttribute("data-rcm-labelled")) return;
    table.setAttribute("data-rcm-labelled", "");
    var names = [];
    if (table.tHead && table.tHead.rows.length) {
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
        for (var i = 0; i < (th.colSpan || 1); i += 1) names.push(th.textContent.trim());
      });
    }
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll(":scope > :is(thead, tbody, tfoot)"),
      function (group) { group.setAttribute("role", "rowgroup"); });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute("role", "row");
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        var header = cell.tagName === "TH";
        var inHead = row.parentNode === table.tHead;
        cell.setAttribute("role", !header ? "cell" : inHead ? "columnheader" : "rowheader");
        if (!inHead && names[column]) cell.setAttribute("data-label", names[column]);
        column += cell.colSpan || 1;
      });
    });
  }

  function fitTables() {
    document.querySelectorAll(".rcm-table-wrap").forEach(function (wrap) {
      var table = wrap.querySelector("table.rcm-table");
      if (!table) return;
      table.classList.remove("rcm-stacked");
      if (narrow.matches && wrap.scrollWidth > wrap.clientWidth + 1) {
        labelTable(table);
        table.classList.add("rcm-stacked");
      }
    });
    markScrollableTables();
  }

  // A table wider than the screen scrolls inside its wrapper; keyboard users need to reach it.
  function markScrollableTables() {
    document.querySelectorAll(".rcm-table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", say("scrolls"));
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  // -------------------------------------------------------------------------------------------
  // Print: links to the sources and the links of an annex carry their absolute address, which
  // rcm.css writes after them on paper (a[data-print-href]::after).

  function markPrintedLinks() {
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      if (a.matches(".headerlink, .rcm-editorial")) return;
      var url;
      try { url = new URL(a.href); } catch (error) { return; }
      if (a.closest(".rcm-annex") || /\/sources\/$/.test(url.pathname)) {
        a.setAttribute("data-print-href", url.href);
      }
    });
  }

  // -------------------------------------------------------------------------------------------
  // Tooltips are CSS (rcm.css); Esc hides the one shown until the pointer or the focus moves on.

  function hideTooltips(event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    document.documentElement.classList.add("rcm-tips-off");
  }

  function showTooltipsAgain() {
    document.documentElement.classList.remove("rcm-tips-off");
  }

  // -------------------------------------------------------------------------------------------

  function start() {
    toast = document.createElement("div");
    toast.className = "rcm-toast";
    toast.setAttribute("role", "status");
    toast.setAttribute("aria-live", "polite");
    document.body.appendChild(toast);

    document.addEventListener("click", onClick);
    document.addEventListener("keydown", hideTooltips);
    document.addEventListener("focusin", showTooltipsAgain);
    document.addEventListener("mouseover", showTooltipsAgain);   // the pointer entered another element
    document.querySelectorAll("table.rcm-sortable").forEach(enhanceTable);
    fitTables();
    markPrintedLinks();
    var resizeTimer = 0;
    window.addEventListener("resize", function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(fitTables, 200);
    });

    highlightAlias();
    languageLinks();
    window.addEventListener("hashchange", highlightAlias);
    window.addEventListener("hashchange", languageLinks);
    // The browser scrolls to the (empty) alias itself once the page has loaded: scroll again.
    window.addEventListener("load", function () {
      var target = aliasTarget();
      if (target) target.scrollIntoView();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
