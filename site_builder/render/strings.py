"""Every generated string of the portal, Bahasa Indonesia first, English second.

Values are `str.format` templates; callers pass numbers and our own words only, never sheet
text (sheet text is placed by the templates, through the escaping filters)."""
# ruff: noqa: E501  (a message catalogue: one entry per line reads best)
from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # site sections
    "home.title": {"id": "Beranda", "en": "Home"},
    "sector.title": {"id": "Perbandingan Sektor", "en": "Comparison by Sector"},
    "status.title": {"id": "Status Data", "en": "Data Status"},
    "data.title": {"id": "Data Terbuka", "en": "Open Data"},
    "method.title": {"id": "Metodologi", "en": "Methodology"},
    "offices.title": {"id": "Kantor", "en": "Offices"},
    # headline figures
    "home.intro": {
        "id": "Kinerja organisasi dan pelayanan publik {instansi}: target dan realisasi, kepuasan "
              "masyarakat, dan penanganan pengaduan, dari lembar kerja setiap perangkat daerah.",
        "en": "Organisational and public-service performance of {instansi}: targets and results, "
              "citizen satisfaction and complaint handling, from each office's worksheet."},
    "home.headline": {"id": "Angka utama", "en": "Key figures"},
    "kpi.offices": {"id": "Kantor melapor", "en": "Offices reporting"},
    "home.headline_period": {"id": "Angka utama memakai satu periode, {period}: periode terakhir yang dilaporkan oleh paling banyak kantor (lihat Metodologi).",
                             "en": "The key figures are of one period, {period}: the latest period reported by the most offices (see Methodology)."},
    "kpi.offices_of": {"id": "{n} dari {total} kantor mempunyai indeks", "en": "{n} of {total} offices have an index"},
    "kpi.index": {"id": "Rata-rata indeks kinerja", "en": "Average performance index"},
    "kpi.index_note": {"id": "rata-rata {n} kantor", "en": "mean of {n} offices"},
    "kpi.ikm": {"id": "Rata-rata IKM", "en": "Average satisfaction index (IKM)"},
    "kpi.ikm_note": {"id": "dari {n} unit layanan", "en": "across {n} service units"},
    "kpi.complaints": {"id": "Pengaduan selesai tepat waktu", "en": "Complaints resolved on time"},
    "kpi.complaints_note": {"id": "{done} dari {total} pengaduan yang masuk", "en": "{done} of {total} complaints received"},
    "kpi.overdue": {"id": "Kantor terlambat memperbarui", "en": "Offices overdue for an update"},
    # tables
    "col.office": {"id": "Kantor", "en": "Office"},
    "col.sector": {"id": "Sektor", "en": "Sector"},
    "col.period": {"id": "Periode", "en": "Period"},
    "col.index": {"id": "Indeks kinerja", "en": "Performance index"},
    "col.category": {"id": "Kategori", "en": "Category"},
    "col.change": {"id": "Perubahan", "en": "Change"},
    "col.coverage": {"id": "Indikator dilaporkan", "en": "Indicators reported"},
    "col.ikm": {"id": "IKM", "en": "IKM"},
    "col.status": {"id": "Status data", "en": "Data status"},
    "col.updated": {"id": "Data per", "en": "Data as of"},
    "col.next": {"id": "Pembaruan berikutnya", "en": "Next update expected"},
    "col.cadence": {"id": "Frekuensi", "en": "Cadence"},
    "col.errors": {"id": "Kesalahan", "en": "Errors"},
    "col.warnings": {"id": "Peringatan", "en": "Warnings"},
    "col.reason": {"id": "Keterangan", "en": "Note"},
    "col.code": {"id": "Kode", "en": "Code"},
    "col.indicator": {"id": "Indikator", "en": "Indicator"},
    "col.type": {"id": "Jenis", "en": "Type"},
    "col.unit": {"id": "Satuan", "en": "Unit"},
    "col.direction": {"id": "Arah", "en": "Direction"},
    "col.target": {"id": "Target", "en": "Target"},
    "col.actual": {"id": "Realisasi", "en": "Actual"},
    "col.capaian": {"id": "Capaian (%)", "en": "Achievement (%)"},
    "col.trend": {"id": "Tren (poin)", "en": "Trend (points)"},
    "col.explanation": {"id": "Penjelasan", "en": "Explanation"},
    "col.service_unit": {"id": "Unit layanan", "en": "Service unit"},
    "col.respondents": {"id": "Responden", "en": "Respondents"},
    "col.mutu": {"id": "Mutu", "en": "Grade"},
    "col.unit_perf": {"id": "Kinerja unit", "en": "Unit performance"},
    "col.received": {"id": "Masuk", "en": "Received"},
    "col.responded": {"id": "Ditanggapi ≤ 3 hari kerja", "en": "Answered ≤ 3 working days"},
    "col.resolved": {"id": "Selesai", "en": "Resolved"},
    "col.resolved_ontime": {"id": "Selesai tepat waktu", "en": "Resolved on time"},
    "col.open": {"id": "Masih terbuka", "en": "Still open"},
    "col.median": {"id": "Median hari kerja sampai selesai", "en": "Median working days to resolve"},
    "col.employees": {"id": "Jumlah pegawai", "en": "Employees"},
    "col.kurva": {"id": "Sesuai kurva", "en": "Within the curve"},
    "col.offices_n": {"id": "Jumlah kantor", "en": "Offices"},
    "col.mean_index": {"id": "Rata-rata indeks", "en": "Average index"},
    "col.best": {"id": "Tertinggi", "en": "Highest"},
    "col.lowest": {"id": "Terendah", "en": "Lowest"},
    "col.file": {"id": "Berkas", "en": "File"},
    "col.format": {"id": "Format", "en": "Format"},
    "col.size": {"id": "Ukuran", "en": "Size"},
    "col.column": {"id": "Kolom", "en": "Column"},
    "col.dtype": {"id": "Tipe", "en": "Type"},
    "col.description": {"id": "Keterangan", "en": "Description"},
    "col.rule": {"id": "Aturan", "en": "Rule"},
    "col.version": {"id": "Versi", "en": "Version"},
    "col.before": {"id": "Sebelumnya", "en": "Before"},
    "col.now": {"id": "Sekarang", "en": "Now"},
    # status
    "status.ok": {"id": "Mutakhir", "en": "Up to date"},
    "status.stale": {"id": "Data lama dipakai", "en": "Older data shown"},
    "status.missing": {"id": "Belum ada data", "en": "No data yet"},
    "status.overdue": {"id": "Terlambat", "en": "Overdue"},
    "status.on_time": {"id": "Sesuai jadwal", "en": "On schedule"},
    "status.reported": {"id": "Melapor", "en": "Reported"},
    "status.stale_badge": {
        "id": "Data per {date}; pembaruan terakhir gagal validasi.",
        "en": "Data as of {date}; the latest update failed validation."},
    "status.missing_badge": {"id": "Kantor ini belum mengirim data yang valid.",
                             "en": "This office has not sent valid data yet."},
    "status.overdue_badge": {
        "id": "Pembaruan terlambat: data berikutnya diharapkan paling lambat {date}.",
        "en": "Update overdue: new data was expected by {date}."},
    "status.intro": {
        "id": "Kantor mana yang sudah melapor, kapan datanya diambil, dan berapa temuan validasi "
              "pada pembaruan terakhir (hanya jumlah; rincian temuan dikirim ke kantor masing-masing).",
        "en": "Which offices reported, when their data was fetched, and how many validation "
              "findings the last update had (counts only; details go to each office)."},
    "status.summary": {"id": "{ok} kantor mutakhir, {stale} memakai data lama, {missing} belum ada data, {overdue} terlambat.",
                       "en": "{ok} offices up to date, {stale} showing older data, {missing} without data, {overdue} overdue."},
    "status.none": {"id": "Tidak ada.", "en": "None."},
    # cadence
    "cadence.bulanan": {"id": "bulanan", "en": "monthly"},
    "cadence.triwulanan": {"id": "triwulanan", "en": "quarterly"},
    "cadence.semesteran": {"id": "semesteran", "en": "half-yearly"},
    "cadence.tahunan": {"id": "tahunan", "en": "yearly"},
    "fresh.built": {"id": "Situs dibangun {date} pukul {time} {zone}.", "en": "Site built on {date} at {time} {zone}."},
    "fresh.rule_lead": {
        "id": "Sebuah kantor dianggap terlambat bila datanya lebih tua dari jadwal pembaruannya "
              "ditambah masa tenggang: {rules}.",
        "en": "An office counts as overdue when its data is older than its update cadence plus "
              "a grace period: {rules}."},
    "fresh.rule_item": {"id": "{name} {days} + {grace} hari", "en": "{name} {days} + {grace} days"},
    # home
    "home.offices": {"id": "Kinerja per kantor", "en": "Performance by office"},
    "home.find_intro": {"id": "Per sektor, urut nama; angka dari periode terakhir setiap kantor (di ponsel periodenya ditulis bila bukan {period}). Semua kantor menurut indeks:",
                        "en": "By sector and name; figures of each office's latest period (on a phone the period is written when it is not {period}). Every office by index:"},
    "jump.sectors": {"id": "Sektor", "en": "Sectors"},
    "jump.letters": {"id": "Abjad, {sector}", "en": "A–Z, {sector}"},
    "filter.label": {"id": "Saring daftar kantor", "en": "Filter the list of offices"},
    "filter.hint": {"id": "nama, kode atau sektor", "en": "name, code or sector"},
    "filter.count": {"id": "{n} kantor ditampilkan", "en": "{n} offices shown"},
    "filter.none": {"id": "Tidak ada kantor yang cocok.", "en": "No office matches."},
    # ranking
    "ranking.title": {"id": "Peringkat Kantor", "en": "Office Ranking"},
    "ranking.intro": {
        "id": "Semua kantor menurut indeks kinerja pada {period}, periode angka utama di Beranda, dari yang tertinggi. Indeks hanya dibandingkan dalam satu periode; di samping setiap indeks tertulis berapa indikator yang dilaporkan.",
        "en": "Every office by performance index in {period}, the period of the key figures on the home page, highest first. Indices are only compared within one period; beside each index is how many indicators were reported."},
    "ranking.none": {"id": "Belum ada kantor dengan indeks pada periode ini.", "en": "No office has an index in this period yet."},
    "ranking.others": {"id": "Tanpa indeks pada {period}", "en": "Without an index in {period}"},
    "ranking.others_note": {
        "id": "Kantor berikut tidak mempunyai indeks pada periode itu; barisnya menunjukkan periode terakhir kantor itu.",
        "en": "These offices have no index in that period; their row shows the office's latest period."},
    "sector.ranked_note": {
        "id": "Di setiap sektor, kantor diurutkan menurut indeks kinerja pada {period}, tertinggi dulu; kantor tanpa indeks pada periode itu menyusul. Semua kantor dalam satu urutan:",
        "en": "Within each sector, offices are listed by performance index in {period}, highest first; offices without an index in that period follow. Every office in one list:"},
    # short column names a phone's card shows before a value
    "lbl.index": {"id": "Indeks", "en": "Index"},
    "lbl.change": {"id": "Perubahan", "en": "Change"},
    "lbl.coverage": {"id": "Indikator", "en": "Indicators"},
    "lbl.capaian": {"id": "Capaian", "en": "Achievement"},
    "lbl.trend": {"id": "Tren", "en": "Trend"},
    "lbl.responded": {"id": "Ditanggapi ≤ 3 hari kerja", "en": "Answered ≤ 3 working days"},
    "lbl.median": {"id": "Median hari kerja", "en": "Median working days"},
    "lbl.next": {"id": "Berikutnya", "en": "Next update"},
    "home.movers": {"id": "Perubahan terbesar", "en": "Biggest movers"},
    "home.movers_none": {"id": "Belum ada periode sebelumnya untuk dibandingkan.",
                         "en": "No previous period to compare with yet."},
    "home.changed": {"id": "Yang berubah sejak pembaruan sebelumnya", "en": "What changed since the previous build"},
    "home.changed_first": {"id": "Ini pembangunan pertama; belum ada pembanding.",
                           "en": "This is the first build; nothing to compare with yet."},
    "home.changed_none": {"id": "Tidak ada angka utama yang berubah sejak {date}.",
                          "en": "No key figure changed since {date}."},
    "home.changed_since": {"id": "Dibandingkan dengan pembangunan {date}:", "en": "Compared with the build of {date}:"},
    "change.new_period": {"id": "periode baru {period}", "en": "new period {period}"},
    "change.index": {"id": "indeks {before} → {now}", "en": "index {before} → {now}"},
    "change.status": {"id": "status: {before} → {now}", "en": "status: {before} → {now}"},
    "change.new_office": {"id": "kantor baru", "en": "new office"},
    "change.removed_office": {"id": "tidak lagi tercantum", "en": "no longer listed"},
    "home.freshness": {"id": "Kesegaran data", "en": "Data freshness"},
    "home.overdue_list": {"id": "Kantor yang terlambat memperbarui data:", "en": "Offices overdue for an update:"},
    "home.all_fresh": {"id": "Semua kantor memperbarui data sesuai jadwal.", "en": "Every office is updating on schedule."},
    # office page
    "office.sector": {"id": "Sektor", "en": "Sector"},
    "office.website": {"id": "Situs web", "en": "Website"},
    "office.cadence": {"id": "Frekuensi pembaruan", "en": "Update cadence"},
    "office.data_as_of": {"id": "Data per {date}.", "en": "Data as of {date}."},
    "office.next": {"id": "Pembaruan berikutnya diharapkan paling lambat {date}.",
                    "en": "Next update expected by {date}."},
    "office.index": {"id": "Indeks kinerja", "en": "Performance index"},
    "office.indicators": {"id": "Indikator {period}", "en": "Indicators, {period}"},
    "office.no_indicators": {"id": "Belum ada capaian indikator.", "en": "No indicator results yet."},
    "office.ikm": {"id": "Kepuasan masyarakat (IKM) {period}", "en": "Citizen satisfaction (IKM), {period}"},
    "office.ikm_office": {"id": "IKM kantor (semua responden): {ikm}, mutu {mutu}, {n} responden.",
                          "en": "Office IKM (all respondents): {ikm}, grade {mutu}, {n} respondents."},
    "office.ikm_office_few": {"id": "IKM kantor tidak ditampilkan: kurang dari {n} responden.",
                              "en": "Office IKM not shown: fewer than {n} respondents."},
    "office.ikm_few": {"id": "kurang dari {n} responden", "en": "fewer than {n} respondents"},
    "office.ikm_protects": {"id": "disamarkan agar unit yang lebih kecil tidak dapat dihitung",
                            "en": "suppressed so that a smaller unit cannot be worked out"},
    "office.unsur": {"id": "Nilai per unsur (NRR, skala 1–4)", "en": "Score per element (NRR, scale 1–4)"},
    "office.no_ikm": {"id": "Belum ada hasil survei kepuasan masyarakat.", "en": "No satisfaction survey results yet."},
    "office.complaints": {"id": "Penanganan pengaduan", "en": "Complaint handling"},
    "office.complaints_note": {
        "id": "Persentase dihitung dari pengaduan yang masuk pada periode itu.",
        "en": "Percentages are of the complaints received in that period."},
    "office.no_complaints": {"id": "Belum ada data pengaduan.", "en": "No complaint data yet."},
    "office.predikat": {"id": "Distribusi predikat kinerja pegawai", "en": "Distribution of employee performance ratings"},
    "office.predikat_note": {
        "id": "Hanya jumlah per predikat yang diterbitkan, tidak pernah nama, NIP, atau predikat perorangan. "
              "Kelompok di bawah {min_group} pegawai tidak ditampilkan; jumlah di bawah {min_cell} dan sel yang "
              "dapat dipakai untuk menghitungnya kembali ditulis \"disamarkan\".",
        "en": "Only counts per rating are published, never names, NIP or individual ratings. Groups under "
              "{min_group} employees are not shown; counts under {min_cell}, and cells that would allow them "
              "to be worked out, read \"suppressed\"."},
    "office.predikat_hidden": {"id": "tidak ditampilkan (kelompok kecil)", "en": "not shown (small group)"},
    "office.no_predikat": {"id": "Belum ada distribusi predikat yang dapat diterbitkan.",
                           "en": "No publishable rating distribution yet."},
    "office.downloads": {"id": "Unduh data kantor ini", "en": "Download this office's data"},
    "office.downloads_text": {"id": "Semua angka di halaman ini ada di berkas data terbuka (saring kolom kantor_kode).",
                              "en": "Every figure on this page is in the open-data files (filter on kantor_kode)."},
    "office.on_this_page": {"id": "Di halaman ini", "en": "On this page"},
    "sec.indeks": {"id": "Indeks", "en": "Index"},
    "sec.indikator": {"id": "Indikator", "en": "Indicators"},
    "sec.ikm": {"id": "Kepuasan (IKM)", "en": "Satisfaction (IKM)"},
    "sec.pengaduan": {"id": "Pengaduan", "en": "Complaints"},
    "sec.predikat": {"id": "Predikat pegawai", "en": "Staff ratings"},
    "sec.unduh": {"id": "Unduh", "en": "Downloads"},
    "kpi.coverage": {"id": "{n} dari {total} indikator", "en": "{n} of {total} indicators"},
    "kpi.office_ikm": {"id": "IKM kantor", "en": "Office IKM"},
    "kpi.office_ikm_note": {"id": "mutu {mutu}, {n} responden, {period}", "en": "grade {mutu}, {n} respondents, {period}"},
    "kpi.complaints_period": {"id": "{done} dari {total} pengaduan, {period}", "en": "{done} of {total} complaints, {period}"},
    "jenis.IKU": {"id": "IKU", "en": "Key (IKU)"},
    "jenis.Layanan": {"id": "Layanan", "en": "Service"},
    "jenis.Lainnya": {"id": "Lainnya", "en": "Other"},
    "office.back": {"id": "Kembali ke daftar kantor", "en": "Back to the list of offices"},
    "suppressed": {"id": "disamarkan", "en": "suppressed"},
    "yes": {"id": "ya", "en": "yes"},
    "no": {"id": "tidak", "en": "no"},
    "chart": {"id": "Grafik", "en": "Chart"},
    "table": {"id": "Tabel", "en": "Table"},
    "arah.naik": {"id": "naik", "en": "higher is better"},
    "arah.turun": {"id": "turun", "en": "lower is better"},
    "predikat.sangat_baik": {"id": "Sangat Baik", "en": "Outstanding"},
    "predikat.baik": {"id": "Baik", "en": "Good"},
    "predikat.butuh_perbaikan": {"id": "Butuh Perbaikan", "en": "Needs improvement"},
    "predikat.kurang": {"id": "Kurang", "en": "Poor"},
    "predikat.sangat_kurang": {"id": "Sangat Kurang", "en": "Very poor"},
    # chart summaries and notes (what the dashed line means)
    "note.index": {"id": "Garis putus-putus: indeks 100.", "en": "Dashed line: index 100."},
    "note.capaian": {"id": "Garis putus-putus: capaian 100% (target tercapai).",
                     "en": "Dashed line: 100% achievement (target met)."},
    "note.ikm": {"id": "Garis putus-putus: batas bawah mutu B ({b}).",
                 "en": "Dashed line: lower bound of grade B ({b})."},
    "note.sector": {"id": "Garis putus-putus: indeks 100.", "en": "Dashed line: index 100."},
    "sum.index": {"id": "Indeks kinerja {period}: {value} ({category}).", "en": "Performance index {period}: {value} ({category})."},
    "sum.index_change": {"id": "Indeks kinerja {period}: {value}, {direction} {delta} poin dari {prev}.",
                         "en": "Performance index {period}: {value}, {direction} {delta} points from {prev}."},
    "dir.up": {"id": "naik", "en": "up"},
    "dir.down": {"id": "turun", "en": "down"},
    "dir.flat": {"id": "tetap", "en": "unchanged"},
    "sum.capaian": {"id": "{below} dari {total} indikator di bawah target pada {period}.",
                    "en": "{below} of {total} indicators below target in {period}."},
    "sum.capaian_avg": {"id": "Capaian rata-rata {avg}%; {below} dari {total} indikator di bawah target pada {period}.",
                        "en": "Average achievement {avg}%; {below} of {total} indicators below target in {period}."},
    "sum.ikm": {"id": "IKM {n} unit layanan pada {period}: tertinggi {best}, terendah {low}.",
                "en": "IKM of {n} service units in {period}: highest {best}, lowest {low}."},
    "sum.ikm_one": {"id": "IKM satu-satunya unit layanan pada {period}: {best}.",
                    "en": "IKM of the only service unit in {period}: {best}."},
    "sum.sector": {"id": "Rata-rata indeks kinerja {n} sektor, dari {low} sampai {best}.",
                   "en": "Average performance index of {n} sectors, from {low} to {best}."},
    "sector.intro": {
        "id": "Rata-rata indeks kinerja kantor per sektor pada {period}, periode angka utama di "
              "Beranda; kantor yang tidak melapor pada periode itu tidak ikut dirata-ratakan. "
              "Kantor tanpa sektor dikelompokkan sebagai \"{none}\".",
        "en": "Average performance index of the offices in each sector in {period}, the period of "
              "the key figures on the home page; offices that did not report in that period are "
              "not averaged in. Offices without a sector are grouped as \"{none}\"."},
    "sector.none": {"id": "Tanpa sektor", "en": "No sector"},
    "data.intro": {
        "id": "Semua tabel yang dipakai portal ini, bebas diunduh dan dipakai ulang. Angka memakai titik "
              "desimal dan tanggal ISO (JJJJ-BB-HH). Tidak ada data pribadi: distribusi predikat pegawai "
              "sudah disamarkan seperti di halaman kantor.",
        "en": "Every table behind this portal, free to download and reuse. Numbers use a decimal point "
              "and dates are ISO (YYYY-MM-DD). No personal data: employee rating distributions are "
              "suppressed exactly as on the office pages."},
    "data.files": {"id": "Berkas", "en": "Files"},
    "data.dictionary": {"id": "Kamus data", "en": "Data dictionary"},
    "data.pending": {"id": "Berkas data terbuka belum tersedia pada pembangunan ini.",
                     "en": "The open-data files are not available in this build."},
    "data.datapackage": {"id": "Deskripsi Frictionless Data Package", "en": "Frictionless Data Package descriptor"},
    "method.pending": {"id": "Uraian metodologi belum tersedia pada pembangunan ini.",
                       "en": "The methodology text is not available in this build."},
    "method.rules": {"id": "Versi aturan yang dipakai", "en": "Rule versions used"},
    "footer.generated": {"id": "Dibangun {date}", "en": "Built {date}"},
}

NOT_SET = {"id": "–", "en": "–"}


def message(key: str, lang: str, **values: object) -> str:
    """The template of `key` in `lang`, filled with `values` (numbers and our own words)."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["id"]
    return text.format(**values) if values else text
