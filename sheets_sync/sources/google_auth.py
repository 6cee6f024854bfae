"""Google credentials for the source: which file types are accepted, the minimal scopes, and the
gspread client built on them. Nothing here logs or prints a credential."""
from __future__ import annotations

import json
import os
from typing import Any

import google.auth
import google.auth.exceptions
import gspread

from sheets_sync.config import PortalConfig, SourceConfig
from sheets_sync.errors import SourceError
from sheets_sync.sources.google_http import BoundedHTTPClient

_AUTH = "https://www.googleapis.com/auth/"
READ_SCOPES = (_AUTH + "spreadsheets.readonly", _AUTH + "drive.metadata.readonly")
WRITE_SCOPES = (_AUTH + "spreadsheets", _AUTH + "drive.metadata.readonly")


def load_credentials(source: SourceConfig, scopes: tuple[str, ...]) -> Any:
    """Credentials from the file named by `source.credentials_env` (service-account key,
    Workload Identity `external_account` config, or `authorized_user`), or Application Default
    Credentials when that variable is unset. Only these types are accepted; nothing is logged."""
    path = os.environ.get(source.credentials_env)
    try:
        if not path:
            creds, _ = google.auth.default(scopes=list(scopes))
            return creds
        return _credentials_from_file(path, list(scopes))
    except (google.auth.exceptions.GoogleAuthError, OSError, ValueError, KeyError) as exc:
        raise SourceError(
            f"no usable Google credentials (set {source.credentials_env} to a service-account key "
            f"or Workload Identity file, or configure Application Default Credentials): "
            f"{exc.__class__.__name__}", reach=SourceError.FATAL,
        ) from None


def _credentials_from_file(path: str, scopes: list[str]) -> Any:
    with open(path, encoding="utf-8") as fh:
        info = json.load(fh)
    kind = info.get("type") if isinstance(info, dict) else None
    if kind == "service_account":
        from google.oauth2 import service_account

        return service_account.Credentials.from_service_account_info(info, scopes=scopes)
    if kind == "external_account":
        source = info.get("credential_source") or {}
        if info.get("subject_token_type") == "urn:ietf:params:aws:token-type:aws4_request":
            from google.auth import aws

            return aws.Credentials.from_info(info, scopes=scopes)
        if source.get("executable") is not None:
            from google.auth import pluggable

            return pluggable.Credentials.from_info(info, scopes=scopes)
        from google.auth import identity_pool

        return identity_pool.Credentials.from_info(info, scopes=scopes)
    if kind == "authorized_user":
        from google.oauth2.credentials import Credentials

        return Credentials.from_authorized_user_info(info, scopes=scopes)
    raise ValueError(f"unsupported credentials type {kind!r}")


def credentials_email(creds: Any) -> str | None:
    """The service-account email offices share their sheet with, if the credentials know it."""
    email = getattr(creds, "service_account_email", None)
    return email if isinstance(email, str) and "@" in email else None


def build_client(config: PortalConfig) -> gspread.Client:
    """A gspread client with the minimal scopes and our bounded HTTP client."""
    scopes = WRITE_SCOPES if config.source.write_back else READ_SCOPES
    return gspread.Client(load_credentials(config.source, scopes), http_client=BoundedHTTPClient)
