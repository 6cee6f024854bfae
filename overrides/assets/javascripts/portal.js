/* Portal Kinerja — progressive enhancement only; every figure and table works without it.
 * 1. Sortable tables (vendored tablesort) on table.pk-sortable; table roles on card lists.
 * 2. A filter box over the office list ([data-pk-filter]): hides the offices whose name, code
 *    or sector does not contain every word typed, and the sector groups left empty.
 * 3. Stale-data banner: reads freshness.json (same origin) and warns when an office's next
 *    update or the next site build is overdue *today*, even if scheduled builds have stopped.
 * 4. Material's wrappers of wide Markdown tables become focusable regions when they scroll,
 *    so they can be scrolled from the keyboard. */
(function () {
  "use strict";

  var TEXT = {
    id: {
      offices: function (n, names) {
        return "Peringatan: data " + n + " kantor terlambat (melewati jadwal pembaruan): " + names + ".";
      },
      missing: function (n, names) {
        return n + " kantor belum mempunyai data valid (gagal validasi atau belum pernah melapor): " + names + ".";
      },
      more: function (n) { return "dan " + n + " kantor lainnya"; },
      status: "Lihat Status Data",
      table: "Tabel",
      site: function (d) {
        return "Peringatan: situs ini terakhir dibangun " + d + " dan pembaruan terjadwal tampaknya berhenti; angka di sini mungkin sudah usang.";
      }
    },
    en: {
      offices: function (n, names) {
        return "Warning: data of " + n + " office(s) is late (past its update schedule): " + names + ".";
      },
      missing: function (n, names) {
        return n + " office(s) have no valid data yet (failed validation or never reported): " + names + ".";
      },
      more: function (n) { return "and " + n + " more"; },
      status: "See Data Status",
      table: "Table",
      site: function (d) {
        return "Warning: this site was last built on " + d + " and scheduled updates seem to have stopped; figures may be out of date.";
      }
    }
  };
  var LANG = document.documentElement.lang === "en" ? "en" : "id";
  var SHOWN = 3; // office names the banner lists before "and N more"

  // A list shown as cards (display: block on a phone) is still a table for screen readers:
  // some browsers (Safari) drop a table's semantics with its display, explicit roles keep them.
  function tableRoles() {
    var tables = document.querySelectorAll("table.pk-cards");
    for (var i = 0; i < tables.length; i++) {
      var t = tables[i];
      t.setAttribute("role", "table");
      var parts = t.querySelectorAll("thead, tbody");
      for (var p = 0; p < parts.length; p++) parts[p].setAttribute("role", "rowgroup");
      var rows = t.querySelectorAll("tr");
      for (var r = 0; r < rows.length; r++) rows[r].setAttribute("role", "row");
      var cells = t.querySelectorAll("th, td");
      for (var c = 0; c < cells.length; c++) {
        var cell = cells[c];
        cell.setAttribute("role", cell.tagName === "TD" ? "cell"
          : cell.getAttribute("scope") === "row" ? "rowheader" : "columnheader");
      }
    }
  }

  function sortable() {
    if (typeof window.Tablesort === "undefined") return;
    var tables = document.querySelectorAll("table.pk-sortable");
    for (var i = 0; i < tables.length; i++) {
      if (!tables[i].getAttribute("data-pk-sortable")) {
        new window.Tablesort(tables[i]);
        tables[i].setAttribute("data-pk-sortable", "1");
      }
    }
  }

  function fold(text) {
    var t = String(text || "").toLowerCase();
    return t.normalize ? t.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : t;
  }

  function filter() {
    var box = document.querySelector("[data-pk-filter]");
    if (!box) return;
    var groups = document.querySelectorAll("[data-pk-group]");
    var rows = [];
    for (var g = 0; g < groups.length; g++) {
      var trs = groups[g].querySelectorAll("tbody tr");
      for (var r = 0; r < trs.length; r++) {
        // the office's code is in its page's address (kantor/<code>/), not in the row's text
        var link = trs[r].querySelector("a[href]");
        var code = link ? link.getAttribute("href").replace(/\/$/, "").split("/").pop() : "";
        rows.push({ el: trs[r], group: g, text: fold(trs[r].textContent + " " + code + " " + groups[g].getAttribute("aria-label")) });
      }
    }
    var label = document.createElement("label");
    label.setAttribute("for", "pk-filter-input");
    label.textContent = box.getAttribute("data-label");
    var input = document.createElement("input");
    input.type = "search";
    input.id = "pk-filter-input";
    input.setAttribute("autocomplete", "off");
    input.setAttribute("placeholder", box.getAttribute("data-hint"));
    var count = document.createElement("p");
    count.className = "pk-finder__count";
    count.setAttribute("role", "status");
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(count);
    box.hidden = false;

    function show(el, on) { if (el) el.hidden = !on; }

    function apply() {
      var q = fold(input.value).trim();
      var words = q ? q.split(/\s+/) : [];
      var shown = 0, perGroup = [];
      for (var i = 0; i < rows.length; i++) {
        var ok = true;
        for (var w = 0; w < words.length && ok; w++) ok = rows[i].text.indexOf(words[w]) !== -1;
        rows[i].el.hidden = !ok;
        if (ok) { shown++; perGroup[rows[i].group] = true; }
      }
      for (var k = 0; k < groups.length; k++) {
        var on = !!perGroup[k];
        var id = groups[k].getAttribute("data-pk-group");
        show(groups[k], on);
        show(document.getElementById(id), on);
        var next = document.getElementById(id) && document.getElementById(id).nextElementSibling;
        if (next && next.classList.contains("pk-letters")) show(next, on && !words.length);
      }
      count.textContent = !words.length ? "" : shown
        ? box.getAttribute("data-count").replace("{n}", String(shown))
        : box.getAttribute("data-none");
    }
    input.addEventListener("input", apply);
  }

  function scrollRegions() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < wraps.length; i++) {
      var el = wraps[i];
      if (el.scrollWidth > el.clientWidth + 1 && !el.hasAttribute("tabindex")) {
        var head = el.previousElementSibling;
        while (head && !/^H[1-6]$/.test(head.tagName)) head = head.previousElementSibling;
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", head ? head.textContent.trim() : TEXT[LANG].table);
      }
    }
  }

  function banner() {
    var el = document.getElementById("pk-stale");
    if (!el || !window.fetch) return;
    fetch(el.getAttribute("data-freshness"), { cache: "no-store", credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (doc) {
        if (!doc) return;
        var today = new Date().toISOString().slice(0, 10);
        // late (past the expected date) and without valid data are told apart (as on the pages)
        var name = function (o) { return String(o.nama || o.kode); };
        var late = (doc.offices || []).filter(function (o) {
          return o.status !== "missing" && o.expected_by && today > o.expected_by;
        }).map(name);
        var missing = (doc.offices || []).filter(function (o) {
          return o.status === "missing";
        }).map(name);
        var lines = [];
        if (doc.site_expected_by && today > doc.site_expected_by) {
          lines.push(TEXT[LANG].site(String(doc.generated_at || "").slice(0, 10)));
        }
        var list = function (items) {
          var names = items.slice(0, SHOWN).join(", ");
          return items.length > SHOWN ? names + " " + TEXT[LANG].more(items.length - SHOWN) : names;
        };
        if (late.length) lines.push(TEXT[LANG].offices(late.length, list(late)));
        if (missing.length) lines.push(TEXT[LANG].missing(missing.length, list(missing)));
        if (!lines.length) return;
        el.textContent = "";
        for (var i = 0; i < lines.length; i++) {
          var p = document.createElement("p");
          p.textContent = lines[i];
          el.appendChild(p);
        }
        var link = el.getAttribute("data-status");
        if ((late.length || missing.length) && link) {
          var a = document.createElement("a");
          a.href = link;
          a.textContent = TEXT[LANG].status;
          var more = document.createElement("p");
          more.appendChild(a);
          el.appendChild(more);
        }
        el.hidden = false;
      })
      .catch(function () { /* offline or no file: nothing to say */ });
  }

  tableRoles();
  sortable();
  filter();
  banner();
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { scrollRegions(); });
  } else {
    scrollRegions();
  }
})();
