"""The forge interface: the few pull-request operations `leakfix bot` needs, and its errors.

A `Forge` is bound to one repository. Implementations: `leakfix.bot.github.GitHub`,
`leakfix.bot.gitea.Gitea` and `leakfix.bot.gitlab.GitLab` (merge requests). Every error they raise is a `ForgeError` whose message is one line
and never contains the token.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field


class ForgeError(Exception):
    """The forge refused a request or could not be reached; the message is one token-free line."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


@dataclass
class PullRequest:
    """An open or closed pull request, as much of it as the bot reads."""

    number: int
    title: str
    body: str
    url: str = ""
    head: str = ""
    state: str = "open"
    labels: list[str] = field(default_factory=list)


@dataclass
class Repository:
    """One repository of an organisation's listing."""

    full_name: str
    archived: bool = False
    fork: bool = False


class Forge(ABC):
    """One repository on a forge (GitHub, Gitea, GitLab)."""

    #: Username for git's HTTP basic auth together with the token as password.
    git_username = "x-access-token"

    @abstractmethod
    def default_branch(self) -> str:
        """The repository's default branch."""

    @abstractmethod
    def find_pull(self, branch: str, state: str = "open") -> PullRequest | None:
        """The newest pull request in `state` ("open" or "closed") whose head is `branch` of this repository."""

    def find_open_pull(self, branch: str) -> PullRequest | None:
        return self.find_pull(branch, "open")

    @abstractmethod
    def create_pull(self, branch: str, base: str, title: str, body: str, draft: bool = False,
                    labels: list[str] | None = None) -> PullRequest:
        """Open a pull request from `branch` into `base`, with these labels (by name)."""

    @abstractmethod
    def update_pull(self, number: int, *, title: str | None = None, body: str | None = None,
                    state: str | None = None) -> PullRequest:
        """Change a pull request's title, body or state ("open", "closed")."""

    @abstractmethod
    def add_labels(self, number: int, labels: list[str]) -> None:
        """Add labels (by name) to a pull request."""

    @abstractmethod
    def comment(self, number: int, body: str) -> None:
        """Add a comment to a pull request's conversation."""

    def org_repositories(self, org: str) -> list[Repository]:
        """Every repository of the organisation (or user) `org`, archived ones and forks included;
        the repository this forge is bound to plays no part."""
        raise NotImplementedError(f"{type(self).__name__} cannot list an organisation's repositories")

    def close(self) -> None:
        """Release connections."""
