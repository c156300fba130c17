// httpstatus web reference: instant search and the curl lines' address.
//
// Plain JavaScript, no build step, no dependencies, loaded with `defer`. The pages work without
// it: the search box is a form to /search, rendered on the server. With it, typing in the box
// shows matches at once from /assets/search-index.json (codes, phrases, aliases, titles and
// summaries in English and Thai). Results are built with DOM calls and textContent only.
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
  var entries = null;
  var loading = null;

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
          entries = prepare(data.entries || []);
        })
        .catch(function () {
          // Offline or refused: the form still searches on the server.
          loading = null;
        });
    }
    return loading;
  }

  function lower(s) {
    return (s || "").toLocaleLowerCase();
  }

  function prepare(list) {
    return list.map(function (e, i) {
      return {
        e: e,
        order: i,
        id: lower(e.id),
        n: lower(e.n),
        ns: lower(e.ns),
        phrase: lower(e.p),
        titles: lower(e.t[0]) + "\n" + lower(e.t[1]),
        sums: lower(e.s[0]) + "\n" + lower(e.s[1]),
        aliases: lower((e.a || []).join("\n"))
      };
    });
  }

  // Words start after a space, punctuation or a line break.
  function startsWord(text, token) {
    var at = text.indexOf(token);
    while (at !== -1) {
      if (at === 0 || /[\s(\-\/:"'“]/.test(text.charAt(at - 1))) {
        return true;
      }
      at = text.indexOf(token, at + 1);
    }
    return false;
  }

  function scoreToken(x, token) {
    if (token === x.id || token === x.n) {
      return 1000;
    }
    if (/^\d/.test(token) && x.n.indexOf(token) === 0) {
      return 600 - 10 * (x.n.length - token.length);
    }
    if (token === x.ns) {
      return 90;
    }
    var best = 0;
    if (startsWord(x.phrase, token)) {
      best = 260;
    } else if (x.phrase.indexOf(token) !== -1) {
      best = 150;
    }
    if (startsWord(x.titles, token)) {
      best = Math.max(best, 220);
    } else if (x.titles.indexOf(token) !== -1) {
      best = Math.max(best, 140);
    }
    if (x.aliases.indexOf(token) !== -1) {
      best = Math.max(best, startsWord(x.aliases, token) ? 200 : 110);
    }
    if (!best && x.sums.indexOf(token) !== -1) {
      best = startsWord(x.sums, token) ? 40 : 25;
    }
    return best;
  }

  function find(query) {
    var q = lower(query).trim();
    var tokens = q.split(/[\s:\/,]+/).filter(function (t) {
      return t.length > 0;
    });
    if (!tokens.length) {
      return [];
    }
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      var x = entries[i];
      var total = 0;
      for (var j = 0; j < tokens.length; j++) {
        var s = scoreToken(x, tokens[j]);
        if (!s) {
          total = 0;
          break;
        }
        total += s;
      }
      if (total) {
        // Whole-query matches beat scattered ones: the phrase or a title is, or starts with, it.
        var titles = x.titles.split("\n");
        if (x.phrase === q || titles.indexOf(q) !== -1) {
          total += 500;
        } else if (x.phrase.indexOf(q) === 0) {
          total += 300;
        } else if (titles.some(function (t) { return t.indexOf(q) === 0; })) {
          total += 200;
        }
        if (!x.ns && x.n.indexOf(".") === -1) {
          total += 5; // the standard meaning first
        }
        if (x.e.x) {
          total = Math.floor(total / 2);
        }
        hits.push({ x: x, score: total });
      }
    }
    hits.sort(function (a, b) {
      return b.score - a.score || a.x.order - b.x.order;
    });
    return hits;
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
    var query = input.value;
    if (!query.trim()) {
      show(false);
      panel.textContent = "";
      return;
    }
    if (!entries) {
      load().then(function () {
        if (entries) {
          render();
        }
      });
      return;
    }
    var hits = find(query);
    panel.textContent = "";
    var meta = el("p", "meta");
    var status = el("span", null, hits.length ? form.getAttribute("data-count").replace("{n}", String(hits.length)) : form.getAttribute("data-none"));
    status.setAttribute("role", "status");
    var all = el("a", null, form.getAttribute("data-all").replace("{q}", query.trim()));
    all.href = "/search?q=" + encodeURIComponent(query.trim());
    meta.appendChild(status);
    meta.appendChild(all);
    if (hits.length) {
      var ul = el("ul");
      hits.slice(0, MAX).forEach(function (hit) {
        var e = hit.x.e;
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
