"""How many .go files leakfix's discovery takes in a tree, next to git's answer, and what it costs.

    python bench/discovery.py DIR [DIR...] [--reps N]

For each DIR: the .go files discovery reads; inside a git work tree, the .go files of
`git ls-files --cached --others --exclude-standard` less the go tool's rules (vendor, testdata,
names starting with `.` or `_`) and whether both lists are equal; outside git, every .go file
under DIR less the same rules. Then the median CPU time (this process and git's) and wall time
of one discovery over N runs. Nothing here is part of the test suite.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import time


def go_tool_skips(rel: str) -> bool:
    parts = rel.split("/")
    return any(p in ("vendor", "testdata") or p.startswith((".", "_")) for p in parts[:-1]) \
        or parts[-1].startswith((".", "_"))


def reference(directory: str) -> tuple[str, list[str]]:
    """(what the reference is, its .go files less the go tool's rules), relative to directory."""
    proc = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=directory,
                          capture_output=True)
    if proc.returncode == 0:
        listed = [p for p in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if p.endswith(".go")]
        listed = [p for p in listed if os.path.isfile(os.path.join(directory, p))]
        return "git ls-files", sorted(p for p in listed if not go_tool_skips(p))
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in files:
            if name.endswith(".go"):
                found.append(os.path.relpath(os.path.join(root, name), directory).replace(os.sep, "/"))
    return "every .go file", sorted(p for p in found if not go_tool_skips(p))


def cost(directory: str, reps: int) -> tuple[float, float, int, int]:
    """(median CPU s, median wall s, files read, files skipped) of discover(['.']) in directory."""
    from leakfix.engine.discover import discover

    cpu, wall = [], []
    here = os.getcwd()
    os.chdir(directory)
    try:
        for _ in range(reps):
            before = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
            start = time.perf_counter()
            found = discover(["."])
            wall.append(time.perf_counter() - start)
            after = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
            cpu.append(sum(a.ru_utime - b.ru_utime + a.ru_stime - b.ru_stime for a, b in zip(after, before)))
    finally:
        os.chdir(here)
    return statistics.median(cpu), statistics.median(wall), len(found.files), len(found.skipped)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+")
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    for directory in args.dirs:
        what, expected = reference(directory)
        cpu, wall, read, skipped = cost(directory, args.reps)
        from leakfix.engine.discover import discover

        here = os.getcwd()
        os.chdir(directory)
        try:
            files = discover(["."]).files
        finally:
            os.chdir(here)
        print(f"{directory}: read {read}, skipped {skipped}; {what} less the go tool's rules: {len(expected)} "
              f"({'equal' if files == expected else 'DIFFERENT'}); discovery {cpu * 1000:.0f} ms CPU, "
              f"{wall * 1000:.0f} ms wall (median of {args.reps})")


if __name__ == "__main__":
    main()
