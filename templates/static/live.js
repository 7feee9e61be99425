// Live preview for casebook serve --watch: when the server publishes a new
// catalogue, fetch this page again and swap in its main content, its title
// and the problems banner, keeping the scroll position. Falls back to a
// full reload when the page cannot be swapped in place.
(function () {
  "use strict";
  if (!window.EventSource || !window.fetch || !window.DOMParser) {
    return;
  }
  var seen = null; // the catalogue version this page shows

  function swap(html) {
    var next = new DOMParser().parseFromString(html, "text/html");
    var main = document.querySelector("main");
    var nextMain = next.querySelector("main");
    if (!main || !nextMain) {
      location.reload();
      return;
    }
    document.title = next.title;
    main.innerHTML = nextMain.innerHTML;
    var banner = document.querySelector(".problems-banner");
    var nextBanner = next.querySelector(".problems-banner");
    if (banner && nextBanner) {
      banner.replaceWith(document.importNode(nextBanner, true));
    } else if (banner) {
      banner.remove();
    } else if (nextBanner) {
      var header = document.querySelector(".site-header");
      if (header) {
        header.after(document.importNode(nextBanner, true));
      }
    }
  }

  function refresh() {
    fetch(location.href, { headers: { Accept: "text/html" }, cache: "no-store" })
      .then(function (resp) { return resp.text(); })
      .then(swap)
      .catch(function () { location.reload(); });
  }

  var source = new EventSource("/events");
  source.addEventListener("catalogue", function (ev) {
    if (seen !== null && ev.data !== seen) {
      refresh();
    }
    seen = ev.data;
    document.documentElement.setAttribute("data-live", "on"); // for tests: the stream is open
  });
})();
