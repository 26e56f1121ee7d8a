"""The benchmark's JSON as Markdown tables: `python -m bench.table < result.json`."""

import json
import sys


def render(report: dict) -> str:
    lines = [
        "| case | req/s | p50 ms | p95 ms | p99 ms | SQL/request | bytes | x static | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, c in report["cases"].items():
        lines.append(
            f"| {name} | {c['rps']} | {c['p50_ms']} | {c['p95_ms']} | {c['p99_ms']} | "
            f"{c.get('queries', '')} | {c.get('bytes', '')} | {c['ratio_to_static']} | "
            f"{c['errors']} |"
        )
    lines += ["", "| target | measured | limit | met |", "|---|---:|---:|---|"]
    for t in report["targets"]:
        lines.append(
            f"| {t['target']} | {t['value']} | {t['limit']} | {'yes' if t['met'] else 'NO'} |"
        )
    return "\n".join(lines)


def main():
    print(render(json.load(sys.stdin)))  # noqa: T201


if __name__ == "__main__":
    main()
