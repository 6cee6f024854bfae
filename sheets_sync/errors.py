"""Program problems (not data problems: those are `Finding`s). Each maps to an exit code."""
from __future__ import annotations


class PortalError(Exception):
    """Base of every fatal error; the CLI prints its one-line message and exits with `exit_code`."""

    exit_code = 2


class ConfigError(PortalError):
    """`portal.yml` is missing or invalid. Raised by `sheets_sync.config.load_config`."""

    exit_code = 3


class SourceError(PortalError):
    """A source could not be read (file missing, 403, 404, network). For one office this becomes
    a finding and the office keeps its last good snapshot; for the registry it is fatal."""

    exit_code = 4

    def __init__(self, message: str, *, code: str = "sumber_gagal") -> None:
        super().__init__(message)
        self.code = code


class BuildError(PortalError):
    """The site could not be built (no usable data at all, mkdocs failure, site checks)."""

    exit_code = 5
