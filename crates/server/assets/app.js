// httpstatus web reference: instant search and the curl lines' address.
//
// Plain JavaScript, no build step, no dependencies, loaded with `defer`. The pages work without
// it: the search box is a form to /search, rendered on the server. With it, typing in the box
// asks /api/v1/search, the same ranking the search page, the API and the CLI use, so the order
// and the count agree everywhere; /assets/search-index.json gives each result's display fields
// (number, phrase, titles and summaries in English and Thai). Results are built with DOM calls
// and textContent only.
(function () {
  "use strict";

  // The curl examples are rendered with the default address; show the one this page came from.
  var bases = document.querySelectorAll(".base");
  for (var b = 0; b < bases.length; b++) {
    bases[b].textContent = window.location.origin;
  }

  var form = document.querySelector("form.search");
  var input = document.getElementById("q");
  var panel = document.getElementById("instant");
  if (!form || !input || !panel) {
    return;
  }
  var th = document.documentElement.lang === "th" ? 1 : 0;
  var MAX = 10;
  var byId = null;
  var loading = null;
  var asked = 0; // the latest query sent; older answers are dropped
  var memo = {};

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

  function show(open) {
    panel.hidden = !open;
  }

  function render() {
    var query = input.value.trim();
    if (!query) {
      asked++;
      show(false);
      panel.textContent = "";
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
    panel.textContent = "";
    var meta = el("p", "meta");
    var label = total === 1 ? form.getAttribute("data-count-one") : form.getAttribute("data-count");
    var status = el("span", null, total ? label.replace("{n}", String(total)) : form.getAttribute("data-none"));
    status.setAttribute("role", "status");
    status.className = "count";
    status.setAttribute("data-total", String(total));
    var all = el("a", null, form.getAttribute("data-all").replace("{q}", query));
    all.href = "/search?q=" + encodeURIComponent(query);
    meta.appendChild(status);
    meta.appendChild(all);
    if (hits.length) {
      var ul = el("ul");
      hits.forEach(function (e) {
        var li = el("li");
        var a = el("a", "hit " + e.c);
        a.href = e.u;
        a.appendChild(el("span", "num", (e.ns ? e.ns + " " : "") + e.n));
        a.appendChild(document.createTextNode(" "));
        var phrase = el("span", "phrase", e.x ? e.t[th] : e.p);
        if (th && !e.x) {
          phrase.lang = "en";
        }
        a.appendChild(phrase);
        if (th && e.t[1] && e.t[1] !== e.p && !e.x) {
          a.appendChild(document.createTextNode(" · " + e.t[1]));
        }
        a.appendChild(el("span", "sum", e.s[th]));
        li.appendChild(a);
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    panel.appendChild(meta);
    show(true);
  }

  function links() {
    return Array.prototype.slice.call(panel.querySelectorAll("a"));
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", render);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" && !panel.hidden) {
      var first = links()[0];
      if (first) {
        ev.preventDefault();
        first.focus();
      }
    } else if (ev.key === "Escape") {
      show(false);
    }
  });
  panel.addEventListener("keydown", function (ev) {
    var list = links();
    var at = list.indexOf(document.activeElement);
    if (ev.key === "ArrowDown" && at < list.length - 1) {
      ev.preventDefault();
      list[at + 1].focus();
    } else if (ev.key === "ArrowUp") {
      ev.preventDefault();
      if (at > 0) {
        list[at - 1].focus();
      } else {
        input.focus();
      }
    } else if (ev.key === "Escape") {
      show(false);
      input.focus();
    }
  });
  document.addEventListener("click", function (ev) {
    if (!form.contains(ev.target)) {
      show(false);
    }
  });
  form.addEventListener("focusout", function (ev) {
    if (ev.relatedTarget && !form.contains(ev.relatedTarget)) {
      show(false);
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
