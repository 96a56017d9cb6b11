"""leakfix.bot: open and maintain one pull request (GitLab: merge request) of leakfix's fixes on a forge.

`leakfix bot` fetches the base branch into a temporary git worktree, runs the fixes there,
commits them as the bot, pushes the bot's branch and opens, updates or closes its pull request.

Modules, one job each:

- `forge`: the `Forge` interface (the few pull-request and listing operations the bot needs) and
  its errors;
- `transport`: HTTP with bounded retries, rate-limit waits (one budget shared by threads) and
  one-line, token-free errors;
- `github`, `gitea`, `gitlab`: `Forge` for GitHub's REST API, Gitea/Forgejo's, and GitLab's
  merge requests (REST v4);
- `git`: the git plumbing (fetch, worktree, commit, push with an auth header from the environment);
- `fixes`: run leakfix's rules on a tree and say what they fixed, per rule and file;
- `message`: the commit message, pull-request title, body and closing comment;
- `run`: the flow that ties them together;
- `campaign`: `leakfix campaign`, the bot over many repositories (clones, shards, state, jobs);
- `campaign_report`: campaign reports: JSON, merging shards, Markdown and HTML dashboards.
"""
