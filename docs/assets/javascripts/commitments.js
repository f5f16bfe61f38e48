/* RCM Knowledge Base: the Commitments page's filters. Without this script the page is a plain
   table of every commitment; with it, a form filters the rows by who is asked, year, status and
   due date, and keeps the filter in the address (?body=iom&status=not-recorded) so it can be
   shared, bookmarked and restored with Back. */
(function () {
  "use strict";

  function setUp() {
    var form = document.querySelector("form.rcm-commitment-filter");
    var table = document.querySelector("table.rcm-commitments");
    if (!form || !table) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var count = form.querySelector(".rcm-commitment-count");

    function matches(row, name, value) {
      if (!value) { return true; }
      var cell = row.getAttribute("data-" + name) || "";
      return name === "body" ? cell.split(" ").indexOf(value) !== -1 : cell === value;
    }

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = selects.every(function (s) { return matches(row, s.name, s.value); });
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      count.textContent = count.getAttribute("data-template")
        .replace("{shown}", shown).replace("{total}", rows.length);
    }

    function fromAddress() {
      var params = new URLSearchParams(location.search);
      selects.forEach(function (s) {
        var wanted = params.get(s.name) || "";
        var known = Array.prototype.some.call(s.options, function (o) { return o.value === wanted; });
        s.value = known ? wanted : "";
      });
      apply();
    }

    function toAddress() {
      var params = new URLSearchParams(location.search);
      selects.forEach(function (s) {
        if (s.value) { params.set(s.name, s.value); } else { params.delete(s.name); }
      });
      var query = params.toString();
      history.pushState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    selects.forEach(function (s) {
      s.addEventListener("change", function () { toAddress(); apply(); });
    });
    form.addEventListener("reset", function () {
      setTimeout(function () { toAddress(); apply(); }, 0);   // after the form has reset its fields
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", fromAddress);
    form.hidden = false;
    fromAddress();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
