"""The API's OpenAPI document as the tests check answers against it: every object an answer is described with
holds only the properties it declares (`additionalProperties: false`). Pydantic leaves additional properties
open, so without this a field the document does not name (a 409's `current` under the plain `Error` schema)
would pass every check."""

from __future__ import annotations

import copy
from typing import Any

PREFIX = "#/components/schemas/"
# Keywords whose values are data, not schemas.
VALUES = frozenset({"$ref", "default", "example", "examples", "const", "enum"})


def strict_answers(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of `document` in which each object schema reachable from a response admits no other properties.
    The schemas only requests use are left as they are: what is generated for the requests does not change."""
    document = copy.deepcopy(document)
    components = document.get("components", {}).get("schemas", {})
    seen: set[str] = set()

    def close(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                close(item)
            return
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(PREFIX) and (name := ref[len(PREFIX):]) not in seen:
            seen.add(name)
            close(components[name])
        if "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for key, value in list(node.items()):
            if key == "properties":  # a map of names to schemas, not a schema
                close(list(value.values()))
            elif key not in VALUES:
                close(value)

    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            if isinstance(operation, dict):
                for response in operation.get("responses", {}).values():
                    close(response.get("content", {}))
    return document


def answer_schema(document: dict[str, Any], path: str, method: str, status: int) -> dict[str, Any]:
    """The JSON schema of one answer, with the document's components to resolve its references."""
    responses = document["paths"][path][method]["responses"]
    response = responses.get(status, responses.get(str(status)))
    return {**response["content"]["application/json"]["schema"], "components": document["components"]}
