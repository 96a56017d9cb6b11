"""The flow of `leakfix bot`: fetch, fix in a temporary worktree, commit, push, open/update/close.

    run(Options(...)) -> exit code

0 success (including "left the branch alone"), 1 when the forge or the remote refused
something; usage errors raise UsageError (the command turns them into exit 2). The user's
checkout, index and HEAD are never touched: all work happens in a detached worktree of
`origin/<base>` under a temporary directory, removed at the end.
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from typing import Callable, TextIO

from . import message
from .fixes import FixError, FixSet, apply_fixes, selected_rules
from .forge import Forge, ForgeError
from .git import Git, GitError, repo_from_url, repo_path_from_url

DEFAULT_BRANCH = "leakfix/fixes"
DEFAULT_AUTHOR = "leakfix[bot] <leakfix-bot@users.noreply.github.com>"
FORGES = ("github", "gitea", "gitlab")


class UsageError(Exception):
    """A mistake in how the bot was called or where: one line, exit code 2."""


@dataclass
class Options:
    """Everything `leakfix bot` is told (see the command's help for each)."""

    path: str = "."
    repo: str | None = None
    base: str | None = None
    branch: str = DEFAULT_BRANCH
    api_url: str | None = None
    token: str | None = field(default=None, repr=False)
    dry_run: bool = False
    draft: bool = False
    labels: list[str] = field(default_factory=list)
    only: str | None = None
    skip: str | None = None
    fix: str | None = None
    group_by: str | None = None
    author: str = DEFAULT_AUTHOR
    forge: str = "github"


def token_from_env(environ=os.environ) -> str | None:
    """LEAKFIX_TOKEN, else GITHUB_TOKEN (empty values count as unset)."""
    return environ.get("LEAKFIX_TOKEN") or environ.get("GITHUB_TOKEN") or None


def parse_author(text: str) -> tuple[str, str]:
    m = re.fullmatch(r"\s*([^<>]*[^<>\s])\s*<([^<>\s]+@[^<>\s]+)>\s*", text or "")
    if not m:
        raise UsageError(f"--author: expected \"Name <email>\", got {text!r}")
    return m.group(1), m.group(2)


def default_api_url(kind: str, origin_url: str, environ=os.environ) -> str:
    if kind == "gitlab":  # GitLab CI sets CI_API_V4_URL
        if environ.get("CI_API_V4_URL"):
            return environ["CI_API_V4_URL"]
        host = _host_of(origin_url)
        if not host:
            raise UsageError("--forge gitlab: pass --api-url (https://HOST/api/v4); origin's URL does not say")
        return f"https://{host}/api/v4"
    if environ.get("GITHUB_API_URL"):
        return environ["GITHUB_API_URL"]
    if kind == "gitea":
        m = re.match(r"(https?://[^/]+)", origin_url)
        if not m:
            raise UsageError("--forge gitea: pass --api-url (https://HOST/api/v1); origin's URL does not say")
        return m.group(1) + "/api/v1"
    return "https://api.github.com"


def _host_of(url: str) -> str | None:
    """host[:port] of an https URL, or the host of an ssh or scp-like one (the API is on https)."""
    from urllib.parse import urlsplit

    m = re.fullmatch(r"(?:[^@/\s]+@)?([A-Za-z0-9.-]+):(?!//).+", url.strip())
    if m and "://" not in url:
        return m.group(1)
    parts = urlsplit(url.strip())
    if parts.scheme in ("http", "https") and parts.hostname:
        return parts.netloc.rpartition("@")[2]
    if parts.scheme in ("ssh", "git+ssh", "ssh+git") and parts.hostname:
        return parts.hostname
    return None


def _repo_of(kind: str, origin_url: str, environ=os.environ) -> str | None:
    """OWNER/NAME from origin's URL; on GitLab the whole project path (nested groups), from
    CI_PROJECT_PATH when GitLab CI sets it."""
    if kind == "gitlab":
        return environ.get("CI_PROJECT_PATH") or repo_path_from_url(origin_url)
    return repo_from_url(origin_url)


def _valid_repo(kind: str, repo: str) -> bool:
    part = r"[A-Za-z0-9_.-]+"
    return bool(re.fullmatch(rf"{part}(/{part})+" if kind == "gitlab" else rf"{part}/{part}", repo))


def forge_class(kind: str) -> type[Forge]:
    """The Forge implementation for `kind` ("github", "gitea", "gitlab")."""
    if kind == "gitea":
        from .gitea import Gitea

        return Gitea
    if kind == "gitlab":
        from .gitlab import GitLab

        return GitLab
    from .github import GitHub

    return GitHub


def make_forge(kind: str, api_url: str, repo: str, token: str | None, **api_options) -> Forge:
    """The Forge for `kind`; api_options go to transport.Api (tries, sleep, clock, ...)."""
    return forge_class(kind)(api_url, repo, token, **api_options)


@dataclass
class _Group:
    """One branch and pull request: all selected rules, or one rule with --group-by rule."""

    branch: str
    rules: list[str]
    rule: str | None = None


class Bot:
    """One invocation: holds the git runner, the forge (made lazily) and the output streams."""

    def __init__(self, opts: Options, forge_factory: Callable[..., Forge] | None = None,
                 out: TextIO | None = None, err: TextIO | None = None):
        self.o = opts
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.forge_factory = forge_factory
        self._forge: Forge | None = None
        self.failed = False

    # -- output -----------------------------------------------------------------------------------

    def say(self, text: str) -> None:
        self.err.write(f"leakfix: bot: {text}\n")
        self.err.flush()

    def pull_request(self, operation: str, pr, branch: str) -> None:
        """One parseable stdout line per pull request the run leaves behind (the GitHub Action's
        outputs): `pull-request operation=OP number=N url=URL branch=BRANCH`, OP one of created,
        updated, unchanged, closed."""
        self.out.write(f"pull-request operation={operation} number={pr.number} url={pr.url} branch={branch}\n")
        self.out.flush()

    def error(self, text: str) -> None:
        self.err.write(f"leakfix: error: {text}\n")
        self.err.flush()

    @property
    def forge(self) -> Forge:
        if self._forge is None:
            factory = self.forge_factory or make_forge  # looked up now, so tests can replace it
            self._forge = factory(self.o.forge, self.api_url, self.repo, self.o.token)
        return self._forge

    # -- the flow ---------------------------------------------------------------------------------

    def run(self) -> int:
        o = self.o
        if o.forge not in FORGES:
            raise UsageError(f"--forge: expected one of {', '.join(FORGES)}, got {o.forge!r}")
        if o.group_by not in (None, "rule"):
            raise UsageError(f"--group-by: only 'rule' is supported, got {o.group_by!r}")
        self.name, self.email = parse_author(o.author)
        if not o.token and not o.dry_run:
            raise UsageError("no token: set GITHUB_TOKEN or LEAKFIX_TOKEN (or use --dry-run)")
        try:
            root, rel = Git.locate(o.path)
        except GitError as exc:
            raise UsageError(str(exc)) from None
        self.git = git = Git(root, o.token, forge_class(o.forge).git_username)
        try:
            origin = git.remote_url("origin")
        except GitError as exc:
            raise UsageError(str(exc)) from None
        self.repo = o.repo or _repo_of(o.forge, origin)
        if not self.repo:
            raise UsageError("cannot tell OWNER/NAME from origin's URL; pass --repo OWNER/NAME")
        if not _valid_repo(o.forge, self.repo):
            raise UsageError(f"--repo: expected {'GROUP[/SUBGROUP...]/NAME' if o.forge == 'gitlab' else 'OWNER/NAME'}, "
                             f"got {self.repo!r}")
        self.api_url = o.api_url or default_api_url(o.forge, origin)
        for label in o.labels:
            if not label.strip():
                raise UsageError("--label: empty label name")
        if not git.valid_branch(o.branch):
            raise UsageError(f"--branch: {o.branch!r} is not a valid branch name")
        if o.base is not None and not git.valid_branch(o.base):
            raise UsageError(f"--base: {o.base!r} is not a valid branch name")
        try:
            return self._run(root, rel)
        except ForgeError as exc:
            self.error(str(exc))
            return 1
        except GitError as exc:
            if not exc.remote:
                raise UsageError(str(exc)) from None
            self.error(str(exc))
            return 1
        finally:
            if self._forge is not None:
                self._forge.close()

    def _base(self) -> str:
        """--base, else the branch origin's HEAD names (`git ls-remote --symref`, no API needed);
        only when the remote does not say: the clone's origin/HEAD in a dry run, else the forge's API."""
        if self.o.base:
            return self.o.base
        head = self.git.remote_head()
        if head:
            return head
        if self.o.dry_run:
            head = self.git.symbolic_head()
            if head:
                return head
        return self.forge.default_branch()

    def _run(self, root: str, rel: str) -> int:
        o, git = self.o, self.git
        base = self._base()
        from leakfix.codemods import RULES

        candidates = [o.branch] if o.group_by is None else [f"{o.branch}-{rid}" for rid in RULES]
        if base in candidates:
            raise UsageError(f"the bot's branch {base!r} is the base branch; pick another --branch")
        heads = git.ls_remote([base] + candidates)
        if base not in heads:
            raise UsageError(f"origin has no branch {base!r}")
        git.fetch([b for b in [base] + candidates if b in heads])
        for b in candidates:
            if b not in heads:
                git.delete_ref(f"refs/remotes/origin/{b}")
        base_sha = heads[base]
        with tempfile.TemporaryDirectory(prefix="leakfix-bot-") as tmp:
            wt = os.path.join(tmp, "worktree")
            git.worktree_add(wt, base_sha)
            try:
                target = os.path.normpath(os.path.join(wt, rel))
                if not os.path.exists(target):
                    raise UsageError(f"{rel}: not on origin/{base}")
                try:
                    rules = selected_rules(wt, target, o.only, o.skip, o.fix)
                except FixError as exc:
                    raise UsageError(str(exc)) from None
                if o.group_by == "rule":
                    groups = [_Group(f"{o.branch}-{rid}", [rid], rid) for rid in rules]
                else:
                    groups = [_Group(o.branch, rules)]
                first = True
                for group in groups:
                    if not first:
                        git.reset(wt, base_sha)
                    first = False
                    try:
                        fixes = apply_fixes(wt, target, group.rules, o.fix)
                    except FixError as exc:
                        raise UsageError(str(exc)) from None
                    for path, msg in fixes.warnings:
                        self.say(f"warning: {os.path.relpath(path, wt) if os.path.isabs(path) else path}: {msg}")
                    try:
                        self._group(group, fixes, wt, base, base_sha, heads.get(group.branch))
                    except (ForgeError, GitError) as exc:
                        if isinstance(exc, GitError) and not exc.remote:
                            raise
                        self.error(f"{group.branch}: {exc}")
                        self.failed = True
            finally:
                git.worktree_remove(wt)
        return 1 if self.failed else 0

    def _owned(self, remote_sha: str, base_sha: str) -> bool:
        """True when the branch is exactly one commit by the bot's author on top of a base commit."""
        name, email, parents = self.git.commit_info(remote_sha)
        if (name, email.lower()) != (self.name, self.email.lower()) or len(parents) != 1:
            return False
        return self.git.is_ancestor(parents[0], base_sha)

    def _group(self, group: _Group, fixes: FixSet, wt: str, base: str, base_sha: str, remote_sha: str | None) -> None:
        o, git = self.o, self.git
        branch = group.branch
        if remote_sha and not self._owned(remote_sha, base_sha):
            self.say(f"branch {branch} has commits that are not the bot's ({self.name} <{self.email}>) on top of "
                     f"{base}; leaving it and its pull request alone (delete the branch to let the bot start over)")
            return
        commit = git.commit_all(wt, message.commit_message(fixes, group.rule), self.name, self.email) if fixes else None
        holds, why = self._holds(commit, remote_sha, base, base_sha)
        title = message.title(fixes, group.rule)
        body = message.body(fixes, base, branch)
        if o.dry_run:
            self._show(group, fixes, commit, base_sha, remote_sha, holds, why, title, body, base)
            return
        if commit is None and remote_sha is None:
            self.say(f"{branch}: nothing to fix on {base}")
            return
        pr = self.forge.find_open_pull(branch)
        if pr is not None and message.MARKER not in pr.body:
            self.say(f"{branch}: pull request #{pr.number} was not opened by leakfix (no marker in its body); "
                     "leaving it and the branch alone")
            return
        if commit is None:
            if pr is None:
                self.say(f"{branch}: nothing to fix on {base}")
                return
            self.forge.comment(pr.number, message.closing_comment(base, branch))
            self.forge.update_pull(pr.number, state="closed")
            self.say(f"{branch}: nothing left to fix on {base}; closed pull request #{pr.number}")
            self.pull_request("closed", pr, branch)
            return
        if holds:
            if pr is None:
                closed = self.forge.find_pull(branch, "closed")
                if closed is not None and message.MARKER in closed.body:
                    self.say(f"{branch}: pull request #{closed.number} with these same fixes was closed; not opening "
                             "it again (new fixes will open a new one)")
                    return
            self.say(f"{branch}: {why}")
        else:
            git.push(commit, branch, remote_sha)
            self.say(f"{branch}: pushed {message.fixes_count(len(fixes.fixes))} on top of {base} ({base_sha[:12]})"
                     + (f", {why}" if why else ""))
        if pr is None:
            # labels only when opening: a label a person removed later stays removed
            pr = self.forge.create_pull(branch, base, title, body, draft=o.draft, labels=list(dict.fromkeys(o.labels)))
            self.say(f"{branch}: opened pull request #{pr.number} {pr.url}".rstrip())
            self.pull_request("created", pr, branch)
        elif pr.title != title or pr.body != body:
            self.forge.update_pull(pr.number, title=title if pr.title != title else None,
                                   body=body if pr.body != body else None)
            self.say(f"{branch}: updated pull request #{pr.number}")
            self.pull_request("updated", pr, branch)
        else:
            self.say(f"{branch}: pull request #{pr.number} is up to date")
            self.pull_request("unchanged", pr, branch)

    def _holds(self, commit: str | None, remote_sha: str | None, base: str, base_sha: str) -> tuple[bool, str]:
        """Whether the bot's branch (one bot commit, see _owned) already holds the change `commit`
        makes, and why it does or does not, in words for stderr.

        Held: the same tree, or, when only the base moved, the branch's commit replays cleanly onto
        the new base and gives the tree of `commit` (the same fixes: Renovate's `rebaseWhen: auto`
        leaves such a branch alone, since a force-push re-runs CI and can dismiss approvals).
        Not held: the old commit conflicts with the new base, or the fixes changed."""
        if commit is None or remote_sha is None:
            return False, ""
        git = self.git
        tree = git.tree_of(commit)
        if tree == git.tree_of(remote_sha):
            return True, "already holds these fixes; not pushed"
        parent = git.commit_info(remote_sha)[2][0]
        if parent == base_sha:
            return False, "replacing the bot's commit: the fixes changed"
        replayed = git.replay(remote_sha, base_sha)
        if replayed is None:
            return False, f"rebasing the bot's commit from {parent[:12]}: it conflicts with the new commits of {base}"
        if replayed == tree:
            return True, (f"holds these same fixes on an older commit of {base} ({parent[:12]}) and they apply "
                          "cleanly to the new one: only the base moved, so the branch is left alone (no force-push)")
        return False, f"rebasing the bot's commit from {parent[:12]}: the fixes changed"

    def _show(self, group: _Group, fixes: FixSet, commit: str | None, base_sha: str, remote_sha: str | None,
              holds: bool, why: str, title: str, body: str, base: str) -> None:
        """The dry run: exactly what would be pushed and posted."""
        w = self.out.write
        w(f"# branch: {group.branch} (base: {base} at {base_sha[:12]}, repository: {self.repo})\n")
        if commit is None:
            w("# nothing to fix: an open pull request of the bot from this branch would be closed with a comment:\n")
            w(message.closing_comment(base, group.branch))
            self.out.flush()
            return
        push = f"no: the branch {why}" if holds else f"yes, {why}" if remote_sha else "yes, a new branch"
        w(f"# push: {push}\n# title: {title}\n# body:\n{body}# diff:\n")
        self.out.flush()
        data = self.git.diff(base_sha, commit)
        buf = getattr(self.out, "buffer", None)
        if buf is not None:
            buf.write(data)
            buf.flush()
        else:
            w(data.decode("utf-8", "replace"))
        self.out.flush()


def run(opts: Options, **kw) -> int:
    """Run the bot; returns the exit code (raises UsageError for exit code 2)."""
    return Bot(opts, **kw).run()
