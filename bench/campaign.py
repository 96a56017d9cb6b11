"""bench/campaign.py: the cost of `leakfix campaign` over a synthetic organisation.

    python bench/campaign.py                    # 200 repositories, --jobs 1 and --jobs 4
    python bench/campaign.py --repos 40 --jobs 1,2

The organisation is made of real Go files: every repository has examples/leaks.go and
examples/lifecycle.go (the leaks of every rule) plus four golden cases, each in its own package
folder; one repository in four gets the golden cases' fixed versions (expected.go) instead and
examples/ is left out, so it has nothing to fix. Every repository has `.leakfix.toml` with
`[rules] fix = ["all"]`. The repositories are local bare repositories cloned through
`--git-url file:///.../{repo}.git`; the forge is the tests' fake GitHub (tests/bot_support), on
127.0.0.1, in this process.

For each --jobs value, on a fresh copy of the organisation: the first run (clones, opens the pull
requests) and a second run (the same work folder: fetches, finds nothing new, writes nothing).
Measured: wall time per repository, peak RSS of the largest process of the run (`wait4`; the
leakfix process), API requests per repository. The leakfix command runs as a child process
(`python -m leakfix campaign`), with its own cache folder.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from bot_support.fake_org import FakeOrg  # noqa: E402

TOKEN = "ghs_BENCHTOKEN"
CONFIG = '[rules]\nfix = ["all"]\n'


def git(cwd, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com", "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=cwd, check=True, capture_output=True, env=env)


def golden_cases() -> list[Path]:
    return sorted(p.parent for p in (ROOT / "golden").glob("*/*/input.go"))


def make_org(where: Path, count: int) -> list[str]:
    """`count` bare repositories acme/svc-NNN under where/origin; returns their names."""
    cases = golden_cases()
    names = []
    for i in range(count):
        name = f"svc-{i:03d}"
        seed = where / "seeds" / name
        seed.mkdir(parents=True)
        (seed / "go.mod").write_text(f"module example.com/{name}\n\ngo 1.22\n")
        (seed / ".leakfix.toml").write_text(CONFIG)
        clean = i % 4 == 3
        if not clean:
            for f in ("leaks.go", "lifecycle.go"):
                shutil.copy(ROOT / "examples" / f, seed / f)
        for k in range(4):
            case = cases[(i * 4 + k) % len(cases)]
            pkg = seed / "pkg" / f"{case.parent.name}-{case.name}"
            pkg.mkdir(parents=True)
            shutil.copy(case / ("expected.go" if clean else "input.go"), pkg / "main.go")
        git(seed, "init", "--quiet")
        git(seed, "add", "-A")
        git(seed, "commit", "--quiet", "-m", "initial")
        bare = where / "origin" / "acme" / f"{name}.git"
        git(where, "clone", "--quiet", "--bare", str(seed), str(bare))
        names.append(f"acme/{name}")
    return names


def run_campaign(forge: FakeOrg, where: Path, names: list[str], jobs: int, label: str) -> dict:
    repos_file = where / "repos.txt"
    repos_file.write_text("\n".join(names) + "\n")
    argv = [sys.executable, "-m", "leakfix", "campaign", str(repos_file), "--jobs", str(jobs),
            "--api-url", forge.url, "--git-url", f"file://{where}/origin/{{repo}}.git",
            "--workdir", str(where / "work"), "--report", str(where / f"{label}.json"),
            "--write-interval", "0", "--no-progress"]
    env = {**os.environ, "GITHUB_TOKEN": TOKEN, "LEAKFIX_CACHE_DIR": str(where / "cache")}
    env.pop("LEAKFIX_TOKEN", None)
    env.pop("GITHUB_API_URL", None)
    before = len(forge.requests)
    start = time.perf_counter()
    with open(where / f"{label}.log", "wb") as log:
        proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{label}: exit {proc.returncode}; see {where / (label + '.log')}")
    import json

    report = json.loads((where / f"{label}.json").read_text())
    statuses: dict[str, int] = {}
    for r in report["repos"]:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    requests = forge.requests[before:]
    return {"label": label, "jobs": jobs, "repos": len(names), "wall": wall, "per_repo_ms": wall / len(names) * 1000,
            "peak_mb": usage.ru_maxrss / 1024, "api_per_repo": len(requests) / len(names),
            "writes_per_repo": sum(1 for r in requests if r.is_write) / len(names), "statuses": statuses}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repos", type=int, default=200)
    ap.add_argument("--jobs", default="1,4", help="comma-separated --jobs values")
    ap.add_argument("--keep", action="store_true", help="keep the work folders")
    args = ap.parse_args()
    rows = []
    for jobs in [int(j) for j in args.jobs.split(",")]:
        where = Path(tempfile.mkdtemp(prefix=f"leakfix-campaign-bench-{jobs}-"))
        try:
            t = time.perf_counter()
            names = make_org(where, args.repos)
            print(f"# jobs {jobs}: made {len(names)} repositories in {time.perf_counter() - t:.1f} s", flush=True)
            forge = FakeOrg(TOKEN, where / "origin").__enter__()
            try:
                for n in names:
                    forge.add(n.split("/", 1)[1], where / "origin" / f"{n}.git")
                for label in ("first", "rerun"):
                    row = run_campaign(forge, where, names, jobs, f"{label}-j{jobs}")
                    rows.append(row)
                    print(f"# {row}", flush=True)
            finally:
                forge.__exit__(None, None, None)
        finally:
            if args.keep:
                print(f"# kept {where}")
            else:
                shutil.rmtree(where, ignore_errors=True)
    print()
    print("| run | --jobs | repositories | wall | per repository | peak RSS | API requests per repository (writes) | statuses |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        st = ", ".join(f"{n} {s}" for s, n in sorted(r["statuses"].items()))
        print(f"| {r['label'].split('-')[0]} | {r['jobs']} | {r['repos']} | {r['wall']:.1f} s | {r['per_repo_ms']:.0f} ms "
              f"| {r['peak_mb']:.0f} MB | {r['api_per_repo']:.2f} ({r['writes_per_repo']:.2f}) | {st} |")


if __name__ == "__main__":
    main()
