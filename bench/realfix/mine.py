#!/usr/bin/env python3
"""Helpers to extend cases.toml: list candidate leak fixes of a repository, and turn one chosen
fix into a `[[fix]]` table (parent commit and acquisition line looked up, no code copied).

    python mine.py candidates DIR/owner+name [--max-lines 10]
    python mine.py entry DIR/owner+name COMMIT FILE FUNCTION REGEX KIND SHAPE "how it was fixed"

`candidates` prints the commits whose message speaks of a leak or a missing close, and the small
commits (at most --max-lines changed lines in at most three non-vendor .go files) whose diff adds
a release (Close, Body.Close, Stop, cancel); every one must still be read by hand. `entry` finds
the first line of FUNCTION in FILE at the fix's parent that matches REGEX (the acquisition) and
prints the table; add `--negative` to judge the commit itself and print a `[[negative]]` table
(SHAPE is then how ownership is handed on).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gofuncs  # noqa: E402

MESSAGE = (r"leak|close (the )?(resp|response )?body|Body.Close|rows.Close|missing (defer )?close|"
           r"not closed|unclosed|ticker.Stop|forgot to close|close file|file descriptor|sync.Pool|unbounded")
RELEASE = re.compile(r"^\+\s*(defer\s+)?(func\(\)\s*\{\s*)?(_\s*=\s*|if err := |err = |err := )?"
                     r"[\w.\[\]]*(\.Close\(\)|\.Stop\(\)|cancel\w*\(\))")


def git_dir(path: Path) -> Path:
    return path / "repo" if (path / "repo" / "HEAD").is_file() else path


def git(gd: Path, *args: str, check: bool = True) -> str:
    """Output of a git command; with check=False, what it printed before failing (a snapshot
    that lacks some blobs makes `log --numstat` stop at the first of them)."""
    return subprocess.run(["git", "--git-dir", str(gd), *args], capture_output=True,
                          check=check).stdout.decode("utf-8", "replace")


def candidates(gd: Path, max_lines: int) -> None:
    print("# by message")
    print(git(gd, "log", "--no-merges", "-i", "-E", f"--grep={MESSAGE}", "--format=%h %ad %s",
              "--date=short", "--", "*.go"), end="")
    print("# small commits adding a release")
    commit, total, files = "", 0, []
    log = git(gd, "log", "--no-merges", "--numstat", "--format=@%H %s", "--", "*.go", check=False)
    for line in [*log.splitlines(), "@"]:
        if line.startswith("@"):
            if commit and 0 < total <= max_lines and len(files) <= 3:
                diff = git(gd, "show", "--format=", "-U0", commit.split()[0], "--", *files,
                           check=False)
                added = [d for d in diff.splitlines() if RELEASE.match(d)]
                if added:
                    print(commit[:10], commit.split(" ", 1)[1][:90] if " " in commit else "", "|",
                          ",".join(files)[:120], "|", added[0][1:].strip()[:80])
            commit, total, files = line[1:], 0, []
            continue
        parts = line.split("\t")
        if len(parts) == 3 and parts[2].endswith(".go") and "vendor/" not in parts[2] \
                and parts[0].isdigit() and parts[1].isdigit():
            total += int(parts[0]) + int(parts[1])
            files.append(parts[2])


def entry(args) -> None:
    gd = git_dir(args.repo)
    full = git(gd, "rev-parse", args.commit + "^{commit}").strip()
    parent = git(gd, "rev-list", "--parents", "-n1", full).split()[1]
    judged = full if args.negative else parent
    source = subprocess.run(["git", "--git-dir", str(gd), "show", f"{judged}:{args.file}"],
                            capture_output=True, check=True).stdout
    spans = gofuncs.function_spans(source)
    if args.function not in spans:
        raise SystemExit(f"no {args.function} in {args.file}; functions: {', '.join(spans)}")
    first, last = spans[args.function]
    lines = source.decode("utf-8", "replace").splitlines()
    line = next((n for n in range(first, last + 1) if re.search(args.regex, lines[n - 1])), None)
    if line is None:
        raise SystemExit(f"{args.regex!r} matches no line of {args.function}")
    owner_name = args.repo.resolve().name if args.repo.name != "repo" else args.repo.resolve().parent.name
    repo = owner_name.replace("+", "/")
    cid = f"{'neg-' if args.negative else ''}{repo.split('/')[1]}-{full[:7]}-{args.function}"
    table = "negative" if args.negative else "fix"
    print(f"[[{table}]]\nid = {json.dumps(cid)}\nrepo = {json.dumps(repo)}\ncommit = {json.dumps(full)}")
    if not args.negative:
        print(f"parent = {json.dumps(parent)}")
    print(f"file = {json.dumps(args.file)}\nfunction = {json.dumps(args.function)}\nline = {line}\n"
          f"kind = {json.dumps(args.kind)}\nshape = {json.dumps(args.shape)}\n"
          f"{'handoff' if args.negative else 'fix'} = {json.dumps(args.how)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    c = sub.add_parser("candidates")
    c.add_argument("repo", type=Path)
    c.add_argument("--max-lines", type=int, default=10)
    e = sub.add_parser("entry")
    for name in ("repo", "commit", "file", "function", "regex", "kind", "shape", "how"):
        e.add_argument(name, type=Path if name == "repo" else str)
    e.add_argument("--negative", action="store_true")
    args = ap.parse_args()
    if args.command == "candidates":
        candidates(git_dir(args.repo), args.max_lines)
    else:
        entry(args)


if __name__ == "__main__":
    main()
