"""The Metodologi section on the office head's private follow-up: the rule in general terms
(what each predikat and each change leads to, who is listed for development or recognition, and
on what basis), from the same rule data `kinerja tindak-lanjut` uses. No person, no office, no
figure: the follow-up itself is never published."""
from __future__ import annotations

from sheets_sync.config import PortalConfig
from site_builder.rules import PREDIKAT_KEYS, predikat_labels
from site_builder.rules.tindak_lanjut import TindakLanjutRule, configured_rule


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def tindak_lanjut_markdown(config: PortalConfig, lang: str = "id",
                           rule: TindakLanjutRule | None = None) -> str:
    """The section in `lang` ("id" or "en") for the rule `config` selects."""
    rule = rule or configured_rule(config)
    t = _ID if lang == "id" else _EN
    labels = predikat_labels()

    def names(keys: tuple[str, ...]) -> str:
        return ", ".join(labels[k][lang] for k in keys)

    running = rule.penghargaan_berturut
    parts = [t["h"], t["body"].format(
        dev=names(rule.pengembangan), dev_basis=rule.pengembangan_dasar,
        rec=names(rule.penghargaan), rec_basis=rule.penghargaan_dasar,
        running=t["running"].format(n=running) if running > 1 else "")]
    parts.append(_table([t["predikat"], t["tindakan"], t["dasar"]],
                        [[labels[k][lang], rule.tindakan[k].text(lang), rule.tindakan[k].dasar]
                         for k in PREDIKAT_KEYS]))
    parts.append(_table([t["perubahan"], t["tambahan"], t["dasar"]],
                        [[t[k], a.text(lang), a.dasar] for k, a in rule.perubahan.items()
                         if a.text(lang)]))
    parts.append(t["note"].format(tag=rule.tag, desc=rule.rule.description(lang),
                                  sumber=rule.rule.sumber))
    return "\n\n".join(parts)


_ID = {
    "h": "## Tindak lanjut untuk kepala kantor (privat)",
    "body": "Setelah setiap periode SKP, setiap kantor menerima kembali hasil pegawainya "
    "sendiri — secara privat, tidak pernah di portal ini, di data terbuka, atau di log — "
    "sebagai buku kerja tindak lanjut (`kinerja tindak-lanjut`) dan, dengan sumber Google, "
    "sebagai tab `Tindak Lanjut` di spreadsheet kantor itu sendiri. Bagian ini hanya "
    "menjelaskan aturannya.\n\n"
    "* Yang dibandingkan: periode SKP tahunan (bila ada; selain itu jenis periode terakhir) "
    "dan periode sebelumnya yang sejenis; pegawai dicocokkan dengan NIP.\n"
    "* **Daftar pengembangan** (daftar kebutuhan pelatihan per unit kerja dan jabatan): "
    "pegawai dengan predikat {dev} pada periode terakhir, beserta berapa periode berturut-turut "
    "predikatnya seperti itu. Dasar: {dev_basis}.\n"
    "* **Daftar penghargaan**: pegawai dengan predikat {rec}{running} pada periode terakhir, "
    "diurutkan menurut jumlah periode berturut-turut. Dasar: {rec_basis}.\n"
    "* **Umpan balik** (opsional, tab `UmpanBalik`): jumlah dan rata-rata skor 1–4 per "
    "sumber (atasan, rekan kerja, masyarakat) untuk setiap pegawai; komentar tidak dibaca.\n"
    "* Kurva distribusi dan perubahan predikat (naik, tetap, turun) dihitung seperti di atas, "
    "untuk kantor itu saja.\n\n"
    "Tindak lanjut setiap predikat, dan tambahan bila predikat berubah, adalah usulan untuk "
    "kepala kantor dan pengelola kepegawaian, bukan keputusan:",
    "running": " selama {n} periode berturut-turut",
    "predikat": "Predikat", "tindakan": "Tindak lanjut", "dasar": "Dasar",
    "perubahan": "Perubahan", "tambahan": "Tambahan",
    "naik": "Naik", "tetap": "Tetap", "turun": "Turun", "baru": "Baru",
    "note": "Aturan `{tag}`: {desc} Sumber: {sumber}.",
}

_EN = {
    "h": "## Follow-up for the office head (private)",
    "body": "After each SKP period every office gets its own staff's results back — privately, "
    "never on this portal, in the open data or in a log — as a follow-up workbook "
    "(`kinerja tindak-lanjut`) and, with the Google source, as a `Tindak Lanjut` tab of the "
    "office's own spreadsheet. This section only explains the rule.\n\n"
    "* What is compared: the annual SKP period (if any; else the kind of the latest period) "
    "and the previous period of the same kind; employees are matched on their NIP.\n"
    "* **Development list** (a training-needs list by work unit and position): employees whose "
    "latest predikat is {dev}, with how many periods running it has been so. Basis: "
    "{dev_basis}.\n"
    "* **Recognition list**: employees whose latest predikat is {rec}{running}, ordered by "
    "periods running. Basis: {rec_basis}.\n"
    "* **Feedback** (optional, `UmpanBalik` tab): count and mean 1–4 score per source "
    "(supervisor, colleagues, citizens) for each employee; comments are not read.\n"
    "* The distribution curve and the change of predikat (up, same, down) are computed as "
    "above, for that office alone.\n\n"
    "The follow-up of each predikat, and what a change adds, is a proposal for the office head "
    "and HR, not a decision:",
    "running": " for {n} periods running",
    "predikat": "Predikat", "tindakan": "Follow-up", "dasar": "Basis",
    "perubahan": "Change", "tambahan": "Adds",
    "naik": "Up", "tetap": "Same", "turun": "Down", "baru": "New",
    "note": "Rule `{tag}`: {desc} Source: {sumber}.",
}
