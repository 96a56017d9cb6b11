"""The words of `leakfix bot`: commit message, pull-request title and body, closing comment.

Everything here is a pure function of the fixes, so a re-run with the same fixes produces the
same title and body byte for byte (and the bot then sends no edit). The body carries MARKER, an
HTML comment by which the bot recognises its own pull requests.
"""
from __future__ import annotations

from .fixes import FixSet

MARKER = "<!-- leakfix-bot -->"


def _n(count: int, word: str, plural: str | None = None) -> str:
    """`1 fix`, `2 fixes`: the count with the word in the right number (plural: word + s unless given)."""
    return f"{count} {word if count == 1 else plural or word + 's'}"


def fixes_count(count: int) -> str:
    """`1 fix`, `2 fixes`."""
    return _n(count, "fix", "fixes")


def title(fixes: FixSet, rule: str | None = None) -> str:
    """`leakfix: fix 3 leak-prone spots` (with `in <rule>` for a per-rule pull request)."""
    text = f"leakfix: fix {_n(len(fixes.fixes), 'leak-prone spot')}"
    return f"{text} ({rule})" if rule else text


def commit_message(fixes: FixSet, rule: str | None = None) -> str:
    """Subject = the title; then each rule with its fixes as `path:line` (lines before the fix)."""
    lines = [title(fixes, rule), ""]
    for rid, files in fixes.by_rule().items():
        lines.append(f"{rid}: {fixes_count(sum(files.values()))}")
        for site in fixes.fixes:
            if site.rule == rid:
                lines.append(f"  {site.path}:{site.line}")
    lines += ["", "Made by `leakfix bot`. Suppress a fix with `//leakfix:ignore RULE` on its line."]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def body(fixes: FixSet, base: str, branch: str) -> str:
    """The pull request's description: a table of fixes, what each rule does, how to suppress one."""
    from leakfix.codemods import RULES

    table = fixes.by_rule()
    out = [MARKER,
           f"leakfix found leak-prone Go code on `{base}` and fixed it: "
           f"{fixes_count(len(fixes.fixes))} in {_n(len({s.path for s in fixes.fixes}), 'file')}. "
           "Please review the diff as you would a colleague's.",
           "",
           "| rule | file | fixes |",
           "|---|---|---:|"]
    for rid, files in table.items():
        for path, count in files.items():
            out.append(f"| `{rid}` | `{_cell(path)}` | {count} |")
    out += ["", "### What the rules do", ""]
    for rid in table:
        summary = RULES[rid].summary if rid in RULES else ""
        out.append(f"- `{rid}`: {summary}. `leakfix explain {rid}` says when the fix is applied.")
    example = next(iter(table), "defer-close")
    out += ["", "### Suppressing a fix", "",
            f"When a fix is wrong for one spot, put `//leakfix:ignore {example}` (the rule's id) at the end of "
            f"that line or alone on the line above it, and merge that into `{base}`: the next run leaves the spot out."]
    if fixes.left:
        out += ["", f"{_n(fixes.left, 'other finding')} cannot be fixed automatically; `leakfix check` lists them."]
    out += ["", "---",
            f"Made by `leakfix bot`, which rewrites branch `{branch}` on every run. It stops touching the branch "
            "as soon as someone else pushes to it."]
    return "\n".join(out) + "\n"


def closing_comment(base: str, branch: str) -> str:
    """Why the bot closes its pull request when nothing is left to fix."""
    return (f"{MARKER}\nleakfix finds nothing left to fix on `{base}` any more (the spots were fixed or "
            f"suppressed there), so this pull request is no longer needed. Closing it; branch `{branch}` "
            "is left as it is.\n")
