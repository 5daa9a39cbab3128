"""The OpenAPI schema documents every status an operation can answer, not only its success.

Every operation can be refused for being signed out (401), outside the user's role or scope (403)
or given a bad parameter (400); one naming an object can answer 404; writes to a versioned object
can answer 409 (changed meanwhile), 412 (stale If-Match) and 428 (no version given). An operation's
own documented answers are kept; these are added where missing, with the error body DRF writes.
"""

from __future__ import annotations

ERROR = {"type": "object", "additionalProperties": True,
         "description": "DRF's error body: `detail`, or the fields with their reasons"}  # fmt: skip

COMMON = {
    "400": "a parameter or a field is invalid (each named with its reason)",
    "401": "not signed in (use an API token: Authorization: Token <key>)",
    "403": "outside your role or scope",
}
WRITES = {
    "409": "someone changed it meanwhile, or it clashes with what is stored",
    "412": "If-Match names an older version",
    "428": "send If-Match (the ETag) or a version field",
}


def add_error_responses(result, generator, request, public):
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            wanted = dict(COMMON)
            if "{" in path:
                wanted["404"] = "not found, or not in your scope"
            elif method == "get":
                wanted["404"] = "a page past the last one"
            if method in ("put", "patch", "delete"):
                wanted.update(WRITES)
            if method == "post":
                wanted["409"] = WRITES["409"]
                wanted["413"] = "the upload is larger than allowed"
            for status, description in wanted.items():
                responses.setdefault(status, {"description": description,
                                              "content": {"application/json": {"schema": ERROR}}})  # fmt: skip
    return result
