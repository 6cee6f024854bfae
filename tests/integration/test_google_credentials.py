"""Credentials that cannot be used end the run with one line that says what to check, exit code
4, no traceback (issue 12, item 4): a Workload Identity token exchange refused, the token service
unreachable, no credentials at all. google-auth exchanges the GitHub OIDC token at STS and
impersonates the service account at IAM Credentials inside our own first request (with
google-github-actions/auth and no `token_format`); both are served by the loopback fake."""
from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import google.auth.exceptions
import gspread
import pytest
import requests
from google.auth import identity_pool

from sheets_sync.errors import SourceError
from sheets_sync.sources.google import READ_SCOPES, GoogleSource
from site_builder.cli import main
from tests.integration import google_answers as answers
from tests.integration.conftest import DINKES, SA_EMAIL, FakeClock, google_config
from tests.integration.fake_google import (
    IAM_HOST,
    STS_HOST,
    BlockingAdapter,
    FakeGoogle,
    loopback_session,
    mount_token_service,
)


def _workload_identity(tmp_path: Path) -> identity_pool.Credentials:
    """The `external_account` file google-github-actions/auth writes (tech-notes §6.2)."""
    token = tmp_path / "oidc-token"
    token.write_text("header.payload.signature")
    return identity_pool.Credentials.from_info({
        "type": "external_account",
        "audience": "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/"
                    "github/providers/github",
        "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
        "token_url": f"https://{STS_HOST}/v1/token",
        "service_account_impersonation_url":
            f"https://{IAM_HOST}/v1/projects/-/serviceAccounts/{SA_EMAIL}:generateAccessToken",
        "credential_source": {"file": str(token)},
    }, scopes=list(READ_SCOPES))


class _Unreachable(requests.adapters.HTTPAdapter):
    def send(self, request, **kw):  # type: ignore[no-untyped-def, override]
        raise requests.ConnectionError("Failed to establish a new connection")


@pytest.fixture
def wif_client(populated: FakeGoogle, tmp_path: Path) -> Iterator[gspread.Client]:
    """gspread's own client on Workload Identity credentials; every host it may call (Sheets,
    Drive, STS, IAM Credentials) answered by the fake, any other refused."""
    gc = gspread.authorize(_workload_identity(tmp_path))
    session = gc.http_client.session
    routed, blocker = loopback_session(populated.base_url)
    session.adapters.clear()
    session.adapters.update(routed.adapters)
    token_session = session._auth_request_session  # google-auth's own, for token refreshes
    token_session.mount("https://", BlockingAdapter())
    mount_token_service(token_session, populated.base_url)
    yield gc
    session.close()
    assert not blocker.blocked


def test_a_refused_impersonation_is_one_line_and_exit_4(
        populated: FakeGoogle, wif_client: gspread.Client, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    populated.fail("iam_token", 403, error=answers.iam_permission_denied(SA_EMAIL), times=10)
    monkeypatch.setattr("sheets_sync.sources.google.build_client", lambda config: wif_client)
    (tmp_path / "portal.yml").write_text(json.dumps({
        "title": "Uji", "state_dir": "state",
        "source": {"kind": "google", "registry": google_config().source.registry}}))
    assert main(["sync", "--config", str(tmp_path / "portal.yml")]) == 4
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("kinerja: sumber data tidak dapat dibaca: Google refused the credentials")
    assert "Permission 'iam.serviceAccounts.getAccessToken' denied" in err
    assert "roles/iam.workloadIdentityUser" in err
    assert populated.kinds()[:2] == ["sts_token", "iam_token"]  # in our own first request
    assert populated.sheets_kinds().count("batchGet") == 0


def test_the_token_service_unreachable_is_retried_then_one_line(
        populated: FakeGoogle, wif_client: gspread.Client) -> None:
    wif_client.http_client.session._auth_request_session.mount(  # type: ignore[attr-defined]
        f"https://{STS_HOST}/", _Unreachable())
    clock = FakeClock()
    source = GoogleSource(google_config(max_attempts=3), client=wif_client, sleep=clock.sleep,
                          clock=clock, rng=random.Random(1), progress=False)
    with pytest.raises(SourceError) as info:
        source.read_office(DINKES)
    assert info.value.reach == SourceError.FATAL
    assert "token service could not be reached (TransportError" in str(info.value)
    assert len(clock.sleeps) == 2  # retried like a broken connection, then given up


def test_no_credentials_at_all_is_one_line_and_exit_4(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    def no_default(scopes):  # type: ignore[no-untyped-def]
        raise google.auth.exceptions.DefaultCredentialsError("Your default credentials were "
                                                             "not found.")

    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    monkeypatch.setattr("google.auth.default", no_default)
    (tmp_path / "portal.yml").write_text(
        "title: Uji\nstate_dir: state\nsource: {kind: google, registry: 1RegistryKeyAbcdefghij}\n")
    assert main(["check", "--config", str(tmp_path / "portal.yml")]) == 4
    err = capsys.readouterr().err
    assert err.startswith("kinerja: sumber data tidak dapat dibaca: no usable Google credentials")
    assert err.count("\n") == 1
