"""The Metodologi page body, generated from the same rule data the computation uses, so the page
can never disagree with the numbers. Bahasa Indonesia (`id`) and English (`en`)."""
from __future__ import annotations

from decimal import Decimal

from sheets_sync.config import PortalConfig
from sheets_sync.contracts import RATINGS
from site_builder import rules
from site_builder.compute.kurva import describe_limit
from site_builder.render.formatting import format_number
from site_builder.render.metodologi_tindak_lanjut import tindak_lanjut_markdown
from site_builder.rules.tindak_lanjut import configured_rule

_RATING_EN = {"Di Atas Ekspektasi": "Above expectation", "Sesuai Ekspektasi": "As expected",
              "Di Bawah Ekspektasi": "Below expectation"}
_FREKUENSI_NAME = {"id": {}, "en": {"bulanan": "monthly", "triwulanan": "quarterly",
                                     "semesteran": "half-yearly", "tahunan": "yearly"}}
_ORG_EN = {"Istimewa": "Outstanding", "Baik": "Good", "Butuh Perbaikan": "Needs improvement",
           "Kurang": "Poor", "Sangat Kurang": "Very poor"}


def _num(value: Decimal | int, lang: str) -> str:
    """A threshold with its own decimals, in the page language (88,31 / 88.31)."""
    return format_number(value, lang, places=None)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _band_ranges(scale: rules.Scale, lang: str) -> list[str]:
    """"≥ 91", "76 – < 91", …, "< 51" for the bands of a scale, top first."""
    out = []
    upper: Decimal | None = None
    for band in scale.bands:
        if band.min is None:
            out.append(f"< {_num(upper, lang)}" if upper is not None else "–")
        elif upper is None:
            out.append(f"≥ {_num(band.min, lang)}")
        else:
            out.append(f"{_num(band.min, lang)} – < {_num(upper, lang)}")
        upper = band.min
    return out


def metodologi_markdown(config: PortalConfig, lang: str = "id",
                        rule_set: rules.RuleSet | None = None) -> str:
    """Markdown body of the Metodologi page in `lang` ("id" or "en"), explaining `rule_set`
    (the rules that computed the marts; by default the ones `config` selects)."""
    if lang not in ("id", "en"):
        raise ValueError(f"unsupported language: {lang}")
    t = _ID if lang == "id" else _EN
    label = "id" if lang == "id" else "en"
    rs = rule_set if rule_set is not None else rules.rule_set(config)
    formula, scale, ikm, pred = rs.capaian_formula, rs.capaian_scale, rs.ikm, rs.predikat
    kurva_rule, limits, pg = rs.kurva, rs.kurva_limits, rs.pengaduan
    labels = rules.predikat_labels()
    cap = rs.capaian_cap
    cap_text = t["no_cap"] if cap is None else t["cap"].format(cap=_num(cap.normalize(), lang))
    parts: list[str] = []

    parts.append(t["intro"])

    # capaian
    parts.append(t["capaian_h"])
    parts.append(t["capaian_body"].format(cap_text=cap_text))
    parts.append(_table(
        [t["kategori"], t["rentang"]],
        [[getattr(b, f"label_{label}"), r] for b, r in zip(scale.bands, _band_ranges(scale, lang),
                                                           strict=True)]))
    parts.append(t["scale_note"].format(tag=scale.rule.tag, sumber=scale.rule.source(lang),
                                        desc=scale.rule.description(lang)))

    # office index
    parts.append(t["indeks_h"])
    parts.append(t["indeks_body"])

    # IKM
    parts.append(t["ikm_h"])
    parts.append(t["ikm_body"])
    parts.append(_table(
        [t["nik"], t["mutu"], t["kinerja"]],
        [[r, b.code, getattr(b, f"label_{label}")]
         for b, r in zip(ikm.bands, _ikm_ranges(ikm, lang), strict=True)]))
    parts.append(t["rule_note"].format(tag=ikm.rule.tag, sumber=ikm.rule.source(lang),
                                       desc=ikm.rule.description(lang)))
    sampel = rs.sampel
    parts.append(t["sampel_h"])
    parts.append(t["sampel_body"].format(rows="; ".join(
        f"{_num(n, lang)} → {_num(s, lang)}" for n, s in sampel.rows)))
    parts.append(t["rule_note"].format(tag=sampel.rule.tag, sumber=sampel.rule.source(lang),
                                       desc=sampel.rule.description(lang)))

    # predikat
    parts.append(t["predikat_h"])
    parts.append(t["predikat_body"])
    rating = (lambda r: r) if lang == "id" else (lambda r: _RATING_EN[r])
    matrix = pred.data["matrix"]
    parts.append(_table(
        [t["matrix_corner"], *[rating(p) for p in reversed(RATINGS)]],
        [[f"**{rating(h)}**", *[labels[matrix[h][p]][label] for p in reversed(RATINGS)]]
         for h in RATINGS]))
    parts.append(t["rule_note"].format(tag=pred.tag, sumber=pred.source(lang),
                                       desc=pred.description(lang)))

    # kurva
    parts.append(t["kurva_h"])
    parts.append(t["kurva_body"])
    org_name = (lambda o: o) if lang == "id" else (lambda o: _ORG_EN.get(o, o))
    parts.append(_table(
        [t["org"], t["batas"], t["contoh20"]],
        [[org_name(org), "; ".join(describe_limit(lim, None, lang) for lim in lims),
          "; ".join(describe_limit(lim, 20, lang) for lim in lims)]
         for org, lims in limits.items()]))
    parts.append(t["rule_note"].format(tag=kurva_rule.tag, sumber=kurva_rule.source(lang),
                                       desc=kurva_rule.description(lang)))

    # disclosure
    parts.append(t["privasi_h"])
    parts.append(t["privasi_body"].format(min_group=config.privacy.min_group,
                                          min_cell=config.privacy.min_cell,
                                          min_group_zero=config.privacy.min_group_zero,
                                          min_respondents=config.privacy.min_respondents))

    # pengaduan
    parts.append(t["pengaduan_h"])
    parts.append(t["pengaduan_body"].format(tanggap=pg.tanggapan_hari_kerja))
    parts.append(_table(
        [t["kategori_laporan"], t["batas_selesai"]],
        [[pg.kategori_label.get(k, {}).get(label, k), v]
         for k, v in pg.selesai_hari_kerja.items()]))
    parts.append(t["rule_note"].format(tag=pg.rule.tag, sumber=pg.rule.source(lang),
                                       desc=pg.rule.description(lang)))
    parts.append(t["libur_body"].format(version=pg.holidays_version,
                                        sumber=pg.holidays_source(lang)))
    parts.append(_table(
        [t["tanggal"], t["keterangan"]],
        [[d.isoformat(), pg.holiday_names[d]] for d in pg.holidays]))

    # trend, summary figures, freshness
    parts.append(t["tren_h"])
    parts.append(t["tren_body"])
    parts.append(t["ringkasan_h"])
    parts.append(t["ringkasan_body"])
    parts.append(t["jadwal_h"])
    parts.append(t["jadwal_body"].format(tz=config.timezone))
    jadwal = rs.jadwal
    parts.append(_table(
        [t["frekuensi"], t["selang"], t["tenggang"]],
        [[_FREKUENSI_NAME[label].get(k, k), c.days, c.grace] for k, c in jadwal.cadences.items()]))
    parts.append(t["rule_note"].format(tag=jadwal.rule.tag, sumber=jadwal.rule.source(lang),
                                       desc=jadwal.rule.description(lang)))

    # the office head's private follow-up (rules only)
    follow_up = configured_rule(config)
    parts.append(tindak_lanjut_markdown(config, lang, follow_up))

    # versions
    parts.append(t["versi_h"])
    parts.append(_table(
        [t["aturan"], t["versi"], t["sumber"]],
        [[t["r_capaian"], f"`{formula.tag}`", formula.source(lang)],
         [t["r_skala"], f"`{scale.rule.tag}`", scale.rule.source(lang)],
         [t["r_ikm"], f"`{ikm.rule.tag}`", ikm.rule.source(lang)],
         [t["r_predikat"], f"`{pred.tag}`", pred.source(lang)],
         [t["r_kurva"], f"`{kurva_rule.tag}`", kurva_rule.source(lang)],
         [t["r_pengaduan"], f"`{pg.rule.tag}`", pg.rule.source(lang)],
         [t["r_libur"], f"`libur@{pg.holidays_version}`", pg.holidays_source(lang)],
         [t["r_jadwal"], f"`{jadwal.rule.tag}`", jadwal.rule.source(lang)],
         [t["r_sampel"], f"`{sampel.rule.tag}`", sampel.rule.source(lang)],
         [t["r_tindak_lanjut"], f"`{follow_up.tag}`", follow_up.rule.source(lang)]]))
    return "\n\n".join(parts) + "\n"


def _ikm_ranges(scale: rules.Scale, lang: str) -> list[str]:
    out = []
    upper: Decimal | None = None
    for band in scale.bands:
        assert band.min is not None
        hi = Decimal("100.00") if upper is None else upper - Decimal("0.01")
        out.append(f"{_num(band.min, lang)} – {_num(hi, lang)}")
        upper = band.min
    return out


_ID = {
    "intro": "Halaman ini menjelaskan cara setiap angka di portal dihitung. Semua ambang batas di "
    "bawah dibaca dari data aturan yang sama dengan yang dipakai perhitungan, dan setiap hasil "
    "menyimpan versi aturan (`versi_aturan`) yang menghasilkannya. Angka yang diterbitkan "
    "dibulatkan ke 2 desimal dengan pembulatan setengah ke atas; perbandingan dengan ambang batas "
    "memakai bilangan desimal eksak, bukan pecahan biner.",
    "capaian_h": "## Capaian indikator",
    "capaian_body": "Untuk indikator dengan arah **naik** (makin tinggi makin baik): "
    "capaian = realisasi ÷ target × 100 %. Untuk arah **turun** (makin rendah makin baik, mis. "
    "lama tunggu): capaian = (2 − realisasi ÷ target) × 100 %, paling rendah 0 %.\n\n"
    "* Realisasi kosong berarti belum dilaporkan: capaian tidak dihitung.\n"
    "* Target 0 tidak dapat dihitung: capaian dikosongkan dan kantor menerima peringatan.\n"
    "* Nilai capaian asli selalu diterbitkan. {cap_text}\n"
    "* Kategori ditentukan dari capaian asli yang telah dibulatkan ke 2 desimal, dengan skala "
    "berikut:",
    "cap": "Untuk indeks kantor dipakai capaian yang dibatasi paling tinggi {cap} % "
    "(kolom `capaian_dibatasi`).",
    "no_cap": "Capaian tidak dibatasi (kolom `capaian_dibatasi` sama dengan capaian).",
    "kategori": "Kategori", "rentang": "Capaian (%)",
    "scale_note": "Skala `{tag}`: {desc} Sumber: {sumber}.",
    "indeks_h": "## Indeks kinerja kantor {: #indeks }",
    "indeks_body": "Indeks kinerja kantor per periode = rata-rata tertimbang (bobot dari tab "
    "Indikator) capaian yang dibatasi, atas indikator yang **dilaporkan** pada periode itu. "
    "Kategorinya memakai skala capaian di atas.\n\n"
    "* **Indikator total** = indikator kantor yang mempunyai baris Capaian untuk periode itu "
    "(indikator tahunan tidak mengurangi cakupan bulanan).\n"
    "* **Indikator dilaporkan** = indikator yang capaiannya dapat dihitung (realisasi terisi dan "
    "target lebih dari 0). Indikator bertarget 0 tetap dihitung dalam total tetapi tidak dalam "
    "indeks.\n"
    "* Bila tidak ada indikator yang dilaporkan, indeks dikosongkan.\n"
    "* Kantor yang belum pernah mengirim data tetap tercantum dengan periode dan indeks kosong.",
    "sampel_h": "### Sampel minimum survei {: #sampel }",
    "sampel_body": "Kantor dapat mengisi jumlah pengguna layanan setiap unit dan periode (kolom "
    "opsional `jumlah_pengguna` di tab SKM). Dari jumlah itu (populasi) portal membaca sampel "
    "minimum pada "
    "tabel Krejcie & Morgan (1970) dan menyatakan apakah jumlah responden mencukupi (kolom "
    "`sampel_memadai` di skm.csv). Populasi di antara dua baris tabel memakai sampel baris "
    "populasi berikutnya yang lebih besar (lebih hati-hati), paling banyak sebesar populasinya. "
    "IKM tetap diterbitkan bila sampel kurang; halaman kantor menandainya.\n\n"
    "**Status verifikasi [S] (sumber sekunder):** beberapa sumber sekunder menyatakan bahwa "
    "PermenPANRB 14/2017 memakai tabel Krejcie & Morgan untuk sampel minimum; teks Lampiran "
    "peraturan itu sendiri belum kami verifikasi. Setiap baris tabel sama dengan rumus "
    "s = χ²NP(1−P) / (d²(N−1) + χ²P(1−P)) dengan χ² = 3,841, P = 0,5, d = 0,05, dibulatkan.\n\n"
    "Populasi → sampel minimum: {rows}.",
    "ikm_h": "## Indeks Kepuasan Masyarakat (IKM)",
    "ikm_body": "Mengikuti PermenPANRB 14/2017. Untuk setiap unit layanan dan periode:\n\n"
    "* NRR per unsur = jumlah nilai jawaban ÷ jumlah responden yang **mengisi** unsur itu. "
    "Jawaban kosong dilewati, bukan dihitung 0.\n"
    "* IKM = Σ (NRR unsur × 1/9) × 25, dihitung dengan pecahan eksak (bukan 0,11 atau 0,111), "
    "lalu dibulatkan ke 2 desimal. Satu responden yang menjawab 4 pada semua unsur menghasilkan "
    "tepat 100,00.\n"
    "* Bila ada unsur yang sama sekali tidak dijawab di suatu unit, IKM unit itu dikosongkan: "
    "peraturan menghitung IKM dari kesembilan unsur dengan bobot sama, sehingga IKM dari sebagian "
    "unsur tidak dapat dibandingkan. NRR unsur lain tetap diterbitkan.\n"
    "* Responden = baris survei yang mengisi paling sedikit satu unsur.\n"
    "* IKM kantor dihitung dari seluruh responden semua unit layanannya.\n"
    "* Mutu dan kinerja unit: IKM yang telah dibulatkan ke 2 desimal dicocokkan dengan tabel:",
    "nik": "Nilai interval konversi (IKM)", "mutu": "Mutu", "kinerja": "Kinerja unit pelayanan",
    "rule_note": "Aturan `{tag}`: {desc} Sumber: {sumber}.",
    "predikat_h": "## Predikat kinerja pegawai",
    "predikat_body": "Predikat setiap pegawai ditentukan dari rating hasil kerja (baris) dan "
    "rating perilaku kerja (kolom). Predikat perorangan **tidak pernah diterbitkan**; portal hanya "
    "menampilkan jumlah per predikat untuk setiap kantor, setelah pengendalian pengungkapan.",
    "matrix_corner": "Hasil kerja ↓ / Perilaku kerja →",
    "kurva_h": "## Kurva distribusi predikat",
    "kurva_body": "Distribusi predikat pegawai kantor dibandingkan dengan batas menurut predikat "
    "kinerja organisasi (tab Organisasi) untuk periode yang sama. Batas maksimal dibulatkan ke "
    "bawah, batas minimal ke atas. Pelanggaran dilaporkan kepada kantor sebagai peringatan; di "
    "portal hanya ditampilkan sesuai atau tidak sesuai. Tanpa predikat organisasi, pemeriksaan "
    "tidak dilakukan.",
    "org": "Predikat organisasi", "batas": "Batas", "contoh20": "Contoh untuk 20 pegawai",
    "privasi_h": "## Perlindungan data pegawai",
    "privasi_body": "Distribusi predikat pegawai (per kantor dan per unit kerja) melewati satu "
    "pengendalian pengungkapan sebelum ditampilkan di halaman, grafik atau berkas data terbuka. "
    "Jumlah yang ditampilkan selalu jumlah yang sebenarnya; perlindungan dilakukan dengan "
    "mengosongkan sel.\n\n"
    "* Kelompok dengan kurang dari **{min_group}** pegawai yang dinilai: tidak ada yang "
    "diterbitkan, termasuk jumlah pegawai. Unit kerja sekecil itu tetap dihitung di baris "
    "kantornya.\n"
    "* Bila satu predikat mencakup seluruh pegawai (100 %), semua sel dikosongkan.\n"
    "* Jumlah bukan nol yang kurang dari **{min_cell}** dikosongkan, **bersama semua sel yang "
    "kurang dari {min_cell}, termasuk 0**: sel kosong tidak berarti \"paling sedikit satu\". "
    "Pada kelompok dengan kurang dari **{min_group_zero}** pegawai, angka 0 juga tidak "
    "ditampilkan (tidak ada bagian 0 % untuk kelompok kecil).\n"
    "* Sel yang dikosongkan selalu yang terkecil: setiap sel kosong paling besar sama dengan "
    "setiap sel yang ditampilkan. Bila sel kosong masih dapat dihitung kembali, hanya predikat "
    "dengan jumlah terbesar yang ditampilkan; bila itu pun belum aman, kelima sel dikosongkan.\n"
    "* **Pemeriksaan antartabel (audit).** Tabel yang memuat orang yang sama diperiksa bersama: "
    "kantor dan unit-unitnya (kantor = jumlah unit yang ditampilkan + unit kecil), dua periode "
    "kantor atau unit yang sama (pegawai baru, pegawai keluar, dan pegawai tetap yang "
    "dianggap mempertahankan predikatnya, untuk berapa pun jumlah pegawai tetap), dan semua "
    "yang pernah diterbitkan portal ini sebelumnya (catatan privat: yang sudah terbit tidak "
    "ditarik kembali). Untuk setiap pasangan dihitung secara eksak (bilangan bulat) semua "
    "distribusi yang mungkin. Bila ada pegawai baru, pegawai keluar, pegawai tetap atau gabungan "
    "unit kecil yang predikatnya hanya mungkin satu, atau jumlah kecil yang tepat dapat "
    "dihitung, baris terbitan ini dikosongkan lebih banyak (periode yang lebih baru, unit "
    "sebelum kantor) sampai tidak ada lagi. Cara ini disebut penekanan sel dengan audit dalam "
    "literatur pengendalian pengungkapan statistik.\n"
    "* Yang tetap dapat diandalkan: setiap angka yang ditampilkan tepat, jumlah pegawai setiap "
    "kelompok, dan hasil kurva distribusi (dihitung dari jumlah sebenarnya) bila hasil itu sama "
    "untuk setiap nilai sel kosong.\n"
    "* Survei kepuasan: nilai per unsur (NRR) dan IKM unit layanan hanya ditampilkan untuk unit "
    "dan periode dengan sedikitnya **{min_respondents}** responden; unit yang lebih kecil tetap "
    "dihitung dalam IKM kantor. Bila unit kecil dapat dihitung dari IKM kantor dikurangi unit "
    "lain, unit dengan responden paling sedikit ikut dikosongkan.",
    "pengaduan_h": "## Penanganan pengaduan",
    "pengaduan_body": "Dihitung per kantor dan periode tanggal masuk (jenis periode mengikuti "
    "frekuensi pembaruan kantor). Hari kerja = Senin–Jumat, dikurangi hari libur nasional dan cuti "
    "bersama di bawah; hari masuk adalah hari ke-0.\n\n"
    "* Ditanggapi tepat waktu: tanggapan pertama paling lambat **{tanggap}** hari kerja.\n"
    "* Selesai tepat waktu: selesai dalam batas waktu kategorinya (tabel).\n"
    "* Median hari selesai: median hari kerja sampai selesai, atas pengaduan yang sudah selesai.\n"
    "* Masih terbuka: belum ada tanggal selesai.",
    "kategori_laporan": "Kategori", "batas_selesai": "Batas penyelesaian (hari kerja)",
    "libur_body": "Daftar hari libur versi `{version}`. Sumber: {sumber}. Daftar ini diperbarui "
    "setiap tahun.",
    "tanggal": "Tanggal", "keterangan": "Keterangan",
    "tren_h": "## Tren",
    "tren_body": "Tren = nilai periode ini dikurangi nilai periode sebelumnya yang sejenis "
    "(TW1 2025 dibandingkan dengan TW4 2024; 2025 dengan 2024). Kosong bila salah satunya tidak "
    "ada.",
    "ringkasan_h": "## Angka ringkasan",
    "ringkasan_body": "Setiap angka ringkasan dihitung bersama angka lainnya dan diterbitkan di "
    "data terbuka, sehingga dapat dihitung ulang dari berkas unduhan.\n\n"
    "* **Capaian rata-rata** kantor = rata-rata biasa (tanpa bobot) capaian asli, belum "
    "dibatasi, dari indikator yang dilaporkan pada periode itu; dihitung eksak lalu dibulatkan "
    "sekali ke 2 desimal (kolom `capaian_rata_rata` di kantor.csv). **Indikator di bawah "
    "target** = indikator yang dilaporkan dengan capaian (seperti diterbitkan) di bawah 100.\n"
    "* **Angka utama di Beranda** memakai satu periode saja: periode yang menjadi periode "
    "terakhir berindeks bagi kantor terbanyak (bila sama banyak, periode yang lebih akhir). "
    "Kantor yang periode terakhirnya lain tidak ikut dirata-ratakan. Periode itu ditandai "
    "`periode_utama` di ringkasan.csv; halaman Perbandingan Sektor memakai periode yang sama.\n"
    "* **Rata-rata indeks kinerja** (kabupaten atau sektor) = rata-rata indeks kinerja yang "
    "diterbitkan di kantor.csv untuk kantor-kantor yang berindeks pada periode itu; **rata-rata "
    "IKM** = rata-rata IKM unit layanan di skm.csv pada periode itu; keduanya dibulatkan sekali "
    "ke 2 desimal. Jumlah pengaduan adalah jumlah baris pengaduan.csv pada periode itu. Kantor "
    "tertinggi dan terendah: bila nilainya sama, menurut nama kantor.\n"
    "* **Perubahan terbesar**: kantor diurutkan menurut besar perubahan indeksnya (tren, tanpa "
    "melihat tanda) pada periode angka utama.\n"
    "* **Urutan periode**: menurut hari terakhir periode; bila sama, periode yang lebih panjang "
    "lebih dahulu (2025 sebelum 2025-TW4 sebelum 2025-12). Periode terakhir kantor adalah "
    "periode yang datanya paling jauh.",
    "jadwal_h": "## Kesegaran data",
    "jadwal_body": "Kantor dianggap terlambat memperbarui bila datanya belum diambil lagi setelah "
    "selang frekuensinya ditambah masa tenggang, dihitung dari tanggal data terakhir diambil. "
    "Tanggal memakai zona waktu portal ({tz}). Kantor yang belum pernah mengirim data yang "
    "valid juga dihitung terlambat.",
    "frekuensi": "Frekuensi", "selang": "Selang (hari)", "tenggang": "Masa tenggang (hari)",
    "versi_h": "## Versi aturan",
    "aturan": "Aturan", "versi": "Versi", "sumber": "Sumber",
    "r_capaian": "Rumus capaian", "r_skala": "Skala kategori capaian", "r_ikm": "Tabel IKM",
    "r_predikat": "Matriks predikat pegawai", "r_kurva": "Kurva distribusi",
    "r_pengaduan": "Batas waktu pengaduan", "r_libur": "Hari libur nasional dan cuti bersama",
    "r_jadwal": "Jadwal pembaruan data", "r_tindak_lanjut": "Tindak lanjut (privat)",
    "r_sampel": "Sampel minimum SKM [S]",
}

_EN = {
    "intro": "This page explains how every number on the portal is computed. All thresholds "
    "below are read from the same rule data the computation uses, and every result records the "
    "rule version (`versi_aturan`) that produced it. Published figures are rounded half up to 2 "
    "decimals; comparisons with thresholds use exact decimal numbers, not binary fractions.",
    "capaian_h": "## Indicator achievement (capaian)",
    "capaian_body": "For indicators where **higher is better** (`naik`): achievement = actual ÷ "
    "target × 100 %. Where **lower is better** (`turun`, e.g. waiting time): achievement = "
    "(2 − actual ÷ target) × 100 %, floored at 0 %.\n\n"
    "* A blank actual value means not yet reported: no achievement is computed.\n"
    "* A target of 0 cannot be computed: the achievement is left blank and the office gets a "
    "warning.\n"
    "* The raw achievement is always published. {cap_text}\n"
    "* The category comes from the raw achievement rounded to 2 decimals, on this scale:",
    "cap": "The office index uses the achievement capped at {cap} % (column `capaian_dibatasi`).",
    "no_cap": "Achievement is not capped (column `capaian_dibatasi` equals the achievement).",
    "kategori": "Category", "rentang": "Achievement (%)",
    "scale_note": "Scale `{tag}`: {desc} Source: {sumber}.",
    "indeks_h": "## Office performance index {: #indeks }",
    "indeks_body": "Office index per period = weighted mean (weights from the Indikator tab) of "
    "the capped achievement over the indicators **reported** in that period. Its category uses "
    "the achievement scale above.\n\n"
    "* **Total indicators** = the office's indicators that have a Capaian row for that period "
    "(annual indicators do not reduce monthly coverage).\n"
    "* **Reported indicators** = those whose achievement can be computed (actual filled in and "
    "target above 0). An indicator with target 0 counts in the total but not in the index.\n"
    "* With no reported indicator the index is blank.\n"
    "* Offices that never sent data are listed with a blank period and index.",
    "sampel_h": "### Minimum survey sample {: #sampel }",
    "sampel_body": "An office may enter the number of service users of each unit and period "
    "(the optional `jumlah_pengguna` column of the SKM tab). From that number (the population) "
    "the portal reads "
    "the minimum sample in the Krejcie & Morgan (1970) table and states whether the number of "
    "respondents is enough (column `sampel_memadai` in skm.csv). A population between two rows "
    "of the table takes the sample of the next larger population listed (the cautious choice), "
    "at most the population itself. The IKM is still published when the sample falls short; "
    "the office page marks it.\n\n"
    "**Verification status [S] (secondary sources):** several secondary sources state that "
    "PermenPANRB 14/2017 uses the Krejcie & Morgan table for the minimum sample; we have not "
    "verified the regulation's own Annex text. Every row of the table equals the formula "
    "s = χ²NP(1−P) / (d²(N−1) + χ²P(1−P)) with χ² = 3.841, P = 0.5, d = 0.05, rounded.\n\n"
    "Population → minimum sample: {rows}.",
    "ikm_h": "## Community Satisfaction Index (IKM)",
    "ikm_body": "Following PermenPANRB 14/2017. For each service unit and period:\n\n"
    "* NRR per element = sum of the answers ÷ number of respondents who **answered** that "
    "element. A blank answer is skipped, not counted as 0.\n"
    "* IKM = Σ (element NRR × 1/9) × 25, computed with exact fractions (not 0.11 or 0.111), then "
    "rounded to 2 decimals. A single respondent answering 4 everywhere gives exactly 100.00.\n"
    "* If an element has no answer at all in a unit, that unit's IKM is blank: the regulation "
    "weighs all nine elements equally, so an IKM over some elements is not comparable. The other "
    "elements' NRR are still published.\n"
    "* Respondents = survey rows answering at least one element.\n"
    "* The office IKM uses all respondents of all its service units.\n"
    "* Grade and unit performance: the IKM rounded to 2 decimals is looked up in this table:",
    "nik": "Converted interval value (IKM)", "mutu": "Grade", "kinerja": "Service unit performance",
    "rule_note": "Rule `{tag}`: {desc} Source: {sumber}.",
    "predikat_h": "## Employee performance rating (predikat)",
    "predikat_body": "Each employee's predikat follows from the work-result rating (rows) and "
    "the work-behaviour rating (columns). Individual predikat are **never published**; the portal "
    "only shows counts per predikat for each office, after disclosure control.",
    "matrix_corner": "Work results ↓ / Work behaviour →",
    "kurva_h": "## Distribution curve",
    "kurva_body": "An office's employee predikat distribution is compared with the limits set by "
    "its organisational predikat (Organisasi tab) for the same period. Maxima are rounded down, "
    "minima up. Violations are reported to the office as warnings; the portal only shows whether "
    "the distribution conforms. Without an organisational predikat there is no check.",
    "org": "Organisational predikat", "batas": "Limits", "contoh20": "Example for 20 employees",
    "privasi_h": "## Protecting employee data",
    "privasi_body": "The employee predikat distribution (per office and per work unit) passes "
    "one disclosure control before any page, chart or open-data file shows it. Every count shown "
    "is the true count; protection works by leaving cells blank.\n\n"
    "* Groups with fewer than **{min_group}** rated employees: nothing is published, not even the "
    "number of employees. Such small work units still count in their office's row.\n"
    "* If one predikat covers all employees (100 %), all cells are blank.\n"
    "* Non-zero counts below **{min_cell}** are blank, **together with every cell below "
    "{min_cell}, zeros included**: a blank never means \"at least one\". In groups of fewer than "
    "**{min_group_zero}** employees zeros are not shown either (no 0 % share for small groups).\n"
    "* The blank cells are always the smallest: every blank is at most every shown cell. If a "
    "blank could still be worked out, only the predikat with the largest count is shown; if even "
    "that is not safe, all five cells are blank.\n"
    "* **Audit across tables.** Tables covering the same people are checked together: an office "
    "and its units (office = the units shown + the small units), two periods of the same office "
    "or unit (newcomers, leavers, and stayers assumed to keep their predikat, for any number of "
    "stayers), and everything this portal published before (a private record: what is out "
    "stays out). For each pair every possible distribution is worked out exactly (in whole "
    "numbers). If a newcomer, a leaver, a stayer or the small units together could only have "
    "one predikat, or a small count could be worked out exactly, more of this release is left "
    "blank (the later period, a unit before its office) until none can. The statistical "
    "disclosure control literature calls this cell suppression with an audit.\n"
    "* What you can rely on: every number shown is exact, the size of every group, and the "
    "distribution-curve result (computed on the true counts) whenever it is the same for every "
    "value the blank cells could hold.\n"
    "* Satisfaction surveys: the per-element scores (NRR) and the IKM of a service unit are shown "
    "only for a unit and period with at least **{min_respondents}** respondents; smaller units "
    "still count in the office IKM. When a small unit could be worked out from the office IKM "
    "minus the other units, the unit with the fewest respondents is left blank as well.",
    "pengaduan_h": "## Complaint handling",
    "pengaduan_body": "Computed per office and period of the date received (the period kind "
    "follows the office's update cadence). Working days = Monday–Friday minus the national "
    "holidays and collective leave days below; the day received is day 0.\n\n"
    "* Answered on time: first response within **{tanggap}** working days.\n"
    "* Resolved on time: resolved within the deadline of its category (table).\n"
    "* Median days to resolve: median working days to resolution, over resolved complaints.\n"
    "* Still open: no resolution date yet.",
    "kategori_laporan": "Category", "batas_selesai": "Resolution deadline (working days)",
    "libur_body": "Holiday list version `{version}`. Source: {sumber}. The list is updated every "
    "year.",
    "tanggal": "Date", "keterangan": "Description",
    "tren_h": "## Trends",
    "tren_body": "Trend = this period's value minus the value of the previous period of the same "
    "kind (Q1 2025 against Q4 2024; 2025 against 2024). Blank when either is missing.",
    "ringkasan_h": "## Summary figures",
    "ringkasan_body": "Every summary figure is computed with the other figures and published in "
    "the open data, so it can be worked out again from the downloads.\n\n"
    "* An office's **mean achievement** = the plain (unweighted) mean of the raw, uncapped "
    "achievement of the indicators reported in that period, computed exactly and rounded once "
    "to 2 decimals (column `capaian_rata_rata` of kantor.csv). **Indicators below target** = "
    "reported indicators whose achievement (as published) is below 100.\n"
    "* The **key figures on the home page** are of one period only: the period that is the "
    "latest period with an index for the most offices (on a tie, the later period). Offices "
    "whose latest period is another one are not averaged in. That period is marked "
    "`periode_utama` in ringkasan.csv; the sector comparison uses the same period.\n"
    "* The **mean performance index** (portal or sector) = the mean of the indices published in "
    "kantor.csv for the offices with an index in that period; the **mean IKM** = the mean IKM "
    "of the service units in skm.csv in that period; both rounded once to 2 decimals. Complaint "
    "counts are sums of the rows of pengaduan.csv in that period. Highest and lowest office: "
    "equal values by office name.\n"
    "* **Biggest movers**: offices ordered by the size of their index change (trend, whatever "
    "its sign) in the key-figure period.\n"
    "* **Order of periods**: by the period's last day; on the same day the longer period first "
    "(2025 before 2025-Q4 before 2025-12). An office's latest period is the one whose data "
    "reaches furthest.",
    "jadwal_h": "## Data freshness",
    "jadwal_body": "An office is overdue when its data has not been fetched again within its "
    "cadence plus a grace period, counted from the date its data was last fetched. Dates are "
    "in the portal's time zone ({tz}). Offices that never sent valid data count as overdue "
    "too.",
    "frekuensi": "Cadence", "selang": "Interval (days)", "tenggang": "Grace period (days)",
    "versi_h": "## Rule versions",
    "aturan": "Rule", "versi": "Version", "sumber": "Source",
    "r_capaian": "Achievement formula", "r_skala": "Achievement category scale",
    "r_ikm": "IKM table", "r_predikat": "Employee predikat matrix", "r_kurva": "Distribution curve",
    "r_pengaduan": "Complaint deadlines", "r_libur": "National holidays and collective leave",
    "r_jadwal": "Data update schedule", "r_tindak_lanjut": "Follow-up (private)",
    "r_sampel": "Minimum SKM sample [S]",
}
