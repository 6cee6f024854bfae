"""What Google answers when something is wrong, written from Google's own documents and from
recorded real traffic, each with its source, for the loopback fake (`fake_google.py`) to serve.

Sources, cited beside each answer:
- [sheets]  googleapis/google-api-python-client googleapiclient/discovery_cache/documents/
            sheets.v4.json (the Sheets v4 discovery document)
- [drive]   the same folder, drive.v3.json (Drive v3)
- [iam], [sts]  the same folder, iamcredentials.v1.json and sts.v1.json
- [rpc]     googleapis/googleapis google/api/error_reason.proto (google.rpc.ErrorInfo reasons)
- [cassette] burnash/gspread tests/cassettes/*.json (vcrpy recordings of real answers)
- [gspread] burnash/gspread gspread/exceptions.py (`APIError`, code -1 for a non-JSON body)
- [issue …] GitHub issues quoting real answers, where Google's documents say nothing; named
            where used."""
from __future__ import annotations

from typing import Any

ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo"
PROJECT = "123456789012"


def permission_denied() -> dict[str, Any]:
    """A file not shared with the caller. [cassette] ClientTest.test_access_private_spreadsheet
    .json: 403 `{"error": {"code": 403, "message": "The caller does not have permission",
    "status": "PERMISSION_DENIED"}}` (no details)."""
    return {"code": 403, "message": "The caller does not have permission",
            "status": "PERMISSION_DENIED"}


def not_found() -> dict[str, Any]:
    """[cassette] ClientTest.test_access_non_existing_spreadsheet.json: 404 "Requested entity
    was not found.", status NOT_FOUND."""
    return {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}


def sheets_api_disabled(project: str = PROJECT) -> dict[str, Any]:
    """The Sheets API not enabled in the caller's project. [rpc] SERVICE_DISABLED: "The request
    is calling a disabled service for a consumer", ErrorInfo `{"reason": "SERVICE_DISABLED",
    "domain": "googleapis.com", "metadata": {"consumer": "projects/123", "service":
    "pubsub.googleapis.com"}}`; the message as quoted in [issue home-assistant/core#79744]:
    "Google Sheets API has not been used in project … before or it is disabled. Enable it by
    visiting https://console.developers.google.com/apis/api/sheets.googleapis.com/overview?
    project=… then retry."."""
    return {
        "code": 403,
        "message": f"Google Sheets API has not been used in project {project} before or it is "
                   "disabled. Enable it by visiting https://console.developers.google.com/apis/"
                   f"api/sheets.googleapis.com/overview?project={project} then retry. If you "
                   "enabled this API recently, wait a few minutes for the action to propagate "
                   "to our systems and retry.",
        "status": "PERMISSION_DENIED",
        "details": [{"@type": ERROR_INFO, "reason": "SERVICE_DISABLED",
                     "domain": "googleapis.com",
                     "metadata": {"consumer": f"projects/{project}",
                                  "service": "sheets.googleapis.com"}}],
    }


def drive_api_disabled(project: str = PROJECT) -> dict[str, Any]:
    """The Drive API not enabled. Drive v3 keeps the older `errors[]` list: reason
    `accessNotConfigured`, domain `usageLimits` (the domain of rate limits too, so the domain
    alone must not decide a retry) [issue openclaw/gogcli#415: "Google API error (403
    accessNotConfigured): Google Sheets API has not been used in project …"; issue
    taylorwilsdon/google_workspace_mcp#126: googleapiclient logs 'Encountered 403 Forbidden with
    reason "accessNotConfigured"'], plus the ErrorInfo of [rpc]."""
    message = (f"Google Drive API has not been used in project {project} before or it is "
               "disabled. Enable it by visiting https://console.developers.google.com/apis/api/"
               f"drive.googleapis.com/overview?project={project} then retry.")
    return {
        "code": 403, "message": message, "status": "PERMISSION_DENIED",
        "errors": [{"message": message, "domain": "usageLimits",
                    "reason": "accessNotConfigured",
                    "extendedHelp": "https://console.developers.google.com"}],
        "details": [{"@type": ERROR_INFO, "reason": "SERVICE_DISABLED",
                     "domain": "googleapis.com",
                     "metadata": {"consumer": f"projects/{project}",
                                  "service": "drive.googleapis.com"}}],
    }


def scope_insufficient() -> dict[str, Any]:
    """A token without the scope the method needs. The scopes each method accepts are listed
    under `scopes` of every method in [sheets] and [drive]; the answer as quoted in
    [issue googleworkspace/java-samples#110]: 403 "Request had insufficient authentication
    scopes.", status PERMISSION_DENIED, errors[].reason `insufficientPermissions`; Sheets adds
    the ErrorInfo reason ACCESS_TOKEN_SCOPE_INSUFFICIENT."""
    return {
        "code": 403, "message": "Request had insufficient authentication scopes.",
        "status": "PERMISSION_DENIED",
        "errors": [{"message": "Insufficient Permission", "domain": "global",
                    "reason": "insufficientPermissions"}],
        "details": [{"@type": ERROR_INFO, "reason": "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
                     "domain": "googleapis.com",
                     "metadata": {"service": "sheets.googleapis.com",
                                  "method": "google.apps.sheets.v4.SpreadsheetsService."
                                            "BatchGetValues"}}],
    }


def drive_rate_limited() -> dict[str, Any]:
    """Drive's per-user rate limit: 403 with errors[].reason `userRateLimitExceeded`, domain
    `usageLimits` (Drive v3 "Resolve errors" guide; gspread's BackOffHTTPClient retries a Drive
    403 of domain usageLimits, [gspread] http_client.py)."""
    return {"code": 403, "message": "User Rate Limit Exceeded", "status": "PERMISSION_DENIED",
            "errors": [{"message": "User Rate Limit Exceeded", "domain": "usageLimits",
                        "reason": "userRateLimitExceeded"}]}


def unauthenticated() -> dict[str, Any]:
    """An invalid or expired access token: 401 UNAUTHENTICATED (google.rpc.Code 16); the
    message as quoted in [issue googleapis/google-auth-library-nodejs#168] for a missing one."""
    return {"code": 401, "message": "Request had invalid authentication credentials. Expected "
            "OAuth 2 access token, login cookie or other valid authentication credential.",
            "status": "UNAUTHENTICATED"}


def not_a_spreadsheet() -> dict[str, Any]:
    """A Sheets call on an .xlsx uploaded to Drive and not converted. Not in [sheets]; from
    [issue burnash/gspread#732]: `{'code': 400, 'message': 'This operation is not supported for
    this document', 'status': 'FAILED_PRECONDITION'}` and [issue googleworkspace/php-samples#65]
    with `errors: [{"domain": "global", "reason": "failedPrecondition"}]`; the fix ("File > Save
    as Google Sheets") from [issue theoephraim/node-google-spreadsheet#651]."""
    message = "This operation is not supported for this document"
    return {"code": 400, "message": message, "status": "FAILED_PRECONDITION",
            "errors": [{"message": message, "domain": "global", "reason": "failedPrecondition"}]}


def html_502_page() -> str:
    """Google's front end answering 502 with an HTML page, not JSON. Not in the discovery
    documents; the page as quoted in [issue akretion/connector-google-spreadsheet#5] ("<title>
    Error 502 (Server Error)!!1</title>" … "The server encountered a temporary error and could
    not complete your request. Please try again in 30 seconds.") and [issue burnash/gspread#216];
    gspread then raises APIError with code -1 ([gspread] exceptions.py, since PR #1510)."""
    return ("<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error 502 (Server "
            "Error)!!1</title>\n  <p><b>502.</b> <ins>That’s an error.</ins>\n  <p>The server "
            "encountered a temporary error and could not complete your request.<p>Please try "
            "again in 30 seconds. <ins>That’s all we know.</ins>\n")


def sheet_exists(title: str) -> str:
    """addSheet of a title already present. [sheets] `batchUpdate`: "Each request is validated
    before being applied. If any request is not valid then the entire request will fail and
    nothing will be applied"; the message text as Google writes it for a duplicate sheet name
    (our own earlier fake; not quoted in the sources above)."""
    return (f'Invalid requests[0].addSheet: A sheet with the name "{title}" already exists. '
            "Please enter another name.")


def iam_permission_denied(email: str) -> dict[str, Any]:
    """generateAccessToken refused ([iam] `projects.serviceAccounts.generateAccessToken`,
    POST v1/{+name}:generateAccessToken): the Workload Identity pool lacks
    roles/iam.workloadIdentityUser on the service account. The message as the
    google-github-actions/auth troubleshooting quotes it: "Permission
    'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist)."."""
    return {"code": 403, "status": "PERMISSION_DENIED",
            "message": "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it "
                       "may not exist).",
            "details": [{"@type": ERROR_INFO, "reason": "IAM_PERMISSION_DENIED",
                         "domain": "iam.googleapis.com",
                         "metadata": {"permission": "iam.serviceAccounts.getAccessToken",
                                      "resource": f"projects/-/serviceAccounts/{email}"}}]}


def sts_token() -> dict[str, Any]:
    """A successful token exchange ([sts] `v1/token`, GoogleIdentityStsV1ExchangeTokenResponse:
    access_token, issued_token_type, token_type, expires_in)."""
    return {"access_token": "sts-federated-token",
            "issued_token_type": "urn:ietf:params:oauth:token-type:access_token",
            "token_type": "Bearer", "expires_in": 3600}
