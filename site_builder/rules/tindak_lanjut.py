"""The follow-up rule (`tindak_lanjut.yml`) as the private follow-up uses it: the file's entry
with the office's own choices from `portal.yml` applied where the regulation leaves them to the
instansi (which predikat put an employee on the Pengembangan or the Penghargaan list, and for
how many periods running)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sheets_sync.errors import ConfigError
from site_builder import rules
from site_builder.rules.files import CHANGES, PREDIKAT_KEYS, RATING_FIELDS, ActionEntry

if TYPE_CHECKING:
    from sheets_sync.config import PortalConfig

OWN_POLICY = "kebijakan instansi (portal.yml)"
"""The `dasar` of a list the office set in portal.yml."""


@dataclass(frozen=True)
class Action:
    """One follow-up text in both languages (empty: none) and the clause it rests on."""

    id: str
    en: str
    dasar: str

    def text(self, lang: str = "id") -> str:
        return self.id if lang == "id" else self.en


@dataclass(frozen=True)
class TindakLanjutRule:
    """The follow-up of one run: the rule file's entry with portal.yml's overrides applied."""

    rule: rules.Rule
    tindakan: dict[str, Action]  # predikat key -> follow-up (every key of PREDIKAT_KEYS)
    perubahan: dict[str, Action]  # naik / tetap / turun / baru -> what the change adds
    fokus: dict[str, dict[str, str]]  # hasil_kerja / perilaku_kerja -> {"id", "en"}
    pengembangan: tuple[str, ...]  # predikat keys, best first
    pengembangan_dasar: str
    penghargaan: tuple[str, ...]
    penghargaan_berturut: int
    penghargaan_dasar: str
    penyesuaian: tuple[str, ...] = ()  # the portal.yml keys that changed the rule's defaults

    @property
    def tag(self) -> str:
        """`id@version`, with `+portal.yml(keys)` when the office changed a default."""
        own = f"+portal.yml({','.join(self.penyesuaian)})" if self.penyesuaian else ""
        return self.rule.tag + own


def tindak_lanjut_rule(rule_id: str = "permenpanrb-6-2022", *,
                       pengembangan: Sequence[str] | None = None,
                       penghargaan: Sequence[str] | None = None,
                       penghargaan_berturut: int | None = None) -> TindakLanjutRule:
    """The rule `rule_id` of tindak_lanjut.yml; the lists given (predikat keys or labels) and
    the periods running replace the rule's defaults. `ConfigError` for an unknown rule id or
    predikat, or a predikat on both lists."""
    entry = rules._find("tindak_lanjut", rule_id)
    own: list[str] = []
    dev = tuple(entry.pengembangan.predikat)
    dev_basis = entry.pengembangan.dasar
    if pengembangan is not None:
        dev, dev_basis = _keys(pengembangan, "tindak_lanjut.pengembangan"), OWN_POLICY
        own.append("pengembangan")
    rec = tuple(entry.penghargaan.predikat)
    rec_basis = entry.penghargaan.dasar
    if penghargaan is not None:
        rec, rec_basis = _keys(penghargaan, "tindak_lanjut.penghargaan"), OWN_POLICY
        own.append("penghargaan")
    running = entry.penghargaan.periode_berturut
    if penghargaan_berturut is not None:
        running = penghargaan_berturut
        rec_basis = OWN_POLICY
        own.append("penghargaan_berturut")
    both = set(dev) & set(rec)
    if both:
        raise ConfigError("tindak_lanjut: predikat on both the pengembangan and the penghargaan "
                          f"list: {', '.join(sorted(both))}")
    return TindakLanjutRule(
        rule=rules._rule(entry),
        tindakan={k: _action(entry.tindakan[k]) for k in PREDIKAT_KEYS},
        perubahan={k: _action(entry.perubahan[k]) for k in CHANGES},
        fokus={k: {"id": entry.fokus[k].id, "en": entry.fokus[k].en} for k in RATING_FIELDS},
        pengembangan=dev, pengembangan_dasar=dev_basis,
        penghargaan=rec, penghargaan_berturut=running, penghargaan_dasar=rec_basis,
        penyesuaian=tuple(own),
    )


def configured_rule(config: PortalConfig) -> TindakLanjutRule:
    """The follow-up rule `config` selects (`rules.tindak_lanjut`), with its `tindak_lanjut`
    overrides."""
    own = config.tindak_lanjut
    return tindak_lanjut_rule(config.rules.tindak_lanjut, pengembangan=own.pengembangan,
                              penghargaan=own.penghargaan,
                              penghargaan_berturut=own.penghargaan_berturut)


def _action(entry: ActionEntry) -> Action:
    return Action(id=entry.id, en=entry.en, dasar=entry.dasar)


def _keys(names: Sequence[str], key: str) -> tuple[str, ...]:
    """Predikat keys of `names` (keys or labels, any case), in PREDIKAT_KEYS order."""
    found = set()
    for name in names:
        k = rules.predikat_key(name)
        if k is None:
            labels = ", ".join(v["id"] for v in rules.predikat_labels().values())
            raise ConfigError(f"{key}: unknown predikat '{name}' (known: {labels})")
        found.add(k)
    return tuple(k for k in PREDIKAT_KEYS if k in found)
