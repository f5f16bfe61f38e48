/* RCM Knowledge Base: the Cite dialog of declaration pages. The page carries the dialog once,
   with the citation of "any decision" in each format (plain text, BibTeX, RIS, CSL-JSON) and a
   placeholder character where the decision's number goes (data-number on the dialog). This script
   gives each decision a Cite and a Copy the link button (named from the dialog's data-* patterns);
   Cite fills in the decision's number and opens the dialog. All words come from the page, which
   the build wrote from the interface strings. Without this script, each decision shows its
   permanent address and the page its plain citation. */
(function () {
  "use strict";

  var dialog = null;
  var opener = null;
  var placeholder = "";
  var texts = [];      // [element, pattern]: text filled in for the decision cited
  var labels = [];     // [element, pattern]: accessible names filled in likewise

  function fill(pattern, number) {
    return pattern.split(placeholder).join(number);
  }

  function copyText(text) {
    return window.rcm.copyText(text, dialog);      // rcm.js, loaded first
  }

  function say(message) {
    var status = dialog.querySelector(".rcm-cite-status");
    status.textContent = "";
    // A new text node after a tick, so the same message is announced again.
    setTimeout(function () { status.textContent = message; }, 50);
  }

  function open(button) {
    var number = button.getAttribute("data-number");
    texts.forEach(function (pair) { pair[0].textContent = fill(pair[1], number); });
    labels.forEach(function (pair) { pair[0].setAttribute("aria-label", fill(pair[1], number)); });
    dialog.querySelector(".rcm-cite-status").textContent = "";
    opener = button;
    dialog.showModal();
  }

  // A click on the backdrop reaches the dialog itself, as does one on its padding: tell them apart.
  function outside(event) {
    var box = dialog.getBoundingClientRect();
    return event.clientX < box.left || event.clientX > box.right ||
           event.clientY < box.top || event.clientY > box.bottom;
  }

  function onClick(event) {
    if (!(event.target instanceof Element)) return;
    var button = event.target.closest("button.rcm-cite-open");
    if (button) { open(button); return; }
    if (event.target === dialog && outside(event)) { dialog.close(); return; }   // on the backdrop
    if (event.target.closest(".rcm-cite-close")) { dialog.close(); return; }
    var copy = event.target.closest("button.rcm-cite-copy");
    if (copy) {
      var value = dialog.querySelector("#rcm-cite-" + copy.getAttribute("data-format"));
      copyText(value.textContent).then(
        function () { say(copy.getAttribute("data-copied")); },
        function () {
          say(dialog.querySelector(".rcm-cite-status").getAttribute("data-failed"));
          var range = document.createRange();
          range.selectNodeContents(value);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        });
    }
  }

  function button(className, text, name) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button " + className;
    b.textContent = text;
    b.setAttribute("aria-label", name);
    return b;
  }

  function start() {
    dialog = document.getElementById("rcm-cite-dialog");
    if (!dialog) return;
    placeholder = dialog.getAttribute("data-number");
    var modal = typeof dialog.showModal === "function";
    // Each decision's line: its address gives way to Cite and Copy the link (rcm.js copies the
    // link), named after the decision. Without showModal, Copy the link only, beside the address.
    document.querySelectorAll("p.rcm-cite").forEach(function (line) {
      var link = line.querySelector("a[href^='#']");
      if (!link) return;
      var anchor = link.getAttribute("href").slice(1);
      var number = anchor.replace(/^decision-/, "");
      if (modal) {
        var cite = button("rcm-cite-open", dialog.getAttribute("data-open"),
                          fill(dialog.getAttribute("data-open-name"), number));
        cite.setAttribute("data-number", number);
        cite.setAttribute("aria-haspopup", "dialog");
        line.appendChild(cite);
        line.querySelector(".rcm-cite-address").hidden = true;   // the dialog gives it
      }
      var copy = button("rcm-copy", dialog.getAttribute("data-copy-link"),
                        fill(dialog.getAttribute("data-copy-link-name"), number));
      copy.setAttribute("data-anchor", anchor);
      line.appendChild(copy);
    });
    if (!modal) return;
    dialog.querySelectorAll(".rcm-cite-title, .rcm-cite-value").forEach(function (el) {
      texts.push([el, el.textContent]);
    });
    dialog.querySelectorAll("button[aria-label]").forEach(function (el) {
      labels.push([el, el.getAttribute("aria-label")]);
    });
    document.addEventListener("click", onClick);
    // Esc closes the dialog (the browser does that); focus goes back to the button that opened it.
    dialog.addEventListener("close", function () {
      if (opener) opener.focus();
      opener = null;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
