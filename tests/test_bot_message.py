"""The bot's words: counts in the right number everywhere (1 fix, 2 fixes; 1 file, 2 files)."""
from __future__ import annotations

from leakfix.bot import message
from leakfix.bot.fixes import FixedSite, FixSet


def fixset(n_fixes: int, n_files: int, left: int = 0) -> FixSet:
    sites = [FixedSite("defer-close", f"f{i % n_files}.go", 10 + i) for i in range(n_fixes)]
    return FixSet(fixes=sites, left=left)


def test_one_fix_in_one_file_and_one_other_finding_are_singular():
    fs = fixset(1, 1, left=1)
    body = message.body(fs, "main", "leakfix/fixes")
    assert "fixed it: 1 fix in 1 file." in body
    assert "1 other finding cannot be fixed automatically" in body
    assert message.title(fs) == "leakfix: fix 1 leak-prone spot"
    assert "defer-close: 1 fix\n" in message.commit_message(fs)


def test_several_are_plural_and_never_fixs():
    fs = fixset(3, 2, left=2)
    body = message.body(fs, "main", "leakfix/fixes")
    text = body + message.commit_message(fs) + message.title(fs)
    assert "fixed it: 3 fixes in 2 files." in body
    assert "2 other findings cannot be fixed automatically" in body
    assert message.title(fs) == "leakfix: fix 3 leak-prone spots"
    assert "defer-close: 3 fixes\n" in message.commit_message(fs)
    assert "fixs" not in text and "(s)" not in text and "(es)" not in text


def test_fixes_count():
    assert [message.fixes_count(n) for n in (0, 1, 2)] == ["0 fixes", "1 fix", "2 fixes"]
