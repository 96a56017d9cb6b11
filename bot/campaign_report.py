"""Campaign reports: the JSON a run writes, merging several (one per shard), and the dashboards.

    {"version": 1, "dry_run": false, "shard": "2/4" | null,
     "repos": [{"repo", "status", "findings", "fixes", "pull_request", "error", "per_rule", ...}]}

`merge` reads reports and keeps one entry per repository (the last report that names it wins);
`markdown` and `html` render the merged entries: the count per status, the fixes per rule, and a
line per repository with its pull request's link.
"""
from __future__ import annotations

import html as _html
import json
import os
from dataclasses import dataclass, field

VERSION = 1
STATUSES = ("opened", "updated", "unchanged", "clean", "failed", "skipped")


class ReportError(Exception):
    """A report cannot be read (missing, not JSON, another version): a usage error."""


def write_report(path: str, entries, *, dry_run: bool = False, shard: str | None = None) -> None:
    data = {"version": VERSION, "dry_run": dry_run, "shard": shard, "repos": [e.to_json() for e in entries]}
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, sort_keys=False)
        f.write("\n")
    os.replace(tmp, path)


@dataclass
class Merged:
    """Entries of one or more reports (one per repository) and their totals."""

    repos: list[dict] = field(default_factory=list)
    dry_run: bool = False
    duplicates: list[str] = field(default_factory=list)

    def by_status(self) -> dict[str, int]:
        return {s: sum(1 for r in self.repos if r.get("status") == s) for s in STATUSES}

    def per_rule(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for r in self.repos:
            for rule, n in (r.get("per_rule") or {}).items():
                totals[rule] = totals.get(rule, 0) + int(n)
        return dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))

    def totals(self) -> tuple[int, int]:
        return (sum(int(r.get("findings") or 0) for r in self.repos), sum(int(r.get("fixes") or 0) for r in self.repos))

    def to_json(self) -> dict:
        return {"version": VERSION, "dry_run": self.dry_run, "shard": None, "repos": self.repos}


def read_report(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except OSError as exc:
        raise ReportError(f"{path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise ReportError(f"{path}: not a JSON report ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("repos"), list):
        raise ReportError(f"{path}: not a leakfix campaign report of version {VERSION}")
    for item in data["repos"]:
        if not isinstance(item, dict) or not isinstance(item.get("repo"), str) or item.get("status") not in STATUSES:
            raise ReportError(f"{path}: an entry without a repository or with an unknown status: {item!r}"[:300])
    return data


def merge(paths: list[str]) -> Merged:
    out: dict[str, dict] = {}
    merged = Merged()
    for path in paths:
        data = read_report(path)
        merged.dry_run = merged.dry_run or bool(data.get("dry_run"))
        for item in data["repos"]:
            if item["repo"] in out:
                merged.duplicates.append(item["repo"])
            out[item["repo"]] = item
    merged.repos = sorted(out.values(), key=lambda r: r["repo"].lower())
    return merged


# -- dashboards -------------------------------------------------------------------------------


def _pr_text(r: dict) -> tuple[str, str]:
    """(label, url) of a repository's pull request(s), empty when it has none."""
    pr = r.get("pull_request")
    if not pr:
        return "", ""
    more = len(r.get("pull_requests") or []) - 1
    label = f"#{pr.get('number')}" + (f" (+{more} more)" if more > 0 else "")
    return label, pr.get("url") or ""


def _detail(r: dict) -> str:
    return r.get("error") or r.get("note") or ""


def _md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(m: Merged) -> str:
    findings, fixes = m.totals()
    lines = ["# leakfix campaign" + (" (dry run)" if m.dry_run else ""), "",
             f"{len(m.repos)} repositories, {findings} findings, {fixes} fixes.", "",
             "| status | repositories |", "|---|---:|"]
    lines += [f"| {s} | {n} |" for s, n in m.by_status().items() if n]
    rules = m.per_rule()
    if rules:
        lines += ["", "| rule | fixes |", "|---|---:|"] + [f"| `{rule}` | {n} |" for rule, n in rules.items()]
    lines += ["", "| repository | status | findings | fixes | pull request | error or note |",
              "|---|---|---:|---:|---|---|"]
    for r in m.repos:
        label, url = _pr_text(r)
        link = f"[{label}]({url})" if url else label
        lines.append(f"| {_md_cell(r['repo'])} | {r['status']} | {r.get('findings') or 0} | {r.get('fixes') or 0} "
                     f"| {link} | {_md_cell(_detail(r))} |")
    return "\n".join(lines) + "\n"


_CSS = ("body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
        "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}td.n{text-align:right}"
        ".failed{color:#b00020}.opened,.updated{color:#1a7f37}.skipped{color:#777}")


def html(m: Merged) -> str:
    e = _html.escape
    findings, fixes = m.totals()
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>leakfix campaign</title><style>{_CSS}</style></head><body>",
             f"<h1>leakfix campaign{' (dry run)' if m.dry_run else ''}</h1>",
             f"<p>{len(m.repos)} repositories, {findings} findings, {fixes} fixes.</p>",
             "<table><tr><th>status</th><th>repositories</th></tr>"]
    parts += [f'<tr><td class="{s}">{s}</td><td class="n">{n}</td></tr>' for s, n in m.by_status().items() if n]
    parts.append("</table>")
    rules = m.per_rule()
    if rules:
        parts.append("<table><tr><th>rule</th><th>fixes</th></tr>")
        parts += [f'<tr><td><code>{e(rule)}</code></td><td class="n">{n}</td></tr>' for rule, n in rules.items()]
        parts.append("</table>")
    parts.append("<table><tr><th>repository</th><th>status</th><th>findings</th><th>fixes</th>"
                 "<th>pull request</th><th>error or note</th></tr>")
    for r in m.repos:
        label, url = _pr_text(r)
        link = f'<a href="{e(url)}">{e(label)}</a>' if url.startswith(("https://", "http://")) else e(label)
        parts.append(f"<tr><td>{e(r['repo'])}</td><td class=\"{e(r['status'])}\">{e(r['status'])}</td>"
                     f"<td class=\"n\">{int(r.get('findings') or 0)}</td><td class=\"n\">{int(r.get('fixes') or 0)}</td>"
                     f"<td>{link}</td><td>{e(_detail(r))}</td></tr>")
    parts += ["</table>", "</body></html>"]
    return "\n".join(parts) + "\n"
