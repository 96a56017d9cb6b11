"""Turn the paths a user names into the sorted list of Go files to process, and record every
.go file left out, with the reason.

Inside a git work tree the candidates are exactly the files git lists (`git ls-files --cached
--others --exclude-standard`, engine.gitfiles: tracked files, and untracked files that no ignore
rule excludes), one listing per repository; a nested repository or a submodule is listed by its
own git. Outside git, or without a git binary, the tree is walked with git's ignore rules
(engine.gitignore: every `.gitignore`, and `.git/info/exclude`). Then the go tool's rules: below a
named directory, `vendor`, `testdata` and names starting with `.` or `_` are skipped. Then the
configured `exclude` globs. Generated files are recognised later, when the runner reads them
(is_generated). A file named explicitly is always read.

A directory may be named as a Go package pattern (`./...`, `dir/...`): that directory,
recursively. Returned paths keep the user's spelling (normalised, never made absolute).
"""
from __future__ import annotations

import errno
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, field

from . import gitfiles, gitignore

SKIPPED_DIR_NAMES = frozenset({"vendor", "testdata"})
GENERATED_LINE = re.compile(rb"// Code generated .* DO NOT EDIT\.")
PACKAGE_CLAUSE = re.compile(rb"[ \t]*package[ \t]")
BOM = b"\xef\xbb\xbf"

IGNORED_BY_GIT = "ignored by git"
IN_VENDOR = "in a vendor directory, which the go tool skips"
IN_TESTDATA = "in a testdata directory, which the go tool skips"
IN_HIDDEN_DIR = "in a directory whose name starts with . or _, which the go tool skips"
HIDDEN_NAME = "name starts with . or _, which the go tool skips"
GENERATED = "generated (`// Code generated ... DO NOT EDIT.`): read, not analysed"
LARGE_SHARE = 0.5  # skipping more than this share of a PATH's .go files is worth a warning


@dataclass
class Discovery:
    """The files found; (path, message) warnings about paths that could not be taken (they
    fail --strict); every .go file left out as (path, reason); notices (a large share of a
    PATH left out) and notes (a named file read although ignored) that fail nothing."""

    files: list[str] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notices: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Skip:
    path: str                                # as the user would spell it
    reason: str
    git: tuple[str, str] | None = None       # (work tree, path in it): git can tell which rule


@dataclass
class _Target:
    """A named directory: how many .go files were taken under it, and which were not."""

    path: str
    read: int = 0
    skips: list[_Skip] = field(default_factory=list)


@dataclass
class _Seen:
    """What the search learns without extra system calls: the real path of every directory
    walked (links to directories are not followed) and of every file found that is not a link
    itself. Deduplication needs them."""

    real_dirs: dict[str, str] = field(default_factory=dict)  # absolute path -> real path
    real_files: dict[str, str] = field(default_factory=dict)  # file as found -> real path


class _Exclude:
    """The configured `exclude` globs, relative to `base`; a directory they match excludes
    everything below it, as in git."""

    def __init__(self, globs, base: str):
        self.rules = gitignore.parse("\n".join(globs), "[files] exclude", base)
        self._dirs: dict[str, str | None] = {}

    def why(self, abs_path: str, is_dir: bool = False) -> str | None:
        if not self.rules.patterns:
            return None
        rel = _relative(abs_path, self.rules.base)
        if not rel:
            return None
        parts = rel.split("/")
        for i in range(1, len(parts)):
            d = "/".join(parts[:i])
            if d not in self._dirs:
                self._dirs[d] = self._verdict(d, True)
            if self._dirs[d]:
                return self._dirs[d]
        return self._verdict(rel, is_dir)

    def _verdict(self, rel: str, is_dir: bool) -> str | None:
        pattern = self.rules.verdict(rel, is_dir)
        return None if pattern is None or pattern.negated else f"excluded by [files] exclude `{pattern.text}`"


def package_dir(path: str) -> str:
    """The directory a Go package pattern names (`./...` -> `.`, `dir/...` -> `dir`); any
    other path as it is."""
    if path.endswith("/..."):
        return path[:-4] or "/"
    return path


def discover(paths: list[str], exclude: list[str] = (), root: str | None = None,
             explain: bool = False) -> Discovery:
    """Find the Go files under `paths`; `exclude` globs are relative to `root` (default: cwd).
    With `explain`, every ignored file's reason names the rule (file, line, pattern), and named
    files read although ignored get a note; without it only warnings do.

    Raises FileNotFoundError for a named path that does not exist.
    """
    found = Discovery()
    seen = _Seen()
    excluded = _Exclude(exclude, _abs(root or os.curdir))
    targets: list[_Target] = []
    named_files: list[str] = []
    by_repo: dict[str | None, list[_Target]] = {}
    for raw in paths:
        path = os.path.normpath(package_dir(raw))
        kind = _named(path, found)
        if kind == "file":
            found.files.append(path)
            named_files.append(path)
        elif kind == "dir":
            target = _Target(path)
            targets.append(target)
            by_repo.setdefault(gitfiles.work_tree_root(os.path.realpath(path)), []).append(target)
    for repo, group in by_repo.items():
        if repo is None or not _from_git(repo, group, excluded, found, seen):
            for target in group:
                if repo is not None:
                    found.notes.append((target.path, "git could not list this work tree (not installed, or it "
                                                     "refused the repository): walked with git's ignore rules "
                                                     "instead, without knowing which files are tracked"))
                _walk(target, target.path, _ancestor_ignores(_abs(target.path)), excluded, found, seen)
    found.files = _dedupe(found.files, seen)
    taken = set(found.files)
    for target in targets:  # a file skipped under one name may be read under another
        kept = [s for s in target.skips if s.path not in taken]
        target.read += len(target.skips) - len(kept)
        target.skips = kept
    _judge(targets, found, explain)
    if explain:
        found.notes += _notes_on_named_files(named_files, excluded)
    found.notes = sorted(set(found.notes))
    found.warnings = sorted({(os.path.normpath(path), message) for path, message in found.warnings})
    found.skipped = sorted({(s.path, s.reason) for t in targets for s in t.skips})
    return found


def generated(files: list[str], limit: int = 1 << 16) -> list[str]:
    """The files among `files` whose header marks them generated (reads up to `limit` bytes
    of each; for listing them, since the runner skips them without saying so)."""
    out = []
    for path in files:
        try:
            with open(path, "rb") as f:
                head = f.read(limit)
        except OSError:
            continue
        if is_generated(head):
            out.append(path)
    return out


def is_generated(data: bytes) -> bool:
    """True when a `// Code generated ... DO NOT EDIT.` line comes before the package clause."""
    if data.startswith(BOM):
        data = data[len(BOM):]
    if b"DO NOT EDIT" not in data:
        return False
    pkg = re.search(rb"(?m)^[ \t]*package[ \t]", data)
    header = data[:pkg.end()] if pkg else data
    for line in header.split(b"\n"):
        line = line.removesuffix(b"\r")
        if GENERATED_LINE.fullmatch(line):
            return True
        if PACKAGE_CLAUSE.match(line):
            return False
    return False


def _named(path: str, found: Discovery) -> str | None:
    """'dir' or 'file' for a named path that can be taken; None (with a warning) otherwise."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            found.warnings.append((path, "broken symbolic link, skipped"))
            return None
        raise FileNotFoundError(errno.ENOENT, "no such file or directory", path) from None
    except OSError as exc:
        found.warnings.append((path, f"cannot read: {exc.strerror or exc}"))
        return None
    if stat.S_ISDIR(st.st_mode):
        return "dir"
    if not stat.S_ISREG(st.st_mode):
        found.warnings.append((path, "not a regular file, skipped"))
    elif not path.endswith(".go"):
        found.warnings.append((path, "not a Go file, skipped"))
    else:
        return "file"
    return None


# -- inside git: what git lists ----------------------------------------------------------------

def _from_git(repo: str, group: list[_Target], excluded: _Exclude, found: Discovery, seen: _Seen) -> bool:
    """Take the files git lists under the named directories of one repository (one listing);
    False when git cannot answer there."""
    prefixes = [_relative(os.path.realpath(t.path), repo) or "" for t in group]  # a named link: its target
    listing = gitfiles.list_files(repo, [] if "" in prefixes else sorted(set(prefixes)))
    if listing is None:
        return False
    real_root = os.path.realpath(repo)
    for target, prefix in zip(group, prefixes):
        _take(target, target.path, repo, real_root, prefix, listing, excluded, found, seen)
        if prefix and target.read == 0 and any(s.reason == IGNORED_BY_GIT for s in target.skips) \
                and gitfiles.is_ignored(repo, prefix + "/"):
            # The user named an ignored directory on purpose: it is read, honouring only the
            # ignore files inside it (like a file named on the command line).
            target.skips = [s for s in target.skips if s.reason != IGNORED_BY_GIT]
            found.notes.append((target.path, "named on the command line, so read although git ignores it "
                                             "(only the ignore files inside it apply)"))
            _walk(target, target.path, [], excluded, found, seen)
    return True


def _take(target: _Target, user_dir: str, repo: str, real_root: str, prefix: str, listing: gitfiles.Listing,
          excluded: _Exclude, found: Discovery, seen: _Seen) -> None:
    """Take the .go files of `listing` below `prefix` (the directory `user_dir`, relative to
    the work tree `repo`)."""
    start = prefix + "/" if prefix else ""
    abs_dir = _abs(user_dir)
    for rel in listing.files:
        if not rel.endswith(".go") or not rel.startswith(start):
            continue
        sub = rel[len(start):]
        user = os.path.normpath(os.path.join(user_dir, sub))
        why = _go_rule(sub) or excluded.why(os.path.join(abs_dir, sub))
        if why:
            target.skips.append(_Skip(user, why))
            continue
        try:
            st = os.lstat(os.path.join(repo, rel))
        except FileNotFoundError:
            continue  # tracked, but deleted from the work tree
        except OSError as exc:
            found.warnings.append((user, f"cannot read: {exc.strerror or exc}"))
            continue
        if stat.S_ISREG(st.st_mode):
            found.files.append(user)
            seen.real_files[user] = os.path.join(real_root, rel)
            target.read += 1
        elif stat.S_ISLNK(st.st_mode):
            if _take_link(user, found):
                target.read += 1
    for rel in listing.ignored:
        if rel.endswith(".go") and rel.startswith(start):
            sub = rel[len(start):]
            user = os.path.normpath(os.path.join(user_dir, sub))
            why = _go_rule(sub)
            target.skips.append(_Skip(user, why) if why else _Skip(user, IGNORED_BY_GIT, (repo, rel)))
    for rel in listing.repos:
        if not rel.startswith(start):
            continue
        sub = rel[len(start):]
        user = os.path.normpath(os.path.join(user_dir, sub))
        nested = os.path.join(repo, rel)
        if _go_rule(sub + "/x") or excluded.why(os.path.join(abs_dir, sub), True) \
                or not os.path.lexists(os.path.join(nested, ".git")):
            continue  # skipped like a directory; or a submodule that is not checked out
        inner = gitfiles.list_files(nested, [])
        if inner is None:
            _walk(target, user, _info_exclude(nested), excluded, found, seen)
        else:
            _take(target, user, nested, os.path.realpath(nested), "", inner, excluded, found, seen)


def _take_link(user: str, found: Discovery) -> bool:
    """A `.go` symbolic link is taken when it leads to a regular file."""
    try:
        st = os.stat(user)
    except FileNotFoundError:
        found.warnings.append((user, "broken symbolic link, skipped"))
        return False
    except OSError as exc:
        found.warnings.append((user, f"cannot read: {exc.strerror or exc}"))
        return False
    if stat.S_ISREG(st.st_mode):
        found.files.append(user)
        return True
    return False


def _go_rule(sub: str) -> str | None:
    """Why the go tool skips `sub`, a file's path below a named directory (`/`-separated)."""
    parts = sub.split("/")
    for part in parts[:-1]:
        if part == "vendor":
            return IN_VENDOR
        if part == "testdata":
            return IN_TESTDATA
        if part.startswith((".", "_")):
            return IN_HIDDEN_DIR
    return HIDDEN_NAME if parts[-1].startswith((".", "_")) else None


# -- outside git: a walk with git's rules ------------------------------------------------------

def _walk(target: _Target, top: str, ignores: list[gitignore.IgnoreFile], excluded: _Exclude,
          found: Discovery, seen: _Seen) -> None:
    """Walk `top` without following symlinked directories; `ignores` are outermost first."""
    top_abs = _abs(top)
    stack = [(top, top_abs, ignores)]
    seen.real_dirs[top_abs] = os.path.realpath(top)
    while stack:
        path, abs_path, ignores = stack.pop()
        real_path = seen.real_dirs[abs_path]
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            found.warnings.append((path, f"cannot read directory: {exc.strerror or exc}"))
            continue
        names = {e.name for e in entries}
        if ".git" in names and path != top:
            listing = gitfiles.list_files(abs_path, [])  # a repository inside: git lists it
            if listing is not None:
                _take(target, path, abs_path, real_path, "", listing, excluded, found, seen)
                continue
            ignores = _info_exclude(abs_path)  # without git: its own ignore rules
        if ".gitignore" in names:
            ignores = ignores + _read_ignore(abs_path, found)
        for entry in entries:
            name = entry.name
            child_abs = os.path.join(abs_path, name)
            if _is_dir(entry):
                if name == ".git":
                    continue
                why = _dir_rule(name) or _ignored(child_abs, True, ignores) or excluded.why(child_abs, True)
                if why:
                    target.skips.extend(_Skip(p, why) for p in _go_files_below(entry.path))
                else:
                    stack.append((entry.path, child_abs, ignores))
                    seen.real_dirs[child_abs] = os.path.join(real_path, name)
            elif name.endswith(".go"):
                child = os.path.normpath(entry.path)
                why = (HIDDEN_NAME if name.startswith((".", "_")) else None) \
                    or _ignored(child_abs, False, ignores) or excluded.why(child_abs)
                if why:
                    target.skips.append(_Skip(child, why))
                elif _add_walked_file(entry, child, found):
                    target.read += 1
                    if not entry.is_symlink():
                        seen.real_files[child] = os.path.join(real_path, name)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _dir_rule(name: str) -> str | None:
    if name == "vendor":
        return IN_VENDOR
    if name == "testdata":
        return IN_TESTDATA
    return IN_HIDDEN_DIR if name.startswith((".", "_")) else None


def _go_files_below(top: str) -> list[str]:
    """The .go files under a skipped directory (to say that they were skipped), cheaply: no
    links followed, no `.git` entered, names only."""
    out, stack = [], [top]
    while stack:
        path = stack.pop()
        try:
            with os.scandir(path) as it:
                for entry in it:
                    if _is_dir(entry):
                        if entry.name != ".git":
                            stack.append(entry.path)
                    elif entry.name.endswith(".go"):
                        out.append(os.path.normpath(entry.path))
        except OSError:
            continue
    return out


def _add_walked_file(entry: os.DirEntry, path: str, found: Discovery) -> bool:
    """Take a walked `.go` entry if it is (or links to) a regular file; True when taken."""
    taken = False
    try:
        if entry.is_file(follow_symlinks=True):
            found.files.append(path)
            taken = True
    except OSError as exc:
        found.warnings.append((path, f"cannot read: {exc.strerror or exc}"))
        return False
    if entry.is_symlink() and not os.path.exists(path):
        found.warnings.append((path, "broken symbolic link, skipped"))
    return taken


def _ignored(abs_path: str, is_dir: bool, ignores: list[gitignore.IgnoreFile]) -> str | None:
    """git's precedence: the deepest ignore file with a matching pattern decides (its last
    matching pattern); `.git/info/exclude` comes last. The reason, when ignored."""
    for ignore in reversed(ignores):
        rel = _relative(abs_path, ignore.base)
        if not rel:
            continue
        pattern = ignore.verdict(rel, is_dir)
        if pattern is not None:
            return None if pattern.negated else _ignored_by(ignore.source, pattern.line, pattern.text)
    return None


def _ignored_by(source: str, line: int, pattern: str) -> str:
    return f"ignored by {source} line {line}: {pattern}"


def _ancestor_ignores(top_abs: str) -> list[gitignore.IgnoreFile]:
    """The ignore rules above `top_abs` from its git work tree root (`.git/info/exclude`, then
    each `.gitignore`), outermost first.

    When those rules ignore `top_abs` itself, the user named an ignored directory on purpose:
    it is walked, honouring only the .gitignore files inside it.
    """
    git_root = gitfiles.work_tree_root(top_abs)
    if git_root is None or git_root == top_abs:
        return _info_exclude(top_abs) if git_root else []
    chain = []
    directory = os.path.dirname(top_abs)
    while True:
        chain.append(directory)
        if directory == git_root:
            break
        directory = os.path.dirname(directory)
    ignores = _info_exclude(git_root)
    for directory in reversed(chain):
        if _ignored(directory, True, ignores) and directory != git_root:
            return []
        ignores = ignores + _read_ignore(directory, None)
    return [] if _ignored(top_abs, True, ignores) else ignores


def _info_exclude(repo: str) -> list[gitignore.IgnoreFile]:
    """`.git/info/exclude` of the repository at `repo`, when its `.git` is a directory."""
    path = os.path.join(repo, ".git", "info", "exclude")
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return []
    return [gitignore.parse(text, os.path.relpath(path), repo)]


def _read_ignore(directory: str, found: Discovery | None) -> list[gitignore.IgnoreFile]:
    path = os.path.join(directory, ".gitignore")
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
    except FileNotFoundError:
        return []
    except OSError as exc:
        if found is not None:
            found.warnings.append((path, f"cannot read: {exc.strerror or exc}"))
        return []
    return [gitignore.parse(text, os.path.relpath(path), directory)]


# -- never silent --------------------------------------------------------------------------------

def _judge(targets: list[_Target], found: Discovery, explain: bool) -> None:
    """A named directory with .go files of which none was taken is a warning (it fails
    --strict), and so is one without any .go file; one that lost more than half is a notice.
    The reasons then name the ignore rule, as does every reason with `explain`."""
    loud = [t for t in targets if explain or _share_skipped(t) > LARGE_SHARE or not t.read]
    _name_the_rules([s for t in loud for s in t.skips if s.git])
    for t in targets:
        total = t.read + len(t.skips)
        if not total:
            found.warnings.append((t.path, "no .go file here"))
        elif not t.read:
            found.warnings.append((t.path, f"{total} .go file(s) found, none read: {_main_reasons(t.skips)}"))
        elif _share_skipped(t) > LARGE_SHARE:
            found.notices.append((t.path, f"{len(t.skips)} of {total} .go file(s) skipped: {_main_reasons(t.skips)}"))


def _share_skipped(t: _Target) -> float:
    total = t.read + len(t.skips)
    return len(t.skips) / total if total else 0.0


def _main_reasons(skips: list[_Skip]) -> str:
    """The reason most files were skipped for (all ignore rules count as one), with counts."""
    def category(reason: str) -> str:
        return IGNORED_BY_GIT if reason.startswith("ignored by ") else reason

    counts = sorted(Counter(category(s.reason) for s in skips).items(), key=lambda kv: (-kv[1], kv[0]))
    main, n = counts[0]
    if main == IGNORED_BY_GIT:
        rules = sorted(Counter(s.reason for s in skips if category(s.reason) == main).items(),
                       key=lambda kv: (-kv[1], kv[0]))
        if len(rules) == 1:
            main = rules[0][0]
        elif rules[0][0] != IGNORED_BY_GIT:
            main = f"{IGNORED_BY_GIT} ({rules[0][1]} of them {rules[0][0][len('ignored '):]})"
    rest = len(skips) - n
    more = f"; {rest} for other reasons" if rest else ""
    return f"{n} {main}{more} (-v lists them)"


def _name_the_rules(skips: list[_Skip]) -> None:
    """Ask git which rule ignores each of `skips` (one call per repository)."""
    by_repo: dict[str, list[_Skip]] = {}
    for s in skips:
        by_repo.setdefault(s.git[0], []).append(s)
    for repo, group in by_repo.items():
        sources = gitfiles.ignore_sources(repo, sorted({s.git[1] for s in group})) or {}
        for s in group:
            if s.git[1] in sources:
                source, line, pattern = sources[s.git[1]]
                shown = source if os.path.isabs(source) else os.path.relpath(os.path.join(repo, source))
                s.reason = _ignored_by(shown, line, pattern)


def _notes_on_named_files(files: list[str], excluded: _Exclude) -> list[tuple[str, str]]:
    """Named files are read even when ignored or excluded (as gofmt does): say so."""
    notes = []
    by_repo: dict[str | None, list[str]] = {}
    for path in files:
        by_repo.setdefault(gitfiles.work_tree_root(os.path.dirname(_abs(path))), []).append(path)
    for repo, group in by_repo.items():
        sources = None
        if repo is not None:
            sources = gitfiles.ignore_sources(repo, [_relative(_abs(p), repo) for p in group])
        for path in group:
            why = None
            if sources is not None:
                hit = sources.get(_relative(_abs(path), repo))
                if hit:
                    shown = hit[0] if os.path.isabs(hit[0]) else os.path.relpath(os.path.join(repo, hit[0]))
                    why = _ignored_by(shown, hit[1], hit[2])
            else:
                directory = os.path.dirname(_abs(path))
                why = _ignored(_abs(path), False, _ancestor_ignores(directory) + _read_ignore(directory, None))
            why = why or excluded.why(_abs(path))
            if why:
                notes.append((path, f"named on the command line, so read although {why}"))
    return sorted(notes)


def _relative(abs_path: str, base: str) -> str | None:
    """`abs_path` relative to `base` with forward slashes ('' for base itself), or None when it
    is not inside."""
    if abs_path == base:
        return ""
    prefix = base if base.endswith(os.sep) else base + os.sep
    if not abs_path.startswith(prefix):
        return None
    return abs_path[len(prefix):].replace(os.sep, "/")


def _abs(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


def _dedupe(files: list[str], seen: _Seen) -> list[str]:
    """One path per real file, preferring a non-symlink spelling; sorted.

    A file's real path is its directory's real path (known from the walk, or resolved once per
    directory) plus its name, unless the file itself is a link: far fewer system calls than
    resolving every path."""
    real_dirs = seen.real_dirs

    def real(path: str, link: bool) -> str:
        if link:
            return os.path.realpath(path)
        d, name = os.path.split(os.path.abspath(path))
        if d not in real_dirs:
            real_dirs[d] = os.path.realpath(d)
        return os.path.join(real_dirs[d], name)

    best: dict[str, tuple[bool, str]] = {}
    for path in set(files):
        key = seen.real_files.get(path)
        link = False if key is not None else os.path.islink(path)
        if key is None:
            key = real(path, link)
        candidate = (link, path)
        if key not in best or candidate < best[key]:
            best[key] = candidate
    return sorted(path for _, path in best.values())
