"""Program problems (not data problems: those are `Finding`s): one small tree under
`PortalError`, each class with its exit code. `EXIT_CODES` is the one table of exit codes of
every command (`kinerja`, `python -m site_builder.ops.*`); the README's table is checked
against it by a test."""
from __future__ import annotations

from typing import Any

from sheets_sync.findings.catalogue import kind


class PortalError(Exception):
    """Base of every fatal error; a command prints one line (`line()`: Bahasa Indonesia first,
    then the English message for the operator's log) and exits with `exit_code` (2: a usage
    problem or another program error). `pesan`, when given, is the message in Bahasa
    Indonesia; `label` names the kind of problem in Bahasa Indonesia."""

    exit_code = 2
    label = "kesalahan"

    def __init__(self, message: str = "", *, pesan: str = "") -> None:
        super().__init__(message)
        self.pesan = pesan

    def line(self) -> str:
        """The one line a command prints for this error."""
        english = str(self)
        if self.pesan and self.pesan != english:
            return f"{self.label}: {self.pesan} [{english}]"
        return f"{self.label}: {english}"


class ConfigError(PortalError):
    """`portal.yml` is missing or invalid. Raised by `sheets_sync.config.load_config`."""

    exit_code = 3
    label = "konfigurasi tidak valid"


class SourceError(PortalError):
    """A source could not be read (file missing, 403, 404, network). For one office this becomes
    a finding and the office keeps its last good snapshot; for the registry it is fatal.

    `code` is a code of the finding catalogue (`sumber_gagal`, `tidak_dibagikan`, `sumber_salah`,
    `tab_hilang`, …); `fields` fill that kind's message and hint for HR staff (in Bahasa
    Indonesia; without fields, `alasan` is the message). The message itself is for the
    operator's log.

    `reach` says how far the failure goes: `OFFICE` (the default: that office's finding),
    `RUN` (the source cannot go on in this run: the Sheets API not enabled, the run's deadline;
    the sync stops reading, the office being read and every office after it keep their last good
    data and are read next run, and the run gets ONE finding of `code`, office ""), `FATAL` (the
    credentials cannot be used at all: the run ends with this one-line message, which says what
    to check)."""

    exit_code = 4
    label = "sumber data tidak dapat dibaca"
    OFFICE, RUN, FATAL = "office", "run", "fatal"

    def __init__(self, message: str, *, code: str = "sumber_gagal", reach: str = OFFICE,
                 **fields: Any) -> None:
        super().__init__(message)
        self.code = kind(code).code  # a catalogue code, or ValueError
        self.reach = reach
        self.fields: dict[str, Any] = fields or {"alasan": message.rstrip(".")}

    @property
    def message_id(self) -> str:
        """The catalogue's message and hint for this failure, in Bahasa Indonesia."""
        return " ".join(part for part in kind(self.code).render(**self.fields) if part)


class StateLockedError(PortalError):
    """Another run holds the state folder's lock (and did not release it in time)."""

    exit_code = 7
    label = "folder state sedang dipakai proses lain"


class BuildError(PortalError):
    """The site could not be built (no usable data at all, mkdocs failure, site checks)."""

    exit_code = 5
    label = "portal tidak dapat dibangun"


class OpsError(PortalError):
    """A step of the scheduled publish could not be done (the GitHub issues API, the private
    data repository check, a validation report that cannot be read). Raised by
    `site_builder.ops`."""

    exit_code = 6
    label = "langkah publikasi gagal"


CHECK_FOUND_ERRORS = 1
"""`kinerja check` found data errors; `publish_ops check-site` found problems in the site."""

EXIT_CODES: dict[int, str] = {
    0: "success",
    CHECK_FOUND_ERRORS: "`check` found data errors (`publish_ops check-site`: the site has "
                        "problems)",
    PortalError.exit_code: "usage or other program error",
    ConfigError.exit_code: "bad configuration (`portal.yml`, rule files, environment)",
    SourceError.exit_code: "a source could not be read (registry, credentials, Google API)",
    BuildError.exit_code: "the site could not be built",
    OpsError.exit_code: "a publish-workflow step failed (GitHub API, data repository)",
    StateLockedError.exit_code: "another run holds the state folder's lock "
                                "(`lock_wait_seconds` passed)",
}
