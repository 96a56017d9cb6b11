"""The `leakfix bot` command: keep one pull request of leakfix's fixes open on GitHub, Gitea or GitLab.

Only option parsing lives here; the flow is `leakfix.bot.run`. Exit codes: 0 success, 1 the
forge or remote refused something, 2 usage error (one line on stderr).
"""
from __future__ import annotations

import os
from typing import List, Optional

import typer


def register(app: typer.Typer) -> None:
    """Add the `bot` command to `app`."""

    @app.command()
    def bot(path: str = typer.Argument(".", help="A directory (or file, or a pattern like ./...) inside the git work tree; only it is fixed."),
            repo: Optional[str] = typer.Option(None, "--repo", help="OWNER/NAME on the forge, GROUP[/SUBGROUP...]/NAME on GitLab (default: from origin's URL)."),
            base: Optional[str] = typer.Option(None, "--base", help="Branch to fix and to open the pull request against (default: the repository's default branch)."),
            branch: str = typer.Option("leakfix/fixes", "--branch", help="The bot's branch."),
            api_url: Optional[str] = typer.Option(None, "--api-url", help="API root (default: $GITHUB_API_URL, else https://api.github.com; GitLab: $CI_API_V4_URL, else https://HOST/api/v4)."),
            dry_run: bool = typer.Option(False, "--dry-run", help="Print the diff, branch, title and body; push and post nothing."),
            draft: bool = typer.Option(False, "--draft", help="Open the pull request as a draft (GitHub)."),
            label: Optional[List[str]] = typer.Option(None, "--label", help="Label for the pull request (repeatable)."),
            only: Optional[str] = typer.Option(None, "--only", help="Run only these rules (comma-separated ids)."),
            skip: Optional[str] = typer.Option(None, "--skip", help="Do not run these rules (comma-separated ids)."),
            fix: Optional[str] = typer.Option(None, "--fix", help="Also apply the fixes these rules offer only on request (comma-separated ids, or `all`)."),
            group_by: Optional[str] = typer.Option(None, "--group-by", help="'rule': one branch <branch>-<rule> and pull request per rule."),
            author: str = typer.Option("leakfix[bot] <leakfix-bot@users.noreply.github.com>", "--author", help="Author of the bot's commits, \"Name <email>\"."),
            forge: str = typer.Option("github", "--forge", help="github, gitea (Gitea and Forgejo) or gitlab (merge requests)."),
            ) -> int:
        """Push leakfix's fixes of origin's base branch to a branch and keep a pull request for them.

        Token: LEAKFIX_TOKEN, else GITHUB_TOKEN. The user's checkout is never touched.
        """
        from leakfix.app import Fatal
        from leakfix.bot.run import Options, UsageError, run, token_from_env
        from leakfix.engine.discover import package_dir

        opts = Options(path=package_dir(path), repo=repo, base=base, branch=branch, api_url=api_url, token=token_from_env(os.environ),
                       dry_run=dry_run, draft=draft, labels=list(label or []), only=only, skip=skip, fix=fix,
                       group_by=group_by, author=author, forge=forge)
        try:
            return run(opts)
        except UsageError as exc:
            raise Fatal(str(exc)) from None
