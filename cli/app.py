"""The `leakfix` command line: diff (default dry run), apply, check, list, explain.

Exit codes: 0 nothing to do; 1 findings (check), a non-empty diff (diff --exit-code) or findings
left unfixed (apply); 2 usage or runtime error, always as one line on stderr.
"""
from __future__ import annotations

import os
import sys
from enum import Enum
from typing import List, Optional

import typer

from leakfix import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False,
                  help="Find leak-prone Go code and rewrite it into reviewable patches.")


class Fatal(Exception):
    """A usage or runtime error: one line on stderr, exit 2."""


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    code_climate = "code-climate"
    checkstyle = "checkstyle"


PATHS = typer.Argument(None, help="Files or directories (default: .)", show_default=False)
ONLY = typer.Option(None, "--only", help="Run only these rules (comma-separated ids).")
SKIP = typer.Option(None, "--skip", help="Do not run these rules (comma-separated ids).")
FIX = typer.Option(None, "--fix", help="Also apply the fixes these rules offer only on request "
                   "(comma-separated ids, or `all`).")
JOBS = typer.Option(0, "--jobs", "-j", help="Worker processes (default: all cores).")
CONFIG = typer.Option(None, "--config", help="Use this .leakfix.toml instead of searching upward.")
NO_PROGRESS = typer.Option(False, "--no-progress", help="No progress bar.")
COLOR = typer.Option(Color.auto, "--color", help="Colour the output: auto, always, never.")
QUIET = typer.Option(False, "--quiet", "-q", help="Print only what was asked for (no summary, no warnings).")
NO_CACHE = typer.Option(False, "--no-cache", help="Analyse every file again instead of reusing cached results.")
VERBOSE = typer.Option(False, "--verbose", "-v", help="List on stderr every .go file left out, and why.")
STRICT = typer.Option(False, "--strict", help="Exit 2 when a file had to be skipped (unreadable, unparsable, too large).")
PROFILE = typer.Option(None, "--profile", help="A Go heap profile (pprof): limit sync-pool to the allocation "
                       "sites that matter, and enable it.")
PROFILE_SHARE = typer.Option(1.0, "--profile-share", help="Smallest share (percent) of allocated bytes "
                             "a site needs with --profile.")
NEW_FROM_REV = typer.Option(None, "--new-from-rev", metavar="REV",
                            help="Only findings (and fixes) on lines changed since REV (`git diff REV`, untracked files too).")
NEW_FROM_PATCH = typer.Option(None, "--new-from-patch", metavar="FILE",
                              help="Only findings (and fixes) on lines this unified diff adds (paths relative to here).")
NEW_FROM_MERGE_BASE = typer.Option(None, "--new-from-merge-base", metavar="REV",
                                   help="Only findings (and fixes) on lines changed since the merge base of REV and HEAD.")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"leakfix {__version__} (tree-sitter {_dist_version('tree-sitter')}, {_grammar_version()})")
        raise typer.Exit(0)


def _grammar_version() -> str:
    """The bundled Go grammar's version, as its parser records it (grammar/tree-sitter.json)."""
    try:
        from tree_sitter import Language

        from leakfix.engine import _go_grammar

        major, minor, patch = Language(_go_grammar.language()).semantic_version
        return f"tree-sitter-go {major}.{minor}.{patch} with Go 1.26's new(expr)"
    except Exception:  # a grammar that does not load is reported when a file is parsed
        return "tree-sitter-go unknown"


def _dist_version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "unknown"


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Find leak-prone Go code and rewrite it into reviewable patches.

    `leakfix diff` (a dry run) shows the fixes, `leakfix apply` writes them, `leakfix check`
    reports findings.
    """


# -- shared plumbing -------------------------------------------------------------------------

class Session:
    """What one diff/apply/check invocation works with: the engine's plan, and how to talk."""

    def __init__(self, paths, only, skip, jobs, config, no_progress, color, quiet, apply_fixes: bool,
                 no_cache: bool = False, profile: Optional[str] = None, profile_share: float = 1.0,
                 fix: Optional[str] = None, verbose: bool = False):
        from leakfix.engine import pipeline

        self.paths = paths or ["."]
        try:
            self.plan = pipeline.plan(self.paths, only=only, skip=skip, fix=fix, config_file=config,
                                      profile=profile, profile_share=profile_share, explain=verbose)
        except pipeline.UsageError as exc:
            raise Fatal(str(exc)) from None
        except FileNotFoundError as exc:
            raise Fatal(f"{exc.filename or exc}: no such file or directory") from None
        self.config = self.plan.config
        self.rule_ids = self.plan.rule_ids
        self.files = self.plan.files
        self.warnings = self.plan.warnings
        self.quiet = quiet
        self.color = color == Color.always or (color == Color.auto and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
        self.err_color = color == Color.always or (color == Color.auto and sys.stderr.isatty() and not os.environ.get("NO_COLOR"))
        self.discovery, self.verbose = self.plan.discovery, verbose
        self.jobs = jobs if jobs and jobs > 0 else None
        self.progress = not no_progress and not quiet and sys.stderr.isatty() and len(self.files) > 50
        self.apply_fixes = apply_fixes
        self.no_cache = no_cache
        self.new_code = None  # engine.newcode.NewCode: limit findings and fixes to a change

    def limit_to_change(self, rev: Optional[str], patch: Optional[str], merge_base: Optional[str]) -> None:
        """--new-from-rev/-patch/-merge-base: read the change (at most one of them)."""
        from leakfix.engine import newcode

        given = [(name, v) for name, v in (("--new-from-rev", rev), ("--new-from-patch", patch),
                                           ("--new-from-merge-base", merge_base)) if v]
        if len(given) > 1:
            raise Fatal(f"{given[0][0]} and {given[1][0]} cannot be used together")
        try:
            if rev:
                self.new_code = newcode.from_rev(rev)
            elif patch:
                self.new_code = newcode.from_patch_file(patch)
            elif merge_base:
                self.new_code = newcode.from_merge_base(merge_base)
        except newcode.ChangeError as exc:
            raise Fatal(f"{given[0][0]}: {exc}") from None

    def findings(self, result) -> list:
        """The run's findings, only those on changed lines when limited to a change."""
        if self.new_code is None:
            return result.findings
        return self.new_code.keep(result.findings)

    def run(self):
        from leakfix.engine import pipeline

        fix_lines = None
        if self.new_code is not None:
            fix_lines = {os.path.abspath(p): self.new_code.lines_of(p) for p in self.files}
        if not self.progress:
            return pipeline.execute(self.plan, apply_fixes=self.apply_fixes, cache=not self.no_cache, jobs=self.jobs,
                                    fix_lines=fix_lines)
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
        from rich.console import Console

        with Progress(TextColumn("leakfix"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("files", total=len(self.files))
            return pipeline.execute(self.plan, apply_fixes=self.apply_fixes, cache=not self.no_cache, jobs=self.jobs,
                                    progress=lambda n: bar.advance(task, n), fix_lines=fix_lines)

    def warn_all(self) -> None:
        if self.quiet:
            return
        for path, msg in sorted(self.warnings):
            _err(f"leakfix: warning: {path}: {msg}")
        self.tell_skipped()

    def tell_skipped(self) -> None:
        """A PATH that lost most of its .go files says so; -v lists every file left out, and why."""
        if self.quiet:
            return
        for path, msg in self.discovery.notices:
            _err(f"leakfix: warning: {path}: {msg}")
        if self.verbose:
            from leakfix.engine.discover import GENERATED, generated

            skipped = self.discovery.skipped + [(p, GENERATED) for p in generated(self.files)]
            for path, why in sorted(skipped):
                _err(f"leakfix: skipped: {path}: {why}")
            for path, note in self.discovery.notes:
                _err(f"leakfix: note: {path}: {note}")
            from leakfix.engine.index import dependency_report

            for path, line in dependency_report(self.files[:1] + self.files[-1:]):
                _err(f"leakfix: note: {path}: {line}")

    def strict_check(self, strict: bool) -> None:
        """With --strict, a skipped file makes the run fail (after its output was written)."""
        if strict and self.warnings:
            raise Fatal(f"--strict: {len(self.warnings)} warning(s)")


def _say_left(left: list, what: str, color: bool = False, listed: bool = False) -> None:
    """How many findings are left, telling apart those whose fix is withheld (and how to apply it);
    `listed`: each count is followed by exactly the findings it counts."""
    from leakfix.engine.report import render_text

    withheld = [f for f in left if f.withheld]
    by_hand = [f for f in left if not f.withheld]
    if withheld:
        rules = ",".join(sorted({f.rule for f in withheld}))
        _err(f"leakfix: {len(withheld)} finding(s) with a fix applied only on request; `--fix {rules}` applies them"
             + (":" if listed else ""))
        if listed:
            sys.stderr.write(render_text(withheld, [], color))
    if by_hand:
        _err(f"leakfix: {len(by_hand)} finding(s) {what}" + (":" if listed else ""))
        if listed:
            sys.stderr.write(render_text(by_hand, [], color))


def _err(line: str) -> None:
    sys.stderr.write(line + "\n")


def _out_bytes(data: bytes) -> None:
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        # the reader went away (`leakfix diff | head`): stop quietly, like other filters
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(0) from None


# -- commands --------------------------------------------------------------------------------

@app.command()
def diff(paths: Optional[List[str]] = PATHS, only: Optional[str] = ONLY, skip: Optional[str] = SKIP,
         fix: Optional[str] = FIX, jobs: int = JOBS, config: Optional[str] = CONFIG, no_progress: bool = NO_PROGRESS,
         color: Color = COLOR, quiet: bool = QUIET, no_cache: bool = NO_CACHE,
         profile: Optional[str] = PROFILE, profile_share: float = PROFILE_SHARE, strict: bool = STRICT,
         verbose: bool = VERBOSE, new_from_rev: Optional[str] = NEW_FROM_REV, new_from_patch: Optional[str] = NEW_FROM_PATCH,
         new_from_merge_base: Optional[str] = NEW_FROM_MERGE_BASE,
         exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when the diff is not empty.")) -> int:
    """Print the fixes as a unified diff (git apply / patch -p1 take it). Writes nothing."""
    from leakfix.engine.diff import relpath_for_diff, unified_diff

    s = Session(paths, only, skip, jobs, config, no_progress, color, quiet, apply_fixes=True, no_cache=no_cache,
                profile=profile, profile_share=profile_share, fix=fix, verbose=verbose)
    s.limit_to_change(new_from_rev, new_from_patch, new_from_merge_base)
    result = s.run()
    changed = 0
    for r in result.results:
        if r.changed:
            changed += 1
            _out_bytes(unified_diff(r.old, r.new, relpath_for_diff(r.path)))
    s.warn_all()
    left = [f for f in s.findings(result) if not f.fixed]
    if left and not quiet:
        _say_left(left, "cannot be fixed automatically; see `leakfix check`")
    s.strict_check(strict)
    return 1 if exit_code and changed else 0


@app.command()
def apply(paths: Optional[List[str]] = PATHS, only: Optional[str] = ONLY, skip: Optional[str] = SKIP,
          fix: Optional[str] = FIX, jobs: int = JOBS, config: Optional[str] = CONFIG, no_progress: bool = NO_PROGRESS,
          color: Color = COLOR, quiet: bool = QUIET, no_cache: bool = NO_CACHE,
          profile: Optional[str] = PROFILE, profile_share: float = PROFILE_SHARE, strict: bool = STRICT,
          verbose: bool = VERBOSE, new_from_rev: Optional[str] = NEW_FROM_REV,
          new_from_patch: Optional[str] = NEW_FROM_PATCH, new_from_merge_base: Optional[str] = NEW_FROM_MERGE_BASE) -> int:
    """Write the fixes in place (atomically) and summarise on stderr. Exit 1 when findings are
    left (those `leakfix check` would report now), 0 when everything was fixed."""
    from leakfix.engine import pipeline

    s = Session(paths, only, skip, jobs, config, no_progress, color, quiet, apply_fixes=True, no_cache=no_cache,
                profile=profile, profile_share=profile_share, fix=fix, verbose=verbose)
    s.limit_to_change(new_from_rev, new_from_patch, new_from_merge_base)
    result = s.run()
    try:
        done = pipeline.write(result.results)
    except KeyboardInterrupt as exc:
        # every file is either written whole or untouched: say how far it got
        so_far = getattr(exc, "written", None)
        n = len(so_far.files) if so_far is not None else 0
        total = so_far.total if so_far is not None else sum(1 for r in result.results if r.changed)
        _err(f"leakfix: interrupted after writing {n} of {total} file(s); the others are unchanged")
        raise
    s.warnings.extend(done.failures)
    written, failed, per_rule = len(done.files), len(done.failures), done.per_rule
    s.warn_all()
    left = [f for f in s.findings(result) if not f.fixed]
    if not quiet:
        rules = ", ".join(f"{k}: {v}" for k, v in sorted(per_rule.items()))
        _err(f"leakfix: {sum(per_rule.values())} fix(es) in {written} file(s)" + (f" ({rules})" if rules else ""))
        if left:
            _say_left(left, "left to fix by hand", s.err_color, listed=True)
    if failed:
        raise Fatal(f"{failed} file(s) could not be written")
    s.strict_check(strict)
    return 1 if left else 0


@app.command()
def check(paths: Optional[List[str]] = PATHS, only: Optional[str] = ONLY, skip: Optional[str] = SKIP,
          fix: Optional[str] = FIX, jobs: int = JOBS, config: Optional[str] = CONFIG, no_progress: bool = NO_PROGRESS,
          color: Color = COLOR, quiet: bool = QUIET, no_cache: bool = NO_CACHE,
          profile: Optional[str] = PROFILE, profile_share: float = PROFILE_SHARE, strict: bool = STRICT,
          verbose: bool = VERBOSE, new_from_rev: Optional[str] = NEW_FROM_REV,
          new_from_patch: Optional[str] = NEW_FROM_PATCH, new_from_merge_base: Optional[str] = NEW_FROM_MERGE_BASE,
          format: Optional[Format] = typer.Option(None, "--format", help="On stdout: text (default), json, sarif, "
                                                  "github, code-climate or checkstyle."),
          output: Optional[List[str]] = typer.Option(None, "--output", metavar="FORMAT:PATH",
                                                     help="Also write this format to PATH (`-`: stdout); repeatable.")) -> int:
    """Report findings; write nothing. Exit 1 when there are any."""
    outputs = _parse_outputs(output or [])
    if format is not None or not outputs:
        outputs.insert(0, (format or Format.text, "-"))
    s = Session(paths, only, skip, jobs, config, no_progress, color, quiet, apply_fixes=False, no_cache=no_cache,
                profile=profile, profile_share=profile_share, fix=fix, verbose=verbose)
    s.limit_to_change(new_from_rev, new_from_patch, new_from_merge_base)
    result = s.run()
    findings = s.findings(result)
    errors = sorted(set(s.warnings))
    for fmt, path in outputs:
        text = _render(fmt, findings, errors, result, s.color if path == "-" else False)
        if path == "-":
            sys.stdout.write(text)
        else:
            try:
                with open(path, "w", encoding="utf-8", errors="surrogateescape") as fh:
                    fh.write(text)
            except OSError as exc:
                raise Fatal(f"--output {fmt.value}:{path}: {exc.strerror or exc}") from None
    if not all(fmt == Format.text or path != "-" for fmt, path in outputs):
        s.tell_skipped()  # the documents on stdout carry the warnings
    else:
        s.warn_all()
        if not quiet:
            for r in result.results:
                for line in r.unused_suppressions:
                    _err(f"leakfix: warning: {r.path}:{line}: //leakfix:ignore suppresses nothing")
            if findings:
                applied = sum(1 for f in findings if f.applies)
                withheld = [f for f in findings if f.withheld]
                line = f"leakfix: {len(findings)} finding(s), {applied} fixed by `leakfix apply`"
                if withheld:
                    rules = ",".join(sorted({f.rule for f in withheld}))
                    line += f", {len(withheld)} more with `--fix {rules}`"
                _err(line)
    s.strict_check(strict)
    return 1 if findings else 0


def _parse_outputs(values: list[str]) -> list:
    """`FORMAT:PATH` values of --output as (Format, path)."""
    out = []
    for value in values:
        name, sep, path = value.partition(":")
        if not sep or not path:
            raise Fatal(f"--output {value}: expected FORMAT:PATH (PATH `-` is stdout)")
        try:
            out.append((Format(name), path))
        except ValueError:
            raise Fatal(f"--output {value}: unknown format {name!r} (one of "
                        f"{', '.join(f.value for f in Format)})") from None
    return out


def _render(fmt: Format, findings: list, errors: list, result, color: bool) -> str:
    """The whole output of one format."""
    from leakfix.engine import report
    from leakfix.engine.newcode import repo_root

    if fmt == Format.text:
        return report.render_text(findings, [], color)
    bodies = {r.path: _body(r.old) for r in result.results if r.findings}
    if fmt == Format.json:
        return report.render_json(findings, errors, bodies)
    if fmt == Format.sarif:
        from leakfix.codemods import RULES

        rules = [rule_meta(rid) for rid in RULES]
        return report.render_sarif(findings, errors, rules, bodies, __version__, _homepage())
    if fmt == Format.github:
        return report.render_github(findings, errors, repo_root())
    if fmt == Format.code_climate:
        return report.render_code_climate(findings, errors, bodies, repo_root())
    return report.render_checkstyle(findings, errors)


def _homepage() -> str:
    """The repository URL of pyproject's [project.urls] (installed metadata), else the default."""
    from importlib.metadata import PackageNotFoundError, metadata

    from leakfix.engine.report import INFORMATION_URI

    try:
        urls = metadata("leakfix").get_all("Project-URL") or []
    except PackageNotFoundError:
        return INFORMATION_URI
    found = dict(u.split(",", 1) for u in urls if "," in u)
    found = {k.strip().lower(): v.strip() for k, v in found.items()}
    return found.get("repository") or found.get("homepage") or INFORMATION_URI


def _body(raw: bytes) -> bytes:
    return raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw


def rule_meta(rid: str) -> dict:
    from leakfix.codemods import RULES

    cls = RULES[rid]
    return {"id": rid, "summary": cls.summary, "doc": cls.doc, "default_enabled": cls.default_enabled,
            "default": _default(rid), "on_request": getattr(cls, "on_request", ""),
            "help_uri": f"{_homepage()}/blob/main/README.md#rule-{rid}"}


@app.command("list")
def list_rules() -> int:
    """List every rule, one line each: id, on/off by default, what it does, which fixes apply only
    on request."""
    from leakfix.codemods import RULES

    width = max(len(r) for r in RULES)
    for rid, cls in RULES.items():
        extra = f" (on request: {cls.on_request})" if getattr(cls, "on_request", "") else ""
        sys.stdout.write(f"{rid:<{width}}  {_default(rid):<3}  {cls.summary}{extra}\n")
    return 0


def _default(rid: str) -> str:
    """on (runs and applies its default fixes without flags) or off (opt-in)."""
    from leakfix.codemods import RULES

    return "on" if RULES[rid].default_enabled else "off"


@app.command()
def explain(rule: str = typer.Argument(..., help="A rule id from `leakfix list`.")) -> int:
    """Explain a rule: what it does, why, an example, and when its fix is applied."""
    from leakfix.codemods import RULES
    from leakfix.engine.pipeline import _did_you_mean

    if rule not in RULES:
        raise Fatal(f"unknown rule {rule!r}{_did_you_mean(rule)} (see `leakfix list`)")
    cls = RULES[rule]
    if cls.default_enabled:
        default = "on: its fixes are applied without flags"
    else:
        default = f"off: `--only {rule}` or `[rules] enable` runs it, and its fixes are then applied"
    on_request = getattr(cls, "on_request", "")
    if on_request:
        default += f"; on request only (`--fix {rule}` or `[rules] fix`): {on_request}"
    sys.stdout.write(f"# {rule}\n\n{cls.summary}. Default: {default}.\n\n{cls.doc}")
    return 0


_SIGNALLED = False


def _on_sigterm_interrupt() -> None:
    """SIGTERM interrupts like Ctrl-C (so a write in progress is rolled back) and exits 143."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return

    def handler(signum, frame):
        global _SIGNALLED
        _SIGNALLED = True
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def main(argv: Optional[list[str]] = None) -> None:
    """Console entry point: run the app, turning every error into one line and exit code 2."""
    args = sys.argv[1:] if argv is None else argv
    _on_sigterm_interrupt()
    try:
        code = app(args=args or ["--help"], prog_name="leakfix", standalone_mode=False)
    except typer.Exit as exc:
        code = exc.exit_code
    except (typer.Abort, KeyboardInterrupt):  # reported below, like typer's own 130
        code = 130
    except Fatal as exc:
        _err(f"leakfix: error: {exc}")
        code = 2
    except BrokenPipeError:
        code = 0
    except Exception as exc:  # never a traceback
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):  # click's usage errors (typer vendors click)
            _err(f"leakfix: error: {exc.format_message()}")
            code = 2
        else:
            _err(f"leakfix: internal error: {type(exc).__name__}: {exc}")
            code = 2
    if code == 130 and _SIGNALLED:  # typer returns 130 for an interrupt it caught itself
        _err("leakfix: terminated")
        code = 143
    elif code == 130:
        _err("leakfix: interrupted")
    sys.exit(code if isinstance(code, int) else 0)


from leakfix import bot_command  # noqa: E402  (the bot command lives in its own module)

bot_command.register(app)
