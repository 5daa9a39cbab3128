"""Fifty clients at once against the served product (its real server and database): editing the same
report and neighbouring months of one project. No update is lost, no rule is broken, no server error.

Each client reads a report (ETag), changes it and writes it back with If-Match; a 412/409 makes it
read again and retry. Half append a token of their own to the same report's problems (every
accepted write must survive); half push January's year-to-date up and February's down (the rule
"YTD never decreases within a year" must hold at the end, whatever the interleaving).
"""

from __future__ import annotations

import json
import random
import threading
import urllib.error
import urllib.request
from decimal import Decimal

import pytest

pytestmark = pytest.mark.browser  # it needs the served demo (and so chromium's presence, like the browser tests)

CLIENTS = 50
ROUNDS = 3


class Api:
    def __init__(self, base: str, token: str):
        self.base, self.token = base, token

    def call(self, method: str, path: str, body: dict | None = None, etag: str | None = None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", f"Token {self.token}")
        request.add_header("Content-Type", "application/json")
        if etag:
            request.add_header("If-Match", etag)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read() or b"null"), response.headers.get("ETag")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace"), None


@pytest.fixture(scope="module")
def api(server):
    server.cli("user", "add", "racer", "--role", "reporter", "--region", "330802", "--password-stdin",
               input="racer-pass-2024\n")  # fmt: skip
    return Api(server, server.cli("token", "racer").strip())


def _project_code(api: Api) -> str:
    status, body, _ = api.call("GET", "/api/v1/projects/?page_size=1")
    assert status == 200, body
    return body["results"][0]["code"], body["results"][0]["id"]


def test_fifty_clients_lose_no_update_break_no_rule_and_get_no_server_error(api):
    _code, project_id = _project_code(api)
    created = {}
    for month, ytd in ((1, "100.00"), (2, "200.00")):
        status, body, _ = api.call("POST", "/api/v1/monthly-reports/", {
            "project": project_id, "year": 2025, "month": month, "invest_month": "100", "invest_ytd": ytd,
            "invest_cumulative": "100000", "progress_pct": "10", "stage": "construction", "problems": ""})  # fmt: skip
        assert status == 201, body
        created[month] = body["id"]
    statuses: list[int] = []
    accepted_tokens: list[str] = []
    lock = threading.Lock()

    def edit(report_id: int, change) -> int:
        for _attempt in range(30):
            status, body, etag = api.call("GET", f"/api/v1/monthly-reports/{report_id}/")
            assert status == 200, body
            patch = change(body)
            status, _answer, _ = api.call("PATCH", f"/api/v1/monthly-reports/{report_id}/", patch, etag)
            with lock:
                statuses.append(status)
            if status in (409, 412):
                continue
            return status
        return 0

    def appender(i: int) -> None:
        for r in range(ROUNDS):
            token = f"t{i}r{r}"
            if (
                edit(created[1], lambda body, token=token: {"problems": (body["problems"] + "|" + token)[-4900:]})
                == 200
            ):
                with lock:
                    accepted_tokens.append(token)

    def mover(i: int) -> None:
        rng = random.Random(i)
        for _ in range(ROUNDS):
            if i % 2:
                edit(created[1], lambda body: {"invest_ytd": str(Decimal(body["invest_ytd"]) + rng.randint(1, 60))})
            else:
                edit(created[2], lambda body: {"invest_ytd": str(max(Decimal(body["invest_ytd"]) - rng.randint(1, 60),
                                                                 Decimal(0)))})  # fmt: skip

    threads = [threading.Thread(target=appender if i < CLIENTS // 2 else mover, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert not [s for s in statuses if s >= 500], f"server errors: {[s for s in statuses if s >= 500]}"
    assert set(statuses) <= {200, 400, 409, 412}, set(statuses)
    _, january, _ = api.call("GET", f"/api/v1/monthly-reports/{created[1]}/")
    _, february, _ = api.call("GET", f"/api/v1/monthly-reports/{created[2]}/")
    lost = [t for t in accepted_tokens if t not in january["problems"].split("|")]
    assert not lost, f"lost updates: {lost}"
    assert Decimal(january["invest_ytd"]) <= Decimal(february["invest_ytd"]), (january, february)
    for report in (january, february):
        assert Decimal(report["invest_cumulative"]) >= Decimal(report["invest_ytd"]) >= Decimal(report["invest_month"])
    accepted, conflicts = sum(s == 200 for s in statuses), sum(s in (409, 412) for s in statuses)
    refused = sum(s == 400 for s in statuses)
    print(f"{len(statuses)} writes: {accepted} accepted, {conflicts} conflicts retried, {refused} refused by a rule")
