"""The rules of one run: every rule `portal.yml` selects, loaded and checked once, handed to
compute (and, through the marts, to the pages that explain them)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from site_builder import rules

if TYPE_CHECKING:
    from sheets_sync.config import PortalConfig


@dataclass(frozen=True)
class RuleSet:
    """The selected rules. `versions()` gives the tag of each, as result rows record it."""

    capaian_formula: rules.Rule
    capaian_scale: rules.Scale
    capaian_cap: Decimal | None  # cap (%) of the capped capaian; None = no cap
    ikm: rules.Scale
    predikat: rules.Rule
    kurva: rules.Rule
    kurva_limits: dict[str, tuple[rules.KurvaLimit, ...]]
    pengaduan: rules.PengaduanRule
    jadwal: rules.JadwalRule
    sampel: rules.SampleRule

    def versions(self) -> dict[str, str]:
        """The tag (id@version) of every rule kind, as `versi_aturan` records it."""
        cap = self.capaian_cap
        return {
            "capaian": "+".join([
                self.capaian_formula.tag,
                self.capaian_scale.rule.tag,
                f"batas-{cap}" if cap is not None else "tanpa-batas",
            ]),
            "ikm": self.ikm.rule.tag,
            "predikat": self.predikat.tag,
            "kurva": self.kurva.tag,
            "pengaduan": f"{self.pengaduan.rule.tag}+libur@{self.pengaduan.holidays_version}",
            "jadwal": self.jadwal.rule.tag,
            "sampel": self.sampel.rule.tag,
        }


def _exact_cap(cap: float | None) -> Decimal | None:
    """The configured cap as the Decimal written in portal.yml (120 -> Decimal('120'))."""
    if cap is None:
        return None
    d = Decimal(repr(float(cap)))
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d


def rule_set(config: PortalConfig) -> RuleSet:
    """The rules `config` selects (each rule file read and checked once per process).
    Raises `ConfigError` for an unknown id or a rule file that does not fit its model."""
    return _rule_set(config.capaian.scale, config.capaian.cap, config.rules.ikm,
                     config.rules.predikat, config.rules.kurva, config.rules.pengaduan,
                     config.rules.jadwal, config.rules.sampel)


@cache
def _rule_set(scale: str, cap: float | None, ikm: str, predikat: str, kurva: str,
              pengaduan: str, jadwal: str, sampel: str) -> RuleSet:
    kurva_rule, limits = rules.kurva_rule(kurva)
    return RuleSet(
        capaian_formula=rules.capaian_formula(),
        capaian_scale=rules.capaian_scale(scale),
        capaian_cap=_exact_cap(cap),
        ikm=rules.ikm_rule(ikm),
        predikat=rules.predikat_rule(predikat),
        kurva=kurva_rule,
        kurva_limits=limits,
        pengaduan=rules.pengaduan_rule(pengaduan),
        jadwal=rules.jadwal_rule(jadwal),
        sampel=rules.sampel_rule(sampel),
    )
