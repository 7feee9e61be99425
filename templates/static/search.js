// Casebook's one script. Every page works without it; with it, the search
// box on /cases and on the home page answers as the user types, ticked
// filters apply at once, long filter lists get a box that narrows them,
// and the arrow keys move between the search box and the results.
//
// The results come from the server, as HTML fragments of the /cases page
// (/cases?...&fragment=results or fragment=preview), so the page is built
// by the same templates with or without this script.
(function () {
  "use strict";

  // MIN_GAP is the least time between two requests, in milliseconds; it is
  // also how long typing must pause before a request is sent.
  var MIN_GAP = 150;
  var RESULT_LINKS = ".results .result-title a";

  // scheduler returns a function that asks for run(job) to be called after
  // delay milliseconds, and never sooner than MIN_GAP after the last call.
  // A job asked for while another waits replaces it; merge combines them.
  function scheduler(run, merge) {
    var timer = 0;
    var last = -Infinity;
    var pending = null;
    return function (job, delay) {
      pending = pending ? merge(pending, job) : job;
      clearTimeout(timer);
      var wait = Math.max(delay, last + MIN_GAP - performance.now(), 0);
      timer = setTimeout(function () {
        var j = pending;
        pending = null;
        last = performance.now();
        run(j);
      }, wait);
    };
  }

  // fetchHTML gets a fragment of a page. Only the latest request of a
  // loader counts: an earlier one still running is cancelled.
  function loader(onHTML, onError) {
    var controller = null;
    return function (url) {
      if (controller) {
        controller.abort();
      }
      var c = new AbortController();
      controller = c;
      fetch(url, { signal: c.signal, credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (r) {
          if (!r.ok) {
            throw new Error("status " + r.status);
          }
          return r.text();
        })
        .then(function (html) {
          if (c === controller) {
            onHTML(new DOMParser().parseFromString(html, "text/html"));
          }
        })
        .catch(function (err) {
          if (c === controller && err.name !== "AbortError") {
            onError(err);
          }
        });
    };
  }

  // withParams returns path+query of url with params set (or removed when "").
  function withParams(url, params) {
    var u = new URL(url, location.href);
    Object.keys(params).forEach(function (k) {
      if (params[k] === "") {
        u.searchParams.delete(k);
      } else {
        u.searchParams.set(k, params[k]);
      }
    });
    return u.pathname + u.search;
  }

  // formURL is the address a form submits to, without empty fields.
  function formURL(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (v, k) {
      if (typeof v === "string" && v.trim() !== "") {
        params.append(k, v);
      }
    });
    var s = params.toString();
    return form.getAttribute("action") + (s ? "?" + s : "");
  }

  // fold makes text comparable ignoring case and accents.
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // arrowKeys lets the arrow keys move from the search box to the results
  // and between them; up from the first result returns to the box.
  function arrowKeys(input, scope) {
    document.addEventListener("keydown", function (e) {
      if ((e.key !== "ArrowDown" && e.key !== "ArrowUp") || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) {
        return;
      }
      var links = Array.prototype.slice.call(scope().querySelectorAll(RESULT_LINKS));
      var active = document.activeElement;
      if (active === input) {
        if (e.key === "ArrowDown" && links.length > 0) {
          e.preventDefault();
          links[0].focus();
        }
        return;
      }
      var i = links.indexOf(active);
      if (i < 0) {
        return;
      }
      e.preventDefault();
      if (e.key === "ArrowDown") {
        links[Math.min(i + 1, links.length - 1)].focus();
      } else if (i > 0) {
        links[i - 1].focus();
      } else {
        input.focus();
      }
    });
    var hint = document.getElementById(input.getAttribute("aria-describedby"));
    if (hint) {
      hint.appendChild(document.createTextNode(" Results show as you type; the down arrow key moves to them."));
    }
  }

  // The filters' "find" boxes: a filter with many values gets a box that
  // hides the values that do not contain what is typed.
  function addFindBoxes(root, saved) {
    Array.prototype.forEach.call(root.querySelectorAll("fieldset[data-find]"), function (fs) {
      var param = fs.getAttribute("data-param");
      var id = "find-" + param;
      var field = document.createElement("div");
      field.className = "find";
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = fs.getAttribute("data-find");
      var input = document.createElement("input");
      input.type = "search";
      input.id = id;
      input.className = "find-input";
      input.autocomplete = "off";
      var none = document.createElement("p");
      none.className = "find-none";
      none.setAttribute("role", "status");
      field.append(label, input, none);
      var list = fs.querySelector(".checkboxes");
      fs.insertBefore(field, list);
      input.addEventListener("input", function () {
        narrow(fs, input.value, none);
      });
      if (saved[param]) {
        input.value = saved[param];
        narrow(fs, input.value, none);
      }
    });
  }

  function narrow(fs, text, none) {
    var needle = fold(text.trim());
    var details = fs.querySelector("details.facet-more");
    if (details) {
      if (needle && !details.hasAttribute("data-was-open")) {
        details.setAttribute("data-was-open", details.open ? "1" : "0");
        details.open = true;
      } else if (!needle && details.hasAttribute("data-was-open")) {
        details.open = details.getAttribute("data-was-open") === "1";
        details.removeAttribute("data-was-open");
      }
      details.querySelector("summary").hidden = !!needle;
    }
    var shown = 0;
    Array.prototype.forEach.call(fs.querySelectorAll("li.checkbox"), function (li) {
      var label = li.querySelector("label");
      var name = label && label.firstChild ? label.firstChild.textContent : li.textContent;
      var match = !needle || fold(name).indexOf(needle) >= 0;
      li.hidden = !match;
      if (match) {
        shown++;
      }
    });
    none.textContent = shown === 0 ? "Nothing matches “" + text.trim() + "”." : "";
  }

  // saveState records what the user did to the part of the page about to
  // be replaced: the focus (and text being typed), open lists and find boxes.
  function saveState(root) {
    var st = { focus: null, open: {}, find: {} };
    Array.prototype.forEach.call(root.querySelectorAll("fieldset[data-param]"), function (fs) {
      var d = fs.querySelector("details.facet-more");
      var param = fs.getAttribute("data-param");
      if (d && d.open && !d.hasAttribute("data-was-open")) {
        st.open[param] = true;
      }
      var find = fs.querySelector(".find-input");
      if (find && find.value) {
        st.find[param] = find.value;
      }
    });
    var el = document.activeElement;
    if (el && el !== root && root.contains(el)) {
      st.focus = { id: el.id, name: el.name, value: el.value, type: el.type, href: el.getAttribute("href") };
      if (el.tagName === "INPUT" && (el.type === "text" || el.type === "search")) {
        st.focus.typed = el.value;
        st.focus.start = el.selectionStart;
        st.focus.end = el.selectionEnd;
      }
    }
    return st;
  }

  function restoreState(root, st) {
    Object.keys(st.open).forEach(function (param) {
      var d = root.querySelector('fieldset[data-param="' + CSS.escape(param) + '"] details.facet-more');
      if (d) {
        d.open = true;
      }
    });
    addFindBoxes(root, st.find);
    var f = st.focus;
    if (!f) {
      return;
    }
    var el = null;
    if (f.type === "checkbox") {
      var boxes = root.querySelectorAll('input[type=checkbox][name="' + CSS.escape(f.name) + '"]');
      el = Array.prototype.find.call(boxes, function (b) { return b.value === f.value; }) || boxes[0] || null;
    } else if (f.id) {
      el = document.getElementById(f.id);
    } else if (f.href) {
      el = Array.prototype.find.call(root.querySelectorAll("a[href]"), function (a) { return a.getAttribute("href") === f.href; }) || null;
    }
    if (!el || !root.contains(el)) {
      el = document.getElementById("results-count");
    }
    if (!el) {
      return;
    }
    var d = el.closest("details");
    if (d) {
      d.open = true;
    }
    if (f.typed !== undefined && el.tagName === "INPUT") {
      el.value = f.typed;
    }
    el.focus({ preventScroll: true });
    if (f.typed !== undefined && el.setSelectionRange && f.start !== null) {
      try {
        el.setSelectionRange(f.start, f.end);
      } catch (e) {
        // some input types do not have a selection
      }
    }
  }

  // The /cases page: the finder form updates its body in place.
  function initFinder(form) {
    var q = document.getElementById("q");
    var status = document.getElementById("results-status");
    var typed = false; // whether the words were typed here, not submitted: the last word then counts as a prefix

    var load = loader(function (doc) {
      var fresh = doc.getElementById("finder-body");
      var old = document.getElementById("finder-body");
      if (!fresh || !old) {
        return;
      }
      var st = saveState(old);
      fresh = document.adoptNode(fresh);
      old.replaceWith(fresh);
      restoreState(fresh, st);
      if (fresh.getAttribute("data-title")) {
        document.title = fresh.getAttribute("data-title");
      }
      var count = document.getElementById("results-count");
      if (status && count) {
        status.textContent = count.textContent.trim();
      }
      form.removeAttribute("aria-busy");
    }, function () {
      location.assign(location.href); // let the server explain, as a whole page
    });

    var shown = location.pathname + location.search; // the search the page shows, or is loading

    var schedule = scheduler(function (job) {
      var state = { casebook: true, prefix: job.prefix };
      shown = job.url;
      var here = location.pathname + location.search;
      if (job.mode === "push" && job.url !== here) {
        history.pushState(state, "", job.url);
      } else if (job.mode !== "none") {
        history.replaceState(state, "", job.url);
      }
      form.setAttribute("aria-busy", "true");
      load(withParams(job.url, { prefix: job.prefix && q.value.trim() ? "1" : "", fragment: "results" }));
    }, function (a, b) {
      // A tick waiting to be sent keeps its own history entry.
      return { url: b.url, prefix: b.prefix, mode: a.mode === "push" ? "push" : b.mode };
    });

    q.addEventListener("input", function () {
      typed = true;
      schedule({ url: formURL(form), prefix: true, mode: "replace" }, MIN_GAP);
    });
    form.addEventListener("change", function (e) {
      var t = e.target;
      if (t === q || t.classList.contains("find-input") || !t.name) {
        return;
      }
      schedule({ url: formURL(form), prefix: typed, mode: "push" }, 0);
    });
    window.addEventListener("popstate", function (e) {
      if (location.pathname + location.search === shown) {
        return; // only the #fragment changed, e.g. by "Skip to the results"
      }
      var params = new URLSearchParams(location.search);
      q.value = params.get("q") || "";
      typed = !!(e.state && e.state.prefix);
      schedule({ url: location.pathname + location.search, prefix: typed, mode: "none" }, 0);
    });
    history.replaceState({ casebook: true, prefix: false }, "", location.href);
    restoreState(document.getElementById("finder-body"), { focus: null, open: {}, find: {} });
    arrowKeys(q, function () { return document.getElementById("finder-body"); });
  }

  // The home page: a short list of results under the search box.
  function initHome(form) {
    var input = form.querySelector("input[name=q]");
    var box = document.getElementById("home-preview");
    var status = document.getElementById("home-status");
    if (!input || !box) {
      return;
    }
    var load = loader(function (doc) {
      var fresh = doc.getElementById("preview");
      if (!fresh || !input.value.trim()) {
        return;
      }
      box.replaceChildren(document.adoptNode(fresh));
      box.hidden = false;
      var count = box.querySelector("#preview-count");
      if (status && count) {
        status.textContent = count.textContent.trim();
      }
    }, function () {});
    var schedule = scheduler(function (text) {
      if (!text.trim()) {
        box.hidden = true;
        box.replaceChildren();
        if (status) {
          status.textContent = "";
        }
        return;
      }
      load("/cases?" + new URLSearchParams({ q: text, prefix: "1", per_page: "5", fragment: "preview" }).toString());
    }, function (a, b) { return b; });
    input.addEventListener("input", function () {
      schedule(input.value, MIN_GAP);
    });
    arrowKeys(input, function () { return box; });
  }

  function init() {
    var finder = document.getElementById("finder");
    if (finder && document.getElementById("finder-body") && document.getElementById("q")) {
      initFinder(finder);
    }
    var home = document.getElementById("home-q");
    if (home && home.form && document.getElementById("home-preview")) {
      initHome(home.form);
    }
    window.casebookSearch = true; // tells tests the script ran
  }

  if (window.fetch && window.URLSearchParams && window.DOMParser && window.AbortController && window.CSS && CSS.escape) {
    init();
  }
})();
