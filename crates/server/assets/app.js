// httpstatus web reference: instant search, copy buttons on code blocks, the light/dark toggle,
// and the curl lines' address.
//
// Plain JavaScript, no build step, no dependencies, loaded with `defer`. The pages work without
// it: the search box is a form to /search, rendered on the server (which answers a search that
// names exactly one code, such as 403.14 or nginx 499, with a redirect to that code's page), code
// blocks can be selected by hand, and the colours follow the system setting. With it:
//
// - Typing in the box asks /api/v1/search, the same ranking the search page, the API and the CLI
//   use, so the order and the count agree everywhere; /assets/search-index.json gives each
//   result's display fields. The box is an ARIA combobox: the arrow keys move through the
//   results (aria-activedescendant, the focus stays in the box), Enter opens the chosen one,
//   Escape closes the list and keeps the text (a second Escape clears it), a live region says
//   how many matched, and the query is kept in the address (?q=) with history.replaceState.
// - "/" anywhere outside a text field focuses the search box.
// - Every `pre > code` block gets a Copy button (Clipboard API).
// - A button in the header switches between the light and dark colours; the choice is kept in
//   localStorage and applied before paint by /assets/theme.js.
//
// Everything is built with DOM calls and textContent only.
(function () {
  "use strict";

  var root = document.documentElement;
  var th = root.lang === "th";
  // Texts this script adds, in the page's language (Thai has no plural forms).
  var T = th
    ? {
        shown: "แสดง {shown} จาก {total} รายการ",
        more: "ดูผลทั้งหมด {total} รายการ",
        copy: "คัดลอก",
        copied: "คัดลอกแล้ว",
        copyFailed: "คัดลอกไม่ได้ ลองเลือกข้อความแล้วกด Ctrl+C",
        dark: "โหมดมืด"
      }
    : {
        shown: "Showing {shown} of {total} matches",
        more: "See all {total} results",
        copy: "Copy",
        copied: "Copied",
        copyFailed: "Could not copy; select the text and press Ctrl+C",
        dark: "Dark theme"
      };

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) {
      node.className = cls;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  // One polite live region for what the script does (copied, ...).
  var status = el("div", "vh");
  status.setAttribute("role", "status");
  status.id = "js-status";
  document.body.appendChild(status);
  function announce(text) {
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
    }, 50);
  }

  // The curl examples are rendered with the default address; show the one this page came from.
  var bases = document.querySelectorAll(".base");
  for (var b = 0; b < bases.length; b++) {
    bases[b].textContent = window.location.origin;
  }

  // ---- Light/dark toggle ------------------------------------------------------------------
  (function () {
    var bar = document.querySelector(".site-header .bar");
    if (!bar) {
      return;
    }
    var KEY = "httpstatus-theme";
    var system = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    function current() {
      var chosen = root.getAttribute("data-theme");
      if (chosen === "dark" || chosen === "light") {
        return chosen;
      }
      return system && system.matches ? "dark" : "light";
    }
    var NS = "http://www.w3.org/2000/svg";
    function icon(cls, shapes) {
      var svg = document.createElementNS(NS, "svg");
      svg.setAttribute("viewBox", "0 0 24 24");
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
      svg.setAttribute("class", cls);
      shapes.forEach(function (s) {
        var node = document.createElementNS(NS, s[0]);
        Object.keys(s[1]).forEach(function (k) {
          node.setAttribute(k, s[1][k]);
        });
        svg.appendChild(node);
      });
      return svg;
    }
    var stroke = { fill: "none", stroke: "currentColor", "stroke-width": "2", "stroke-linecap": "round" };
    function withStroke(attrs) {
      var out = {};
      Object.keys(stroke).forEach(function (k) {
        out[k] = stroke[k];
      });
      Object.keys(attrs).forEach(function (k) {
        out[k] = attrs[k];
      });
      return out;
    }
    var sun = icon("sun", [
      ["circle", withStroke({ cx: "12", cy: "12", r: "4" })],
      ["path", withStroke({ d: "M12 2v2M12 20v2M2 12h2M20 12h2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" })]
    ]);
    var moon = icon("moon", [
      ["path", withStroke({ d: "M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" })]
    ]);
    var button = el("button", "theme-toggle");
    button.type = "button";
    button.setAttribute("aria-label", T.dark);
    button.title = T.dark;
    button.appendChild(sun);
    button.appendChild(moon);
    function sync() {
      button.setAttribute("aria-pressed", current() === "dark" ? "true" : "false");
    }
    sync();
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try {
        window.localStorage.setItem(KEY, next);
      } catch (e) {
        // Not remembered, but switched for this page.
      }
      sync();
    });
    if (system && system.addEventListener) {
      system.addEventListener("change", sync);
    }
    var langs = bar.querySelector(".langs");
    bar.insertBefore(button, langs);
    bar.classList.add("has-toggle");
  })();

  // ---- Copy buttons on code blocks ----------------------------------------------------------
  (function () {
    var blocks = document.querySelectorAll("pre > code");
    function fallback(code) {
      // No Clipboard API (a page served over plain HTTP from another host): select the text so
      // Ctrl+C copies it, and try the old command.
      var range = document.createRange();
      range.selectNodeContents(code);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      try {
        return document.execCommand("copy");
      } catch (e) {
        return false;
      }
    }
    Array.prototype.forEach.call(blocks, function (code) {
      var pre = code.parentNode;
      if (pre.parentNode && pre.parentNode.classList.contains("copyable")) {
        return;
      }
      var wrap = el("div", "copyable");
      pre.parentNode.insertBefore(wrap, pre);
      wrap.appendChild(pre);
      var button = el("button", "copy", T.copy);
      button.type = "button";
      wrap.appendChild(button);
      var timer = 0;
      function done(ok) {
        button.textContent = ok ? T.copied : T.copy;
        button.setAttribute("data-state", ok ? "done" : "failed");
        announce(ok ? T.copied : T.copyFailed);
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          button.textContent = T.copy;
          button.removeAttribute("data-state");
        }, 2000);
      }
      button.addEventListener("click", function () {
        var text = code.textContent;
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(
            function () {
              done(true);
            },
            function () {
              done(fallback(code));
            }
          );
        } else {
          done(fallback(code));
        }
      });
    });
  })();

  // ---- Instant search -----------------------------------------------------------------------
  var form = document.querySelector("form.search");
  var input = document.getElementById("q");
  var panel = document.getElementById("instant");
  if (!form || !input || !panel) {
    return;
  }
  var lang = th ? 1 : 0;
  var MAX = 10;
  var byId = null;
  var loading = null;
  var asked = 0; // the latest query sent; older answers are dropped
  var memo = {};
  var active = -1; // the chosen result, or -1
  var shownFor = null; // the query the list shows, or null

  // The combobox: the list of results and the live region that says how many matched.
  var list = el("ul");
  list.id = "instant-list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", form.querySelector("label") ? form.querySelector("label").textContent : "");
  var meta = el("p", "meta");
  panel.textContent = "";
  panel.appendChild(list);
  panel.appendChild(meta);
  var live = el("p", "vh");
  live.id = "instant-status";
  live.setAttribute("role", "status");
  form.appendChild(live);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", "instant-list");

  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-index"), { credentials: "same-origin" })
        .then(function (res) {
          if (!res.ok) {
            throw new Error("search index: HTTP " + res.status);
          }
          return res.json();
        })
        .then(function (data) {
          byId = {};
          (data.entries || []).forEach(function (e) {
            byId[e.id] = e;
          });
        })
        .catch(function () {
          // Offline or refused: the form still searches on the server.
          loading = null;
        });
    }
    return loading;
  }

  // The ranked ids and the total for a query, from the API (remembered per query).
  function ask(query) {
    if (memo[query]) {
      return Promise.resolve(memo[query]);
    }
    var url = (form.getAttribute("data-api") || "/api/v1/search") +
      "?limit=" + MAX + "&q=" + encodeURIComponent(query);
    return fetch(url, { credentials: "same-origin" })
      .then(function (res) {
        if (res.status === 400) {
          return { total: 0, ids: [] };
        }
        if (!res.ok) {
          throw new Error("search: HTTP " + res.status);
        }
        return res.json().then(function (data) {
          return {
            total: data.total || 0,
            ids: (data.results || []).map(function (r) {
              return r.entry.id;
            })
          };
        });
      })
      .then(function (answer) {
        memo[query] = answer;
        return answer;
      });
  }

  function options() {
    return Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
  }

  function choose(index) {
    var opts = options();
    active = index >= 0 && index < opts.length ? index : -1;
    opts.forEach(function (o, i) {
      o.setAttribute("aria-selected", i === active ? "true" : "false");
    });
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", opts[active].id);
      if (opts[active].scrollIntoView) {
        opts[active].scrollIntoView({ block: "nearest" });
      }
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function open(yes) {
    panel.hidden = !yes;
    input.setAttribute("aria-expanded", yes ? "true" : "false");
    if (!yes) {
      choose(-1);
    }
  }

  // Keeps the query in the address (?q=), replacing the history entry: Back is not flooded.
  function remember(query) {
    if (!window.history || !window.history.replaceState || !window.URL) {
      return;
    }
    var url = new URL(window.location.href);
    if ((url.searchParams.get("q") || "") === query) {
      return;
    }
    if (query) {
      url.searchParams.set("q", query);
    } else {
      url.searchParams.delete("q");
    }
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  }

  function render() {
    var query = input.value.trim();
    remember(query);
    if (!query) {
      asked++;
      shownFor = null;
      open(false);
      list.textContent = "";
      meta.textContent = "";
      live.textContent = "";
      return;
    }
    var ticket = ++asked;
    Promise.all([load(), ask(query)])
      .then(function (got) {
        if (ticket !== asked || !byId) {
          return;
        }
        draw(query, got[1]);
      })
      .catch(function () {
        // Offline or refused: Enter still searches on the server.
      });
  }

  function draw(query, answer) {
    var hits = answer.ids
      .map(function (id) {
        return byId[id];
      })
      .filter(Boolean);
    var total = answer.total;
    list.textContent = "";
    meta.textContent = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    hits.forEach(function (e, i) {
      var li = el("li");
      li.setAttribute("role", "none");
      var a = el("a", "hit " + e.c);
      a.href = e.u;
      a.id = "instant-opt-" + i;
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.tabIndex = -1;
      a.setAttribute("data-id", e.id);
      a.appendChild(el("span", "num", (e.ns ? e.ns + " " : "") + e.n));
      a.appendChild(document.createTextNode(" "));
      var phrase = el("span", "phrase", e.x ? e.t[lang] : e.p);
      if (lang && !e.x) {
        phrase.lang = "en";
      }
      a.appendChild(phrase);
      if (lang && e.t[1] && e.t[1] !== e.p && !e.x) {
        a.appendChild(document.createTextNode(" · " + e.t[1]));
      }
      a.appendChild(el("span", "sum", e.s[lang]));
      li.appendChild(a);
      list.appendChild(li);
    });
    var text;
    if (!total) {
      text = form.getAttribute("data-none");
    } else if (total > hits.length) {
      text = fill(T.shown, { shown: hits.length, total: total });
    } else {
      text = fill(total === 1 ? form.getAttribute("data-count-one") : form.getAttribute("data-count"), { n: total });
    }
    var count = el("span", "count", text);
    count.setAttribute("data-total", String(total));
    count.setAttribute("data-shown", String(hits.length));
    var all = el(
      "a",
      total > hits.length ? "more" : null,
      total > hits.length ? fill(T.more, { total: total }) : fill(form.getAttribute("data-all"), { q: query })
    );
    all.href = "/search?q=" + encodeURIComponent(query);
    meta.appendChild(count);
    meta.appendChild(all);
    live.textContent = text;
    shownFor = query;
    open(document.activeElement === input || panel.contains(document.activeElement));
  }

  // The page of the entry the query names exactly, if the list already shows it first: the
  // same rule as the server's (`routes::jump`), which handles every other case after submit.
  function exactPage(query) {
    var answer = memo[query];
    if (!answer || !answer.ids.length || !byId) {
      return null;
    }
    var key = query.replace(/^([A-Za-z][\w-]*)(?:\s+|\/)(\S+)$/, "$1:$2");
    var first = answer.ids[0];
    if (key === first || key.toLowerCase() === first) {
      return byId[first] ? byId[first].u : null;
    }
    return null;
  }

  // On load: a query in the address (a shared link, Back) fills the box.
  (function () {
    if (!window.URL) {
      return;
    }
    var q = new URL(window.location.href).searchParams.get("q");
    if (q && !input.value) {
      input.value = q;
    }
  })();

  input.addEventListener("focus", function () {
    load();
    if (input.value.trim() && shownFor !== input.value.trim()) {
      render();
    } else if (shownFor !== null && input.value.trim()) {
      open(true);
    }
  });
  input.addEventListener("input", render);
  input.addEventListener("keydown", function (ev) {
    var opts = options();
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (panel.hidden) {
        if (shownFor !== null && ev.key === "ArrowDown") {
          ev.preventDefault();
          open(true);
          choose(0);
        }
        return;
      }
      if (!opts.length) {
        return;
      }
      ev.preventDefault();
      if (ev.key === "ArrowDown") {
        choose(active + 1 < opts.length ? active + 1 : 0);
      } else {
        choose(active > 0 ? active - 1 : opts.length - 1);
      }
    } else if (ev.key === "Home" && active >= 0) {
      ev.preventDefault();
      choose(0);
    } else if (ev.key === "End" && active >= 0) {
      ev.preventDefault();
      choose(opts.length - 1);
    } else if (ev.key === "Enter") {
      if (!panel.hidden && active >= 0 && opts[active]) {
        ev.preventDefault();
        window.location.assign(opts[active].href);
        return;
      }
      var page = exactPage(input.value.trim());
      if (page) {
        ev.preventDefault();
        window.location.assign(page);
      }
      // Otherwise the form submits; the server redirects an exact id to its page too.
    } else if (ev.key === "Escape") {
      // A search field clears itself on Escape; the first Escape only closes the list.
      ev.preventDefault();
      if (!panel.hidden) {
        open(false);
      } else if (input.value) {
        input.value = "";
        render();
      }
    }
  });
  // "/" focuses the search box, unless the focus is in a text field already.
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) {
      return;
    }
    var t = ev.target;
    var tag = t && t.tagName ? t.tagName.toLowerCase() : "";
    if (tag === "input" || tag === "textarea" || tag === "select" || (t && t.isContentEditable)) {
      return;
    }
    ev.preventDefault();
    input.focus();
    input.select();
  });
  list.addEventListener("mousemove", function (ev) {
    var opt = ev.target.closest ? ev.target.closest("[role=option]") : null;
    if (opt) {
      var i = options().indexOf(opt);
      if (i !== active) {
        choose(i);
      }
    }
  });
  document.addEventListener("click", function (ev) {
    if (!form.contains(ev.target)) {
      open(false);
    }
  });
  form.addEventListener("focusout", function (ev) {
    if (ev.relatedTarget && !form.contains(ev.relatedTarget)) {
      open(false);
    }
  });
})();

// /guide: a filter box over the list of situations (the list and the linked questions work
// without it). It matches the words in each item's data-guide: id, codes and titles.
(function () {
  "use strict";
  var box = document.getElementById("guide-filter");
  var list = document.getElementById("guide-list");
  if (!box || !list) {
    return;
  }
  var wrap = box.closest(".guide-filter");
  var none = document.querySelector(".guide-none");
  if (wrap) {
    wrap.hidden = false;
  }
  var items = list.querySelectorAll("li[data-guide]");
  box.addEventListener("input", function () {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var text = items[i].getAttribute("data-guide");
      var match = words.every(function (w) { return text.indexOf(w) !== -1; });
      items[i].hidden = !match;
      if (match) {
        shown++;
      }
    }
    if (none) {
      none.hidden = shown !== 0;
    }
  });
})();
