"""The run's one Drive listing: every Google Sheets file the service account can see (in
`source.folder_id` when set), with its `modifiedTime`, for change detection.

Drive v3 `files.list` (drive.v3.json, `drive.files.list`):
- `q` `mimeType="application/vnd.google-apps.spreadsheet" and trashed = false` (+ `and parents in
  "<folder>"`): a file in the owner's trash is still listed for its owner (`File.trashed`), so a
  spreadsheet the account owns and trashed must not count as present;
- `corpora=allDrives` + `includeItemsFromAllDrives=true` + `supportsAllDrives=true`: the default
  corpus `user` holds files "created by, opened by, or shared directly with the user", so a sheet
  the account reaches only as a member of a shared drive would be missing;
- `pageSize=1000` (the maximum) and `nextPageToken` until the last page.

Not followed (docs/operating.md §3): a Drive shortcut to a sheet (its own `modifiedTime`, not the
target's) and sheets in subfolders of `folder_id`; such offices are simply not in the listing and
are read on every run (1 Sheets read each)."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from gspread.http_client import HTTPClient, ParamsType

DRIVE_FILES_URL = "https://www.googleapis.com/drive/v3/files"
SHEETS_MIME = "application/vnd.google-apps.spreadsheet"
FIELDS = "nextPageToken,files(id,name,modifiedTime)"
MAX_PAGES = 1000  # a million files; a listing that goes on longer is not Drive's


class ListingError(ValueError):
    """A listing answer that is not the shape Drive documents (`FileList`)."""


def listing_params(folder_id: str | None, page_token: str | None = None) -> ParamsType:
    """The query parameters of one `files.list` page."""
    q = f'mimeType="{SHEETS_MIME}" and trashed = false'
    if folder_id:
        q += f' and parents in "{folder_id}"'
    params: ParamsType = {"q": q, "pageSize": "1000", "fields": FIELDS, "corpora": "allDrives",
                          "includeItemsFromAllDrives": "true", "supportsAllDrives": "true"}
    if page_token:
        params["pageToken"] = page_token
    return params


def list_spreadsheets(http: HTTPClient, folder_id: str | None) -> dict[str, dict[str, Any]]:
    """Every visible spreadsheet (id -> `{id, name, modifiedTime}`), following the pages."""
    return {f["id"]: f for f in _files(http, folder_id)}


def _files(http: HTTPClient, folder_id: str | None) -> Iterator[dict[str, Any]]:
    token: str | None = None
    for _ in range(MAX_PAGES):
        page = http.request("get", DRIVE_FILES_URL, params=listing_params(folder_id, token)).json()
        if not isinstance(page, Mapping) or not isinstance(page.get("files", []), list):
            raise ListingError("files.list answered something that is not a FileList")
        for item in page.get("files", []):
            if isinstance(item, Mapping) and isinstance(item.get("id"), str):
                yield dict(item)
        token = page.get("nextPageToken")
        if not isinstance(token, str) or not token:
            return
    raise ListingError(f"files.list did not end after {MAX_PAGES} pages")
