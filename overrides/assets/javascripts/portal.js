/* Portal Kinerja — progressive enhancement only; every figure and table works without it.
 * 1. Sortable tables (vendored tablesort) on table.pk-sortable.
 * 2. Stale-data banner: reads freshness.json (same origin) and warns when an office's next
 *    update or the next site build is overdue *today*, even if scheduled builds have stopped. */
(function () {
  "use strict";

  var TEXT = {
    id: {
      offices: function (n, codes) {
        return "Peringatan: data " + n + " kantor sudah melewati jadwal pembaruan (" + codes + ").";
      },
      site: function (d) {
        return "Peringatan: situs ini terakhir dibangun " + d + " dan pembaruan terjadwal tampaknya berhenti; angka di sini mungkin sudah usang.";
      }
    },
    en: {
      offices: function (n, codes) {
        return "Warning: data of " + n + " office(s) is past its update schedule (" + codes + ").";
      },
      site: function (d) {
        return "Warning: this site was last built on " + d + " and scheduled updates seem to have stopped; figures may be out of date.";
      }
    }
  };

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

  function banner() {
    var el = document.getElementById("pk-stale");
    if (!el || !window.fetch) return;
    var lang = document.documentElement.lang === "en" ? "en" : "id";
    fetch(el.getAttribute("data-freshness"), { cache: "no-store", credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (doc) {
        if (!doc) return;
        var today = new Date().toISOString().slice(0, 10);
        // overdue: past the expected date, or never sent valid data (as on the pages)
        var late = (doc.offices || []).filter(function (o) {
          return (o.expected_by && today > o.expected_by) || o.status === "missing";
        }).map(function (o) { return String(o.kode); });
        var lines = [];
        if (doc.site_expected_by && today > doc.site_expected_by) {
          lines.push(TEXT[lang].site(String(doc.generated_at || "").slice(0, 10)));
        }
        if (late.length) {
          var shown = late.slice(0, 8).join(", ") + (late.length > 8 ? ", …" : "");
          lines.push(TEXT[lang].offices(late.length, shown));
        }
        if (!lines.length) return;
        el.textContent = "";
        for (var i = 0; i < lines.length; i++) {
          var p = document.createElement("p");
          p.textContent = lines[i];
          el.appendChild(p);
        }
        el.hidden = false;
      })
      .catch(function () { /* offline or no file: nothing to say */ });
  }

  sortable();
  banner();
})();
