"""Every part's model endpoints document the statuses they answer, the same way (`guatu.core.schema`)."""

CHANGE = {"400", "403", "404", "409", "412", "428"}


def _paths(demo_client) -> dict:
    return demo_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]


def test_every_changeable_endpoint_documents_conflict_precondition_and_scope_statuses(demo_client):
    changeable = {path: ops for path, ops in _paths(demo_client).items() if "patch" in ops}
    for path, operations in changeable.items():
        assert set(operations["patch"]["responses"]) >= CHANGE, path
        assert set(operations["put"]["responses"]) >= CHANGE, path
        assert {"403", "404"} <= set(operations["get"]["responses"]), path
        if "delete" in operations:
            assert CHANGE - {"400"} <= set(operations["delete"]["responses"]), path
    assert len(changeable) >= 30


def test_every_list_that_takes_new_rows_documents_invalid_and_refused(demo_client):
    creatable = {path: ops["post"] for path, ops in _paths(demo_client).items()
                 if "post" in ops and path.count("{") == 0 and "get" in ops}  # fmt: skip
    assert len(creatable) >= 30
    for path, operation in creatable.items():
        assert {"400", "403"} <= set(operation["responses"]), path
