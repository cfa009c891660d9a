"""Validates instances against shirube's JSON Schemas with an implementation that is not
shirube's own (the `jsonschema` package, draft 2020-12), for tests/schema.rs.

Reads {"schemas": {name: schema}, "instances": [{"name", "schema", "instance"}]} on stdin and
prints [{"name", "errors": [message, ...]}] as JSON.
"""

import json
import sys

from jsonschema import Draft202012Validator

request = json.load(sys.stdin)
validators = {}
for name, schema in request["schemas"].items():
    Draft202012Validator.check_schema(schema)
    validators[name] = Draft202012Validator(schema)

results = []
for item in request["instances"]:
    validator = validators[item["schema"]]
    errors = [
        "/".join(str(p) for p in error.absolute_path) + ": " + error.message
        for error in validator.iter_errors(item["instance"])
    ]
    results.append({"name": item["name"], "errors": errors})
json.dump(results, sys.stdout, ensure_ascii=False)
