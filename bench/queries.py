"""SQL queries per request for each case, counted with Django's test client.

    python -m bench.queries < cases.json   (prints JSON; run by bench/run.py)

Reads [{"name", "paths", "headers"}] on stdin. For each case, requests its first path once
to warm what a running server keeps warm (site root paths, caches), then counts the
queries of the same request again, against the same database the server uses.
"""

import json
import sys

import django


def count_queries(cases: list[dict]) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for case in cases:
        path = case["paths"][0]
        headers = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in case["headers"].items()}
        client.get(path, **headers)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, **headers)
        counts[case["name"]] = {
            "queries": len(captured),
            "status": response.status_code,
            "bytes": len(response.content),
        }
    return counts


def main():
    django.setup()
    print(json.dumps(count_queries(json.load(sys.stdin))))  # noqa: T201


if __name__ == "__main__":
    main()
