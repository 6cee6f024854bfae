"""Entry point of compute: all offices' staging frames -> the marts every page and file reads."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from sheets_sync.config import PortalConfig
from sheets_sync.contracts import FREKUENSI_KIND
from sheets_sync.findings import Finding
from sheets_sync.periods import period_sort_key
from sheets_sync.portal_data import PortalData
from site_builder.compute.capaian import compute_capaian
from site_builder.compute.frames import map_values
from site_builder.compute.ikm import compute_ikm_levels
from site_builder.compute.kurva import check_kurva
from site_builder.compute.office_index import compute_office_index
from site_builder.compute.pengaduan import compute_pengaduan
from site_builder.compute.perbandingan import add_comparison
from site_builder.compute.predikat import distribution
from site_builder.compute.profil import compute_profil
from site_builder.compute.ringkasan import compute_ringkasan, headline_period, rank_movers
from site_builder.compute.sampel import add_sample_adequacy
from site_builder.compute.trends import add_trend
from site_builder.disclosure import protect_survey
from site_builder.disclosure.record import PublishedRecord
from site_builder.disclosure.tables import protect_tables
from site_builder.marts import KANTOR_PROFIL_COLUMNS, OPEN_DATA_COLUMNS, Marts
from site_builder.rules import RuleSet

# internal columns that follow the open-data columns of each mart, in order
EXTRA_COLUMNS: dict[str, list[str]] = {
    "kantor": ["versi_aturan", "kategori_en", "status_alasan", "status_alasan_en",
               "peringkat_perubahan"],
    "indikator": ["versi_aturan", "kategori_en", "bobot", "sasaran"],
    "skm": ["versi_aturan", "kinerja_unit_en", "penekanan"],
    "pengaduan": ["versi_aturan", "terbuka_lewat_batas"],
    "pegawai_distribusi": ["versi_aturan", "kurva_pelanggaran", "kurva_pelanggaran_en",
                           "predikat_organisasi", "penekanan"],
    "pegawai_distribusi_unit": ["versi_aturan", "penekanan"],
    "ringkasan": ["versi_aturan"],
    "status_kantor": ["status_alasan_en", "versi_aturan"],
}

def mart_columns(name: str) -> list[str]:
    """The columns of a mart: open-data columns first (PRODUCT.md §7), then internal ones."""
    if name in ("kantor_profil", "status_kantor"):
        return KANTOR_PROFIL_COLUMNS
    key = "skm" if name == "skm_kantor" else name
    return OPEN_DATA_COLUMNS[key] + EXTRA_COLUMNS[key]


def _finish(frame: pd.DataFrame, name: str, keys: list[str]) -> pd.DataFrame:
    """The mart: rows sorted by `keys` then period, exactly the columns of `mart_columns`
    (missing ones blank); every column but integer/boolean ones is `object` with None for
    blank (never NaN/NA/NaT). Built column by column in one new frame (cheaper than setting
    columns of the old one)."""
    cols = mart_columns(name)
    if len(frame):
        order = map_values(frame["periode"], period_sort_key)
        frame = frame.assign(_o=order).sort_values([*keys, "_o"], kind="stable")
    data: dict[str, pd.Series] = {}
    for c in cols:
        if c not in frame.columns:
            data[c] = pd.Series([None] * len(frame), dtype="object")
        elif frame[c].dtype.kind in "ib":
            data[c] = frame[c].reset_index(drop=True)
        else:
            values = frame[c].to_numpy(dtype="object", copy=True)
            values[pd.isna(values)] = None
            data[c] = pd.Series(values, dtype="object", copy=False)
    return pd.DataFrame(data, columns=cols)


def _organisasi(data: PortalData) -> pd.DataFrame:
    org = data.frame("organisasi")
    org = org[["kantor_kode", "periode", "predikat_organisasi"]].drop_duplicates(
        ["kantor_kode", "periode"], keep="last")
    return org.astype({"predikat_organisasi": "object"})


def _with_office_ikm(kantor: pd.DataFrame, skm_kantor: pd.DataFrame,
                     profil: pd.DataFrame) -> pd.DataFrame:
    """`kantor` with the office-level IKM of each period (`ikm`, `ikm_mutu`, `ikm_responden`);
    a period with a survey but no indicator row gets a row of its own (no index)."""
    office_ikm = skm_kantor[["kantor_kode", "periode", "ikm", "mutu", "responden"]].rename(
        columns={"mutu": "ikm_mutu", "responden": "ikm_responden"})
    if office_ikm.empty:
        return kantor.assign(ikm=None, ikm_mutu=None, ikm_responden=None)
    has_period = kantor["periode"].notna()
    out = kantor[has_period].merge(office_ikm, on=["kantor_kode", "periode"], how="outer")
    out = pd.concat([out, kantor[~has_period]], ignore_index=True)
    new = out["kantor_nama"].isna()  # rows of survey-only periods: the office's facts
    if new.any():
        facts = profil.set_index("kantor_kode")
        for col in ("kantor_nama", "sektor", "diperbarui", "status_data", "status_alasan",
                    "status_alasan_en"):
            out.loc[new, col] = out.loc[new, "kantor_kode"].map(facts[col])
        for col in ("indikator_dilaporkan", "indikator_total", "indikator_di_bawah_target"):
            out.loc[new, col] = 0
        out.loc[new, "versi_aturan"] = kantor["versi_aturan"].iloc[0] if len(kantor) else None
    for col in ("indikator_dilaporkan", "indikator_total", "indikator_di_bawah_target"):
        out[col] = out[col].astype("int64")
    out["cakupan_memadai"] = _flags(out["cakupan_memadai"])
    out["ikm_responden"] = pd.Series([None if pd.isna(v) else int(v) for v in out["ikm_responden"]],
                                     index=out.index, dtype="object")
    return out


def _flags(values: pd.Series) -> pd.Series:
    """A boolean column with blanks (rows added by a merge or for offices without data) false."""
    return pd.Series([isinstance(v, (bool, np.bool_)) and bool(v) for v in values.tolist()],
                     index=values.index, dtype="bool")


def compute_portal(data: PortalData, config: PortalConfig, rules: RuleSet,
                   today: date, published: PublishedRecord | None = None) -> Marts:
    """Compute every mart from all offices' validated data with the run's `rules` (built once
    from the configuration, `site_builder.rules.rule_set`). Pure: `today` is a parameter, and
    so is `published`, what earlier builds published (the disclosure audit holds against it)."""
    versions = rules.versions()
    findings: list[Finding] = []
    org = _organisasi(data)
    profil = compute_profil(data.offices, list(data.data), data.status, rules.jadwal, today,
                            config.timezone)

    # indikator + office index
    scale = rules.capaian_scale
    indikator, f_cap = compute_capaian(data.frame("indikator"), data.frame("capaian"), scale,
                                       rules.capaian_cap, versions["capaian"])
    # target 0 is already a located finding of validation (sheets_sync.validate); compute's
    # copy (no column letter) would report the same cell twice.
    findings += [f for f in f_cap if f.code != "target_nol"]
    index = compute_office_index(indikator, scale, config.headline.min_coverage)
    indikator = add_trend(indikator, ["kantor_kode", "indikator_kode"], "capaian")
    indikator = _finish(indikator.drop(columns=["_capaian_exact", "_dibatasi_exact"]),
                        "indikator", ["kantor_kode", "indikator_kode"])

    # kantor: every office of the office table, with or without an index
    kantor = index.merge(org, on=["kantor_kode", "periode"], how="left")
    missing = [k for k in profil["kantor_kode"] if k not in set(kantor["kantor_kode"])]
    if missing:
        kantor = pd.concat([kantor, pd.DataFrame({"kantor_kode": missing})], ignore_index=True)
    kantor = add_trend(kantor, ["kantor_kode"], "indeks_kinerja")
    kantor = kantor.merge(profil[["kantor_kode", "kantor_nama", "sektor", "diperbarui",
                                  "status_data", "status_alasan", "status_alasan_en"]],
                          on="kantor_kode", how="left")
    kantor["kantor_nama"] = kantor["kantor_nama"].fillna(kantor["kantor_kode"])
    kantor["status_data"] = kantor["status_data"].fillna("missing")
    kantor["versi_aturan"] = versions["capaian"]
    for col in ("indikator_dilaporkan", "indikator_total", "indikator_di_bawah_target"):
        kantor[col] = kantor[col].fillna(0).astype("int64")
    kantor["cakupan_memadai"] = _flags(kantor["cakupan_memadai"])
    headline = headline_period(kantor)
    kantor["peringkat_perubahan"] = pd.Series(rank_movers(kantor, headline),
                                              index=kantor.index, dtype="object")

    # SKM / IKM (units under privacy.min_respondents publish no NRR/IKM); the office level
    # (all respondents of its units) is also in kantor
    by_unit, by_office = protect_survey(*compute_ikm_levels(data.frame("skm"), rules.ikm),
                                        config.privacy.min_respondents)
    by_unit = add_sample_adequacy(by_unit, data.frame("skm"), rules.sampel)
    skm = _finish(by_unit, "skm", ["kantor_kode", "unit_layanan"])
    skm_kantor = _finish(by_office, "skm_kantor", ["kantor_kode", "unit_layanan"])
    kantor = _finish(_with_office_ikm(kantor, skm_kantor, profil), "kantor", ["kantor_kode"])

    # pengaduan, counted by periods of the kind of each office's frekuensi
    kinds = {str(k): FREKUENSI_KIND[f] for k, f in zip(profil["kantor_kode"].tolist(),
                                                       profil["frekuensi"].tolist(), strict=True)}
    pengaduan = _finish(compute_pengaduan(data.frame("pengaduan"), rules.pengaduan, today, kinds),
                        "pengaduan", ["kantor_kode"])

    # pegawai distribution -> kurva -> disclosure control
    dist = distribution(data.frame("pegawai"), rules.predikat)
    dist = dist.merge(org, on=["kantor_kode", "periode"], how="left")
    dist["predikat_organisasi"] = dist["predikat_organisasi"].astype("object").where(
        dist["predikat_organisasi"].notna(), None)
    limits = rules.kurva_limits
    dist, f_kurva = check_kurva(dist, limits)
    findings += f_kurva
    dist["versi_aturan"] = versions["predikat"] + "+" + versions["kurva"]
    units = distribution(data.frame("pegawai"), rules.predikat,
                         by=("kantor_kode", "unit_kerja", "periode"))
    units["versi_aturan"] = versions["predikat"]
    protected, protected_units, audit = protect_tables(dist, units, config.privacy, limits,
                                                       published)
    pegawai = _finish(protected, "pegawai_distribusi", ["kantor_kode"])
    pegawai_unit = _finish(protected_units, "pegawai_distribusi_unit",
                           ["kantor_kode", "unit_kerja"])

    # the figures of the home and sector pages
    summary_rules = "+".join(versions[k] for k in ("capaian", "ikm", "pengaduan"))
    ringkasan = _finish(compute_ringkasan(kantor, profil, skm, pengaduan, summary_rules,
                                          headline), "ringkasan", ["_urutan"])
    kantor = add_comparison(kantor, ringkasan)

    return Marts(kantor=kantor, indikator=indikator, skm=skm, skm_kantor=skm_kantor,
                 pengaduan=pengaduan, pegawai_distribusi=pegawai, kantor_profil=profil,
                 ringkasan=ringkasan, pegawai_distribusi_unit=pegawai_unit,
                 findings=findings, rule_versions=versions, rules=rules, disclosure_audit=audit)
