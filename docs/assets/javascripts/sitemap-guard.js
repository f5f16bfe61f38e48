/* Loaded in <head>, before Material's bundle (docs/overrides/main.html explains why): requests for
   a sitemap.xml are left unsent, so Material neither fetches the sitemap beside each
   <link rel="alternate"> nor takes over clicks on the language switch, which rcm.js handles. */
(function () {
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.rcmUnsent = /\/sitemap\.xml$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.rcmUnsent) return send.apply(this, arguments);
  };
})();
