"""The git plumbing of `leakfix bot`: every git command it runs, and nothing else.

Remote commands (ls-remote, fetch, push) authenticate with an `http.<origin-url>.extraheader`
passed through the environment (`GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n`), so
the token is never in a URL, an argument, a config file or an error message. The header list is
reset first, so a header persisted by actions/checkout is not sent twice. Hooks never run and
commits are never signed: the bot's commits are its own, made in a temporary worktree.
"""
from __future__ import annotations

import base64
import os
import re
import subprocess
from urllib.parse import urlsplit

from .transport import redact

# Variables that would make git print HTTP headers.
_TRACE_VARS = ("GIT_TRACE", "GIT_TRACE_CURL", "GIT_TRACE_PACKET", "GIT_CURL_VERBOSE", "GIT_TRACE2", "GIT_TRACE2_EVENT")
_SAFE = ("-c", "core.hooksPath=/dev/null", "-c", "commit.gpgSign=false", "-c", "core.quotePath=false")


class GitError(Exception):
    """A git command failed. `remote` is true when the remote (not this machine) refused."""

    def __init__(self, message: str, remote: bool = False):
        super().__init__(message)
        self.remote = remote


def repo_from_url(url: str) -> str | None:
    """OWNER/NAME from an https, ssh or scp-like (`git@host:owner/name.git`) remote URL."""
    path = repo_path_from_url(url)
    return "/".join(path.split("/")[-2:]) if path else None


def repo_path_from_url(url: str) -> str | None:
    """The whole repository path (`group/sub/name`: GitLab's nested groups) of a remote URL."""
    url = url.strip()
    scp = re.fullmatch(r"(?:[^@/\s]+@)?([A-Za-z0-9.-]+):(?!//)(?!/)(.+)", url)
    if scp and "://" not in url:
        path = scp.group(2)
    else:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "ssh", "git", "git+ssh", "ssh+git") or not parts.hostname:
            return None
        path = parts.path
    path = path.strip("/")
    if path.endswith(".git"):
        path = path[:-4]
    names = [p for p in path.split("/") if p]
    if len(names) < 2:
        return None
    return "/".join(names)


def auth_env(url: str, token: str | None, username: str = "x-access-token",
             environ: dict[str, str] | None = None) -> dict[str, str]:
    """Environment entries that make git send `AUTHORIZATION: basic ...` to `url` (and only there)."""
    if not token or not url.lower().startswith(("http://", "https://")):
        return {}
    environ = os.environ if environ is None else environ
    try:
        n = int(environ.get("GIT_CONFIG_COUNT", "0") or 0)
    except ValueError:
        n = 0
    key = f"http.{url}.extraheader"
    basic = base64.b64encode(f"{username}:{token}".encode()).decode()
    return {f"GIT_CONFIG_KEY_{n}": key, f"GIT_CONFIG_VALUE_{n}": "",
            f"GIT_CONFIG_KEY_{n + 1}": key, f"GIT_CONFIG_VALUE_{n + 1}": f"AUTHORIZATION: basic {basic}",
            "GIT_CONFIG_COUNT": str(n + 2)}


class Git:
    """Runs git in one repository; remote commands go to `origin` with the auth header."""

    def __init__(self, repo_dir: str, token: str | None = None, username: str = "x-access-token"):
        self.repo_dir = repo_dir
        self._token = token
        self._username = username
        self._secrets = [s for s in (token, base64.b64encode(f"{username}:{token}".encode()).decode() if token else None) if s]
        self.origin_url: str | None = None

    # -- running -------------------------------------------------------------------------------

    def _env(self, remote: bool, extra: dict[str, str] | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in _TRACE_VARS}
        env.update(GIT_TERMINAL_PROMPT="0", LC_ALL="C", LANGUAGE="C")
        if remote and self.origin_url:
            env.update(auth_env(self.origin_url, self._token, self._username, os.environ))
        env.update(extra or {})
        return env

    def run(self, *args: str, cwd: str | None = None, remote: bool = False, check: bool = True,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """Run `git args` (in `cwd`, default the repository); raise GitError with a one-line reason."""
        try:
            proc = subprocess.run(["git", *_SAFE, *args], cwd=cwd or self.repo_dir, capture_output=True,
                                  env=self._env(remote, env), stdin=subprocess.DEVNULL)
        except FileNotFoundError:
            raise GitError("git is not installed (not found on PATH)") from None
        if check and proc.returncode != 0:
            raise GitError(f"git {args[0]} failed: {self.clean(proc.stderr)}", remote=remote)
        return proc

    def out(self, *args: str, **kw) -> str:
        return self.run(*args, **kw).stdout.decode("utf-8", "replace").strip()

    def clean(self, raw: bytes | str) -> str:
        """Git's error output as one line, with the token (plain or base64) removed."""
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("hint:")]
        text = " ".join(lines)[:400] or "no error output"
        for secret in self._secrets:
            text = redact(text, secret)
        return text

    # -- local ----------------------------------------------------------------------------------

    @staticmethod
    def locate(path: str) -> tuple[str, str]:
        """(work tree root, PATH relative to it) for a PATH inside a git work tree."""
        if not os.path.exists(path):
            raise GitError(f"{path}: no such file or directory")
        start = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
        try:
            proc = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=start, capture_output=True,
                                  stdin=subprocess.DEVNULL, env={**os.environ, "LC_ALL": "C"})
        except FileNotFoundError:
            raise GitError("git is not installed (not found on PATH)") from None
        if proc.returncode != 0:
            raise GitError(f"{path}: not inside a git work tree")
        root = proc.stdout.decode().strip()
        rel = os.path.relpath(os.path.realpath(path), os.path.realpath(root))
        if rel.startswith(".."):
            raise GitError(f"{path}: not inside the work tree {root}")
        return root, rel

    def remote_url(self, name: str = "origin") -> str:
        proc = self.run("remote", "get-url", name, check=False)
        if proc.returncode != 0:
            raise GitError(f"this repository has no remote {name!r}")
        self.origin_url = proc.stdout.decode().strip()
        return self.origin_url

    def symbolic_head(self) -> str | None:
        """The branch refs/remotes/origin/HEAD points at, when the clone recorded it."""
        proc = self.run("symbolic-ref", "--quiet", "refs/remotes/origin/HEAD", check=False)
        ref = proc.stdout.decode().strip()
        prefix = "refs/remotes/origin/"
        return ref[len(prefix):] if proc.returncode == 0 and ref.startswith(prefix) else None

    def valid_branch(self, name: str) -> bool:
        return self.run("check-ref-format", "--branch", name, check=False).returncode == 0 and not name.startswith("-")

    def rev(self, spec: str) -> str:
        return self.out("rev-parse", "--verify", "--quiet", spec)

    def tree_of(self, commit: str) -> str:
        return self.rev(f"{commit}^{{tree}}")

    def commit_info(self, commit: str) -> tuple[str, str, list[str]]:
        """(author name, author email, parent shas) of a commit."""
        name, email, parents = self.out("show", "-s", "--format=%an%x00%ae%x00%P", commit).split("\0")
        return name, email, parents.split()

    def is_ancestor(self, older: str, newer: str) -> bool:
        return self.run("merge-base", "--is-ancestor", older, newer, check=False).returncode == 0

    def delete_ref(self, ref: str) -> None:
        self.run("update-ref", "-d", ref, check=False)

    def worktree_add(self, path: str, commit: str) -> None:
        self.run("worktree", "add", "--detach", "--quiet", path, commit)

    def worktree_remove(self, path: str) -> None:
        if self.run("worktree", "remove", "--force", path, check=False).returncode != 0:
            import shutil

            shutil.rmtree(path, ignore_errors=True)
        self.run("worktree", "prune", check=False)

    def reset(self, worktree: str, commit: str) -> None:
        """Put a worktree back to `commit`, dropping every change and untracked file."""
        self.run("reset", "--hard", "--quiet", commit, cwd=worktree)
        self.run("clean", "-fdq", cwd=worktree)

    def commit_all(self, worktree: str, message: str, name: str, email: str) -> str | None:
        """Commit every change in the worktree as name <email>; None when nothing changed."""
        self.run("add", "--all", cwd=worktree)
        if self.run("diff", "--cached", "--quiet", cwd=worktree, check=False).returncode == 0:
            return None
        who = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
               "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}
        self.run("commit", "--quiet", "--no-verify", "--message", message, cwd=worktree, env=who)
        return self.out("rev-parse", "HEAD", cwd=worktree)

    def replay(self, commit: str, onto: str) -> str | None:
        """The tree of `commit` (one commit on top of its parent) replayed onto `onto`, as a
        cherry-pick would make it, or None when it conflicts there. Nothing is written but objects:
        a three-way `git merge-tree` of `onto` and `commit`, whose merge base is the commit's parent
        when that parent is an ancestor of `onto`."""
        proc = self.run("merge-tree", "--write-tree", "--no-messages", onto, commit, check=False)
        if proc.returncode != 0:
            if proc.returncode == 1:
                return None
            raise GitError(f"git merge-tree failed: {self.clean(proc.stderr)}")
        return proc.stdout.decode().split()[0]

    def diff(self, old: str, new: str) -> bytes:
        return self.run("diff", "--no-color", "--no-ext-diff", "--no-textconv", old, new).stdout

    # -- remote ---------------------------------------------------------------------------------

    def ls_remote(self, branches: list[str]) -> dict[str, str]:
        """{branch: sha} for those of `branches` that exist on origin."""
        refs = [f"refs/heads/{b}" for b in branches]
        text = self.out("ls-remote", "origin", *refs, remote=True)
        found = {}
        for line in text.splitlines():
            sha, _, ref = line.partition("\t")
            if ref in refs:
                found[ref[len("refs/heads/"):]] = sha
        return found

    def remote_head(self) -> str | None:
        """The branch origin's HEAD points at (`git ls-remote --symref origin HEAD`), or None when
        the remote does not say (an unborn or detached HEAD, a server that hides it)."""
        text = self.out("ls-remote", "--symref", "origin", "HEAD", remote=True)
        for line in text.splitlines():
            target, _, name = line.partition("\t")
            if name == "HEAD" and target.startswith("ref: refs/heads/"):
                return target[len("ref: refs/heads/"):]
        return None

    def fetch(self, branches: list[str]) -> None:
        """Fetch these branches of origin into refs/remotes/origin/<branch>."""
        specs = [f"+refs/heads/{b}:refs/remotes/origin/{b}" for b in branches]
        self.run("fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "origin", *specs, remote=True)

    def push(self, commit: str, branch: str, expected: str | None) -> None:
        """Set origin's `branch` to `commit`, only if it still is `expected` (None: absent)."""
        lease = f"--force-with-lease=refs/heads/{branch}:{expected or ''}"
        self.run("push", "--quiet", "--porcelain", lease, "origin", f"{commit}:refs/heads/{branch}", remote=True)
