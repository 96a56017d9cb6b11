"""The `leakfix campaign` command: `leakfix bot` over many repositories, and `campaign report`.

    leakfix campaign [REPOS_FILE] [options]          run (the flow is `leakfix.bot.campaign`)
    leakfix campaign report R1.json R2.json ...      merge shard reports into one dashboard

Only option parsing lives here. Exit codes: 0 no repository failed, 1 some did, 2 usage error.
"""
from __future__ import annotations

import os
import sys
from typing import List, Optional

import typer
from typer.core import TyperGroup


class _RunByDefault(TyperGroup):
    """`campaign ARGS` means `campaign run ARGS` unless ARGS starts with a subcommand or --help."""

    def parse_args(self, ctx, args):
        if not args:
            args = ["--help"]
        elif args[0] not in ("run", "report", "--help", "-h"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


def register(app: typer.Typer) -> None:
    """Add the `campaign` command (and its `report` subcommand) to `app`."""
    campaign = typer.Typer(cls=_RunByDefault, rich_markup_mode=None, add_completion=False,
                           help="Run the bot over many repositories (`campaign [REPOS_FILE] ...`, the same as "
                                "`campaign run`: see `leakfix campaign run --help` for its options), or merge "
                                "campaign reports (`campaign report R.json ...`).")

    @campaign.command("run")
    def run(repos_file: Optional[str] = typer.Argument(None, metavar="[REPOS_FILE]", help="OWNER/NAME per line (# comments, blank lines ignored); - reads stdin."),
            org: Optional[str] = typer.Option(None, "--org", help="Every repository of this organisation (or user), from the forge's API."),
            include_archived: bool = typer.Option(False, "--include-archived", help="With --org: run archived repositories too."),
            include_forks: bool = typer.Option(False, "--include-forks", help="With --org: run forks too."),
            git_url: Optional[str] = typer.Option(None, "--git-url", help="Clone URL template; {repo} becomes OWNER/NAME (default: the forge's, e.g. https://github.com/{repo}.git)."),
            workdir: Optional[str] = typer.Option(None, "--workdir", help="Work folder for clones, logs, patches and the run's state (default: the user cache folder's leakfix/campaign)."),
            jobs: int = typer.Option(4, "--jobs", "-j", help="Repositories processed at the same time."),
            shard: Optional[str] = typer.Option(None, "--shard", help="K/N: only this share of the repositories (a stable hash of each name)."),
            report: Optional[str] = typer.Option(None, "--report", help="Write the JSON report here."),
            restart: bool = typer.Option(False, "--restart", help="Ignore the state of an unfinished run: run every repository again."),
            write_interval: float = typer.Option(1.0, "--write-interval", help="Seconds between two write requests to the forge, all jobs together."),
            progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: when stderr is a terminal)."),
            base: Optional[str] = typer.Option(None, "--base", help="Branch to fix in every repository (default: each repository's default branch)."),
            branch: str = typer.Option("leakfix/fixes", "--branch", help="The bot's branch."),
            api_url: Optional[str] = typer.Option(None, "--api-url", help="API root (default: $GITHUB_API_URL, else https://api.github.com)."),
            dry_run: bool = typer.Option(False, "--dry-run", help="Push and post nothing; write each repository's patch under the work folder."),
            draft: bool = typer.Option(False, "--draft", help="Open pull requests as drafts (GitHub)."),
            label: Optional[List[str]] = typer.Option(None, "--label", help="Label for new pull requests (repeatable)."),
            only: Optional[str] = typer.Option(None, "--only", help="Run only these rules (comma-separated ids)."),
            skip: Optional[str] = typer.Option(None, "--skip", help="Do not run these rules (comma-separated ids)."),
            fix: Optional[str] = typer.Option(None, "--fix", help="Also apply the fixes these rules offer only on request (comma-separated ids, or `all`)."),
            group_by: Optional[str] = typer.Option(None, "--group-by", help="'rule': one branch and pull request per rule."),
            author: str = typer.Option("leakfix[bot] <leakfix-bot@users.noreply.github.com>", "--author", help="Author of the bot's commits, \"Name <email>\"."),
            forge: str = typer.Option("github", "--forge", help="github or gitea (Gitea and Forgejo)."),
            ) -> int:
        """Open or update one pull request of leakfix's fixes in each repository that needs one.

        Token: LEAKFIX_TOKEN, else GITHUB_TOKEN. Each repository's own .leakfix.toml applies.
        """
        from leakfix.app import Fatal
        from leakfix.bot.campaign import Campaign, CampaignOptions, parse_repo_list, parse_shard
        from leakfix.bot.run import Options, UsageError, token_from_env

        try:
            repos = None
            if repos_file is not None:
                repos = parse_repo_list(_read_input(repos_file), "stdin" if repos_file == "-" else repos_file)
            bot = Options(branch=branch, base=base, api_url=api_url, token=token_from_env(os.environ),
                          dry_run=dry_run, draft=draft, labels=list(label or []), only=only, skip=skip, fix=fix,
                          group_by=group_by, author=author, forge=forge)
            opts = CampaignOptions(bot=bot, repos=repos, org=org, include_archived=include_archived,
                                   include_forks=include_forks, git_url=git_url, workdir=workdir, jobs=jobs,
                                   shard=parse_shard(shard) if shard is not None else None, report=report,
                                   restart=restart, write_interval=write_interval)
            show = sys.stderr.isatty() if progress is None else progress
            with _Display(show) as display:
                return Campaign(opts, err=display.err, on_entry=display.entry).run()
        except UsageError as exc:
            raise Fatal(str(exc)) from None

    @campaign.command("report")
    def report_(reports: List[str] = typer.Argument(..., metavar="REPORT.json...", help="Reports of `leakfix campaign --report` (one per shard)."),
                markdown: Optional[str] = typer.Option(None, "--markdown", help="Write the Markdown dashboard here (- for stdout)."),
                html: Optional[str] = typer.Option(None, "--html", help="Write the HTML dashboard here (- for stdout)."),
                output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the merged JSON report here."),
                ) -> int:
        """Merge campaign reports: status per repository, fixes per rule, links to the pull requests.

        Without --markdown, --html or --output the Markdown goes to stdout.
        """
        from leakfix.app import Fatal
        from leakfix.bot import campaign_report as cr

        try:
            merged = cr.merge(list(reports))
        except cr.ReportError as exc:
            raise Fatal(str(exc)) from None
        for repo in dict.fromkeys(merged.duplicates):
            sys.stderr.write(f"leakfix: campaign report: {repo} is in more than one report; the last one counts\n")
        if not (markdown or html or output):
            markdown = "-"
        for dest, text in ((markdown, cr.markdown), (html, cr.html)):
            if dest:
                _write(dest, text(merged))
        if output:
            import json

            _write(output, json.dumps(merged.to_json(), indent=2) + "\n")
        return 0

    app.add_typer(campaign, name="campaign")


def _read_input(path: str) -> str:
    from leakfix.bot.run import UsageError

    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from None


def _write(dest: str, text: str) -> None:
    if dest == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    with open(dest, "w", encoding="utf-8") as f:
        f.write(text)


class _Display:
    """A rich progress bar on a terminal, else one line per repository on stderr."""

    def __init__(self, show: bool):
        self.show = show
        self.err = sys.stderr
        self._progress = None
        self._task = None

    def __enter__(self) -> "_Display":
        if self.show:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("leakfix campaign"), BarColumn(), MofNCompleteColumn(),
                                      TimeElapsedColumn(), TextColumn("{task.description}"),
                                      console=Console(file=sys.stderr), transient=False)
            self._progress.__enter__()
            self.err = sys.stderr  # rich's redirect, so that lines print above the bar
            self._task = self._progress.add_task("", total=None)
        return self

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)

    def entry(self, entry, done: int, total: int) -> None:
        pr = entry.pull_request
        line = f"[{done}/{total}] {entry.repo}: {entry.status}"
        if pr:
            line += f" #{pr['number']} {pr.get('url') or ''}".rstrip()
        if entry.error or entry.note:
            line += f" ({entry.error or entry.note})"
        if self._progress is not None:
            self._progress.update(self._task, total=total, completed=done, description=entry.repo)
            self._progress.console.print(line, markup=False, highlight=False)
        else:
            self.err.write(f"leakfix: campaign: {line}\n")
            self.err.flush()
