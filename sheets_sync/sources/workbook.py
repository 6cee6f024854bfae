"""Local .xlsx workbooks: `kantor.xlsx` (registry) and one workbook per office in a folder.
The embedded default source, read with python-calamine (fast, no formulas evaluated); formulas
without a saved result and error values, which calamine reads as blank, are found by
`xlsx_cells`. A file that cannot be read says why: not there (with the file whose name differs
only in case, when there is one), protected by a password, an old .xls, or damaged."""
from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import UTC, datetime
from pathlib import Path

from python_calamine import CalamineWorkbook, PasswordError

from sheets_sync.config import PortalConfig
from sheets_sync.errors import SourceError
from sheets_sync.manifest import ManifestEntry
from sheets_sync.sources.base import OfficeRef, RawTab, RawWorkbook
from sheets_sync.sources.xlsx_cells import XlsxStructureError, apply_hidden, hidden_cells
from sheets_sync.values import header_key

REGISTRY_FILE = "kantor.xlsx"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File (MS-CFB): .xls or encrypted
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream MS-OFFCRYPTO puts the .xlsx in


def read_workbook(path: Path, only: Collection[str] | None = None) -> dict[str, RawTab]:
    """Every tab of a workbook (or the tabs named in `only`, matched as tab titles are: case
    and spaces ignored) as raw grids (sheet row 1 first, blank rows kept)."""
    if not path.is_file():  # calamine says only "OSError" for a missing file
        raise _not_found(path)
    wanted = None if only is None else {header_key(t) for t in only}
    try:
        wb = CalamineWorkbook.from_path(str(path))
        tabs = {
            name: wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for name in wb.sheet_names if wanted is None or header_key(name) in wanted
        }
    except Exception as exc:  # calamine raises its own error types for corrupt files
        raise _unreadable(path, exc) from None
    try:
        hidden = hidden_cells(path)
    except XlsxStructureError as exc:
        raise _unreadable(path, exc) from None
    for name, cells in hidden.items():
        if name in tabs:
            apply_hidden(tabs[name], cells)
    return tabs


def _not_found(path: Path) -> SourceError:
    """File not there; names the file whose name differs only in upper/lower case."""
    wanted = path.name.casefold()
    try:
        near = next((p.name for p in path.parent.iterdir() if p.name.casefold() == wanted), None)
    except OSError:
        near = None
    return SourceError(f"berkas {path.name} tidak ditemukan", code="sumber_salah",
                       tempat=f"kolom `sumber` ('{path.name}')",
                       alasan="berkas tidak ditemukan di folder data", terdekat=near)


def _unreadable(path: Path, exc: Exception) -> SourceError:
    """Why calamine could not read the file, in words HR staff can act on."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
            body = fh.read() if head == _OLE_MAGIC else b""
    except OSError:
        head, body = b"", b""
    if isinstance(exc, PasswordError) or (head == _OLE_MAGIC and _ENCRYPTED in body):
        return SourceError(f"berkas {path.name} dilindungi kata sandi", code="berkas_terkunci",
                           berkas=path.name)
    if head == _OLE_MAGIC:
        alasan = (f"berkas {path.name} berformat Excel lama (.xls 97-2003), bukan .xlsx; buka di "
                  "Excel atau LibreOffice lalu simpan sebagai Excel Workbook (.xlsx)")
    else:
        alasan = (f"berkas {path.name} bukan berkas .xlsx yang utuh ({exc.__class__.__name__}); "
                  "buka di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx")
    return SourceError(f"berkas {path.name} tidak dapat dibaca sebagai .xlsx "
                       f"({exc.__class__.__name__})", code="sumber_gagal", alasan=alasan)


class WorkbookSource:
    """Reads a folder of workbooks; change detection by file size and modification time."""

    name = "workbook"
    concurrent_reads = True  # stateless file reads: the pipeline may read one office ahead

    def __init__(self, config: PortalConfig) -> None:
        assert config.source.path is not None
        self.folder = Path(config.source.path)

    def _file(self, sumber: str) -> Path:
        name = sumber.strip()
        if not name.lower().endswith((".xlsx", ".xlsm")):
            name += ".xlsx"
        path = (self.folder / name).resolve()
        if self.folder.resolve() not in path.parents:
            raise SourceError(f"sumber '{sumber}' menunjuk ke luar folder data",
                              code="sumber_salah", tempat=f"kolom `sumber` ('{sumber}')",
                              alasan="menunjuk ke luar folder data")
        return path

    def read_registry(self) -> RawTab:
        path = self.folder / REGISTRY_FILE
        if not path.is_file():
            raise SourceError(f"registry not found: {path}", code="sumber_salah",
                              tempat="source.path di portal.yml",
                              alasan=f"berkas {REGISTRY_FILE} tidak ditemukan di folder itu")
        tabs = read_workbook(path)
        for title, grid in tabs.items():
            if title.strip().lower() == "kantor":
                return grid
        raise SourceError(f"{path}: no tab named 'Kantor' (found: {', '.join(tabs)})",
                          code="tab_hilang", tab_dicari="Kantor")

    def _stamp(self, path: Path) -> str | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return f"{st.st_size}:{st.st_mtime_ns}"

    def changed_since(self, offices: list[OfficeRef],
                      manifest: Mapping[str, ManifestEntry]) -> set[str]:
        changed = set()
        for office in offices:
            entry = manifest.get(office.kode) or ManifestEntry()
            try:
                stamp = self._stamp(self._file(office.sumber))
            except SourceError:
                stamp = None
            if not entry.unchanged_since(stamp):
                changed.add(office.kode)
        return changed

    def read_office(self, office: OfficeRef) -> RawWorkbook:
        path = self._file(office.sumber)
        tabs = read_workbook(path)
        st = path.stat()
        return RawWorkbook(
            tabs=tabs,
            source_id=path.name,
            modified=datetime.fromtimestamp(st.st_mtime, UTC),
            extra={"source_stamp": self._stamp(path)},
        )

    def read_tabs(self, office: OfficeRef, titles: list[str]) -> RawWorkbook:
        """Only the tabs `titles` of one office's workbook (`kinerja tindak-lanjut`)."""
        path = self._file(office.sumber)
        return RawWorkbook(tabs=read_workbook(path, only=titles), source_id=path.name)

    def cell_link(self, office: OfficeRef, tab: str, cell: str) -> str | None:
        return None
