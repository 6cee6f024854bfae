"""argparse speaking Bahasa Indonesia first: `penggunaan:`, `argumen`/`opsi` headings, `-h`
described in Indonesian, and usage errors as one Indonesian line with argparse's English text
after it for operators (exit code 2, as argparse's own)."""
from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

_ERRORS = (  # argparse's English messages -> Bahasa Indonesia (argument names kept)
    (r"the following arguments are required: (.+)", "argumen wajib belum diisi: {0}"),
    (r"unrecognized arguments: (.+)", "argumen tidak dikenal: {0}"),
    (r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)",
     "pilihan {1} untuk {0} tidak dikenal (pilih: {2})"),
    (r"argument (\S+): invalid int value: (.+)", "{0} harus bilangan bulat, bukan {1}"),
    (r"argument (\S+): invalid float value: (.+)", "{0} harus angka, bukan {1}"),
    (r"argument (\S+): expected one argument", "{0} perlu satu nilai"),
    (r"argument (\S+): not allowed with argument (\S+)", "{0} tidak boleh dipakai bersama {1}"),
)


def terjemah(message: str) -> str:
    """argparse's error `message` in Bahasa Indonesia (a general sentence when unknown)."""
    for pattern, template in _ERRORS:
        m = re.fullmatch(pattern, message)
        if m:
            return template.format(*m.groups())
    return "perintah tidak dapat dipahami"


class Formatter(argparse.HelpFormatter):
    """Help with an Indonesian usage prefix."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[Any], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "penggunaan: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose headings, `-h` and usage errors are in Bahasa Indonesia; its
    sub-command parsers are of the same class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="tampilkan bantuan ini lalu keluar (show this help)")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: kesalahan penggunaan: {terjemah(message)} "
                     f"[usage error: {message}]\n")
