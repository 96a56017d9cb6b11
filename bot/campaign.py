"""The flow of `leakfix campaign`: list -> shard -> clone or fetch -> the bot per repository -> report.

    Campaign(CampaignOptions(...)).run() -> exit code

Every repository gets `leakfix bot`'s own logic (`Bot` of `leakfix.bot.run`) in a shallow clone
under the work folder, `jobs` repositories at a time (threads: git runs in subprocesses, the rules
take turns behind `run.ENGINE_LOCK`); one repository's failure is recorded and the others go on.
All forge clients of a campaign share one `RateBudget`. Exit code 0 when no repository failed,
1 otherwise; usage errors raise `UsageError` (exit 2).

Work folder layout (reused across runs: a clone there is fetched, not cloned again):

    repos/OWNER/NAME/      the shallow clones
    patches/OWNER/NAME.patch   --dry-run: what would be pushed and posted (`git apply` reads it)
    logs/OWNER/NAME.log    the bot's messages for the repository, last run
    runs/KEY.jsonl         the state of an unfinished run (one line per finished repository)

Resuming: the state file's KEY hashes the repository list (after sharding) and the options that
change what a run does; a run started again with the same list and options skips the
repositories that the state records as finished (not the failed ones) and reports them as
recorded. A run that gets to the end removes its state, so the next run starts over.
"""
from __future__ import annotations

import fcntl
import hashlib
import io
import json
import os
import re
import shutil
import sys
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from typing import Callable, TextIO

from . import run as bot_run
from .campaign_report import STATUSES, write_report
from .forge import ForgeError
from .git import Git, GitError
from .run import Bot, GroupResult, Options, UsageError
from .transport import RateBudget, redact

REPO_NAME = re.compile(r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+")  # OWNER/NAME; GitLab: GROUP/SUB/NAME
# Order in which the statuses of a repository's branches make its status (first present wins).
_PRIORITY = ("failed", "opened", "updated", "unchanged", "left-alone", "closed", "clean")


@dataclass
class CampaignOptions:
    """Everything `leakfix campaign` is told; `bot` holds the options every repository's bot gets
    (its path and repo are filled in per repository)."""

    bot: Options
    repos: list[str] | None = None
    org: str | None = None
    include_archived: bool = False
    include_forks: bool = False
    git_url: str | None = None
    workdir: str | None = None
    jobs: int = 1
    shard: tuple[int, int] | None = None
    report: str | None = None
    restart: bool = False
    write_interval: float = 1.0
    progress: bool | None = None  # None: a progress bar when stderr is a terminal


@dataclass
class Entry:
    """One repository's line of the report."""

    repo: str
    status: str
    findings: int = 0
    fixes: int = 0
    pull_request: dict | None = None
    error: str | None = None
    per_rule: dict[str, int] = field(default_factory=dict)
    pull_requests: list[dict] = field(default_factory=list)
    note: str | None = None

    def to_json(self) -> dict:
        out = asdict(self)
        for key in ("pull_requests", "note"):
            if not out[key]:
                del out[key]
        return out


# -- input ------------------------------------------------------------------------------------


def parse_repo_list(text: str, source: str = "REPOS_FILE") -> list[str]:
    """OWNER/NAME (GitLab: GROUP/SUB/NAME) per line; `#` starts a comment; blank lines are skipped; duplicates are dropped."""
    out: dict[str, None] = {}
    for number, line in enumerate(text.splitlines(), 1):
        name = line.split("#", 1)[0].strip()
        if not name:
            continue
        if not valid_repo(name):
            raise UsageError(f"{source}:{number}: expected OWNER/NAME (GROUP/SUB/NAME on GitLab), got {name!r}")
        out.setdefault(name, None)
    return list(out)


def valid_repo(name: str) -> bool:
    return bool(REPO_NAME.fullmatch(name)) and not any(p in (".", "..") for p in name.split("/"))


def parse_shard(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text or "")
    if not m or not (1 <= int(m.group(1)) <= int(m.group(2))):
        raise UsageError(f"--shard: expected K/N with 1 <= K <= N, got {text!r}")
    return int(m.group(1)), int(m.group(2))


def shard_index(repo: str, count: int) -> int:
    """The 0-based shard of `repo` among `count`: a hash of its lowercased name, so a repository
    stays in its shard when others are added to or removed from the list."""
    digest = hashlib.sha256(repo.lower().encode()).digest()
    return int.from_bytes(digest[:8], "big") % count


def in_shard(repo: str, shard: tuple[int, int] | None) -> bool:
    return shard is None or shard_index(repo, shard[1]) == shard[0] - 1


def default_git_url(forge: str, api_url: str) -> str:
    """The forge's clone URL template for an API root: https://api.github.com -> https://github.com/{repo}.git,
    https://HOST/api/v3 (GitHub Enterprise), https://HOST/api/v1 (Gitea) or https://HOST/api/v4
    (GitLab) -> https://HOST/{repo}.git."""
    root = api_url.rstrip("/")
    root = re.sub(r"/api/v[134]$", "", root)
    root = re.sub(r"^(https?://)api\.github\.com$", r"\1github.com", root)
    return root + "/{repo}.git"


def default_workdir() -> str:
    import platformdirs

    return os.path.join(platformdirs.user_cache_dir("leakfix", appauthor=False), "campaign")


# -- the run ----------------------------------------------------------------------------------


class Campaign:
    """One `leakfix campaign` run. `on_entry(entry, done, total)` is called in the calling thread
    after each repository (the progress display; tests use it to interrupt a run)."""

    def __init__(self, opts: CampaignOptions, err: TextIO | None = None,
                 on_entry: Callable[[Entry, int, int], None] | None = None):
        self.o = opts
        self.err = err or sys.stderr
        self.on_entry = on_entry
        self.token = opts.bot.token
        self.budget = RateBudget(opts.write_interval)
        self._state_lock = threading.Lock()

    def say(self, text: str) -> None:
        self.err.write(f"leakfix: campaign: {redact(text, self.token)}\n")
        self.err.flush()

    # -- checks and listing --------------------------------------------------------------------

    def _check(self) -> None:
        o, b = self.o, self.o.bot
        if (o.repos is None) == (o.org is None):
            raise UsageError("give either REPOS_FILE or --org ORG")
        if b.forge not in bot_run.FORGES:
            raise UsageError(f"--forge: expected one of {', '.join(bot_run.FORGES)}, got {b.forge!r}")
        if b.group_by not in (None, "rule"):
            raise UsageError(f"--group-by: only 'rule' is supported, got {b.group_by!r}")
        bot_run.parse_author(b.author)
        if not b.token and not b.dry_run:
            raise UsageError("no token: set GITHUB_TOKEN or LEAKFIX_TOKEN (or use --dry-run)")
        for label in b.labels:
            if not label.strip():
                raise UsageError("--label: empty label name")
        from leakfix.codemods import RULES

        for flag, value in (("--only", b.only), ("--skip", b.skip), ("--fix", b.fix)):
            unknown = [i for i in (v.strip() for v in (value or "").split(",")) if i and i not in RULES
                       and not (flag == "--fix" and i == "all")]
            if unknown:
                raise UsageError(f"{flag}: unknown rule {unknown[0]!r} (see `leakfix list`)")
        for flag, name in (("--branch", b.branch), ("--base", b.base)):
            if name is not None and not Git(os.getcwd()).valid_branch(name):
                raise UsageError(f"{flag}: {name!r} is not a valid branch name")
        if o.jobs < 1:
            raise UsageError(f"--jobs: expected a number >= 1, got {o.jobs}")
        if b.forge == "gitea" and not (b.api_url or os.environ.get("GITHUB_API_URL")):
            raise UsageError("--forge gitea: pass --api-url (https://HOST/api/v1)")
        if b.forge == "gitlab" and not (b.api_url or os.environ.get("CI_API_V4_URL")):
            raise UsageError("--forge gitlab: pass --api-url (https://HOST/api/v4)")
        self.api_url = b.api_url or bot_run.default_api_url(b.forge, "", os.environ)
        self.git_url = o.git_url or default_git_url(b.forge, self.api_url)
        if "{repo}" not in self.git_url:
            raise UsageError(f"--git-url: the template must contain {{repo}}, got {self.git_url!r}")
        if o.org is not None and not re.fullmatch(r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*", o.org):
            raise UsageError(f"--org: expected an organisation name, got {o.org!r}")

    def _forge(self, kind: str, api_url: str, repo: str, token: str | None):
        """The bot's forge factory: `run.make_forge` (looked up now, so tests can replace it)
        with the campaign's shared rate budget."""
        return bot_run.make_forge(kind, api_url, repo, token, budget=self.budget)

    def _listing(self) -> tuple[list[str], list[Entry]]:
        """(repositories to run, entries of listed repositories skipped as archived or forks)."""
        if self.o.repos is not None:
            return list(self.o.repos), []
        forge = self._forge(self.o.bot.forge, self.api_url, f"{self.o.org}/-", self.token)  # bound to no repository
        try:
            listed = forge.org_repositories(self.o.org)
        except ForgeError as exc:
            raise UsageError(f"--org {self.o.org}: {exc}") from None
        finally:
            forge.close()
        run, skipped = [], []
        for r in listed:
            if not valid_repo(r.full_name):
                continue
            if r.archived and not self.o.include_archived:
                skipped.append(Entry(r.full_name, "skipped", note="archived (--include-archived to run it)"))
            elif r.fork and not self.o.include_forks:
                skipped.append(Entry(r.full_name, "skipped", note="a fork (--include-forks to run it)"))
            else:
                run.append(r.full_name)
        return run, skipped

    # -- state ---------------------------------------------------------------------------------

    def _state_key(self, repos: list[str]) -> str:
        b = self.o.bot
        what = {"repos": repos, "git_url": self.git_url, "api_url": self.api_url, "forge": b.forge,
                "base": b.base, "branch": b.branch, "only": b.only, "skip": b.skip, "fix": b.fix,
                "group_by": b.group_by, "dry_run": b.dry_run, "draft": b.draft, "labels": b.labels,
                "author": b.author}
        return hashlib.sha256(json.dumps(what, sort_keys=True).encode()).hexdigest()[:20]

    def _load_state(self, path: str) -> dict[str, Entry]:
        done: dict[str, Entry] = {}
        if self.o.restart and os.path.exists(path):
            os.remove(path)
        if not os.path.exists(path):
            return done
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    item = json.loads(line)
                    entry = Entry(**item)
                except (ValueError, TypeError):
                    continue  # a line cut short by the interruption
                if entry.status in STATUSES and entry.status != "failed":
                    done[entry.repo] = entry
        return done

    def _record(self, path: str, entry: Entry) -> None:
        with self._state_lock, open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry.to_json(), sort_keys=True) + "\n")
            f.flush()
            os.fsync(f.fileno())

    # -- the flow ------------------------------------------------------------------------------

    def run(self) -> int:
        self._check()
        o = self.o
        self.workdir = os.path.abspath(o.workdir or default_workdir())
        for sub in ("repos", "runs"):
            os.makedirs(os.path.join(self.workdir, sub), exist_ok=True)
        lock = open(os.path.join(self.workdir, ".lock"), "w")
        try:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise UsageError(f"--workdir {self.workdir}: another campaign is using it") from None
            return self._run()
        finally:
            lock.close()

    def _run(self) -> int:
        o = self.o
        listed, skipped = self._listing()
        repos = [r for r in listed if in_shard(r, o.shard)]
        skipped = [e for e in skipped if in_shard(e.repo, o.shard)]
        state = os.path.join(self.workdir, "runs", self._state_key(repos) + ".jsonl")
        done = self._load_state(state)
        if done:
            self.say(f"resuming an unfinished run: {len(done)} of {len(repos)} repositories already done "
                     "(--restart to run them all again)")
        todo = [r for r in repos if r not in done]
        results: dict[str, Entry] = dict(done)
        total = len(repos)
        count = len(done)
        with ThreadPoolExecutor(max_workers=o.jobs, thread_name_prefix="leakfix-campaign") as pool:
            futures = {pool.submit(self._one_recorded, repo, state): repo for repo in todo}
            try:
                for future in as_completed(futures):
                    entry = future.result()
                    results[entry.repo] = entry
                    count += 1
                    if self.on_entry:
                        self.on_entry(entry, count, total)
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
        entries = [results[r] for r in repos] + skipped
        if o.report:
            write_report(o.report, entries, dry_run=o.bot.dry_run,
                         shard=f"{o.shard[0]}/{o.shard[1]}" if o.shard else None)
        if os.path.exists(state):
            os.remove(state)
        failed = sum(1 for e in entries if e.status == "failed")
        tally = {s: sum(1 for e in entries if e.status == s) for s in STATUSES}
        self.say(", ".join(f"{n} {s}" for s, n in tally.items() if n) or "no repositories")
        return 1 if failed else 0

    # -- one repository ------------------------------------------------------------------------

    def _paths(self, repo: str) -> tuple[str, str, str]:
        owner, name = repo.split("/", 1)
        return (os.path.join(self.workdir, "repos", owner, name),
                os.path.join(self.workdir, "logs", owner, name + ".log"),
                os.path.join(self.workdir, "patches", owner, name + ".patch"))

    def _one_recorded(self, repo: str, state: str) -> Entry:
        """`_one`, then its entry appended to the state file (in the worker, so that the
        repositories still running when the run is interrupted are recorded as they finish)."""
        entry = self._one(repo)
        self._record(state, entry)
        return entry

    def _one(self, repo: str) -> Entry:
        """Clone or fetch `repo` and run the bot there; never raises (but for an interrupt)."""
        clone, log_path, patch_path = self._paths(repo)
        raw = io.BytesIO()
        out = io.TextIOWrapper(raw, encoding="utf-8", write_through=True)
        err = io.StringIO()
        bot = None
        try:
            base = self._prepare(repo, clone)
            # bots in threads run the rules in this process: the engine forks no process pool
            # while other threads hold locks (git, HTTP, output)
            opts = replace(self.o.bot, path=clone, repo=repo, base=base, api_url=self.api_url,
                           jobs=1 if self.o.jobs > 1 else self.o.bot.jobs)
            bot = Bot(opts, forge_factory=self._forge, out=out, err=err)
            code = bot.run()
            entry = summarize(repo, bot.results, code, _last_error(err.getvalue()))
        except (UsageError, GitError, ForgeError) as exc:
            err.write(f"leakfix: error: {exc}\n")
            entry = summarize(repo, bot.results if bot else [], 1, str(exc))
        except Exception as exc:  # a bug must not stop the other repositories
            err.write(f"leakfix: internal error: {type(exc).__name__}: {exc}\n")
            entry = summarize(repo, bot.results if bot else [], 1, f"internal error: {type(exc).__name__}: {exc}")
        if entry.error:
            entry.error = redact(entry.error, self.token)
        os.makedirs(os.path.dirname(log_path), exist_ok=True)
        with open(log_path, "w", encoding="utf-8") as f:
            f.write(redact(err.getvalue(), self.token))
        if os.path.exists(patch_path):  # the last dry run's
            os.remove(patch_path)
        if self.o.bot.dry_run and entry.fixes and raw.getvalue():
            os.makedirs(os.path.dirname(patch_path), exist_ok=True)
            with open(patch_path, "wb") as f:
                f.write(raw.getvalue())
        return entry

    def _prepare(self, repo: str, clone: str) -> str:
        """A shallow clone of `repo` at `clone` (a fresh one, or the last run's fetched again) whose
        history reaches back to the bot's branches' base commits; returns the base branch."""
        url = self.git_url.replace("{repo}", repo)
        git = Git(clone, self.token, bot_run.forge_class(self.o.bot.forge).git_username)
        git.origin_url = url
        base = reused = self.o.bot.base
        fresh = not _is_clone(clone)
        if not fresh:
            try:
                git.run("remote", "set-url", "origin", url)
                git.run("worktree", "prune", check=False)
                if reused is None:
                    reused = _remote_head(git)
                git.run("fetch", "--quiet", "--no-tags", "--depth", "1", "origin",
                        f"+refs/heads/{reused}:refs/remotes/origin/{reused}", remote=True)
                git.run("symbolic-ref", "refs/remotes/origin/HEAD", f"refs/remotes/origin/{reused}")
                base = reused
            except GitError:
                fresh = True  # a clone cut short, or broken: clone it again
        if fresh:
            if os.path.exists(clone):
                shutil.rmtree(clone)
            os.makedirs(os.path.dirname(clone), exist_ok=True)
            args = ["clone", "--quiet", "--no-tags", "--depth", "1", "--no-checkout"]
            if base:
                args += ["--branch", base]
            try:
                git.run(*args, url, clone, cwd=os.path.dirname(clone), remote=True)
            except GitError as exc:
                shutil.rmtree(clone, ignore_errors=True)
                raise GitError(f"cannot clone {url}: {exc}", remote=True) from None
            if base is None:
                base = git.symbolic_head()
                if base is None:
                    raise GitError("the repository is empty (no default branch)", remote=True)
        self._reach_bot_bases(git, base)
        return base

    def _reach_bot_bases(self, git: Git, base: str) -> None:
        """Deepen the shallow base so that it reaches the parent of each of the bot's branches:
        the bot keeps a branch only when that parent is an ancestor of the base, which a depth-1
        history cannot show once the base has moved on."""
        branch = self.o.bot.branch
        text = git.out("ls-remote", "origin", f"refs/heads/{branch}", f"refs/heads/{branch}-*", remote=True)
        heads = [line.split("\t", 1)[1][len("refs/heads/"):] for line in text.splitlines() if "\t" in line]
        if not heads:
            return
        git.run("fetch", "--quiet", "--no-tags", "--depth", "2", "origin",
                *[f"+refs/heads/{b}:refs/remotes/origin/{b}" for b in heads], remote=True)
        name, email = bot_run.parse_author(self.o.bot.author)
        parents = []
        for b in heads:
            fields = git.out("show", "-s", "--format=%P%x00%an%x00%ae%x00%ct", f"refs/remotes/origin/{b}").split("\0")
            # only a branch the bot would call its own: one commit by its author (others are left alone)
            if len(fields) == 4 and len(fields[0].split()) == 1 and (fields[1], fields[2].lower()) == (name, email.lower()):
                parents.append((fields[0], int(fields[3])))
        missing = [p for p, _ in parents if not git.is_ancestor(p, f"refs/remotes/origin/{base}")]
        if not missing:
            return
        since = min(t for _, t in parents) - 86400  # a day of slack for clocks and rebases
        git.run("fetch", "--quiet", "--no-tags", f"--shallow-since={since}", "origin",
                f"+refs/heads/{base}:refs/remotes/origin/{base}", remote=True)
        if any(not git.is_ancestor(p, f"refs/remotes/origin/{base}") for p in missing):
            if os.path.exists(os.path.join(git.out("rev-parse", "--absolute-git-dir"), "shallow")):
                git.run("fetch", "--quiet", "--no-tags", "--unshallow", "origin",
                        f"+refs/heads/{base}:refs/remotes/origin/{base}", remote=True)


def _is_clone(path: str) -> bool:
    if not os.path.isdir(os.path.join(path, ".git")):
        return False
    return Git(path).run("rev-parse", "--git-dir", check=False).returncode == 0


def _remote_head(git: Git) -> str:
    text = git.out("ls-remote", "--symref", "origin", "HEAD", remote=True)
    m = re.search(r"^ref: refs/heads/(\S+)\tHEAD$", text, re.M)
    if not m:
        raise GitError("the repository is empty (no default branch)", remote=True)
    return m.group(1)


def _last_error(text: str) -> str | None:
    lines = [ln for ln in text.splitlines() if ln.startswith(("leakfix: error: ", "leakfix: internal error: "))]
    return lines[-1].split(": ", 2)[2] if lines else None


def summarize(repo: str, results: list[GroupResult], code: int, error: str | None) -> Entry:
    """The report entry of a repository from its bot's per-branch results and exit code."""
    statuses = [r.status for r in results]
    if code != 0 and "failed" not in statuses:
        statuses.append("failed")
    status = next((s for s in _PRIORITY if s in statuses), "clean")
    note = None
    if status == "left-alone":
        status = "skipped"
        note = "left alone: the bot's branch has commits that are not the bot's, or its pull request is not the bot's"
    elif status == "closed":
        status = "clean"
        note = "nothing left to fix: the bot's pull request was closed"
    prs = [r.pull_request for r in results if r.pull_request]
    per_rule: dict[str, int] = {}
    for r in results:
        for rule, n in r.per_rule.items():
            per_rule[rule] = per_rule.get(rule, 0) + n
    errors = [r.error for r in results if r.error]
    return Entry(repo, status, findings=sum(r.fixes + r.left for r in results), fixes=sum(r.fixes for r in results),
                 pull_request=prs[0] if prs else None,
                 error=(error or (errors[0] if errors else "failed")) if status == "failed" else None,
                 per_rule=per_rule, pull_requests=prs if len(prs) > 1 else [], note=note)
