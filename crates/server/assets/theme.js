// httpstatus: the colour theme the reader chose with the header's toggle (see app.js), applied
// before the page paints so it never flashes in the other one. Without a choice the page follows
// prefers-color-scheme. Loaded synchronously in <head>; kept tiny on purpose.
(function () {
  // The header keeps room for the toggle app.js adds (see style.css), so adding it moves nothing.
  document.documentElement.setAttribute("data-js", "");
  try {
    var t = window.localStorage.getItem("httpstatus-theme");
    if (t === "dark" || t === "light") {
      document.documentElement.setAttribute("data-theme", t);
    }
  } catch (e) {
    // Storage refused (private mode, blocked cookies): the system setting applies.
  }
})();
