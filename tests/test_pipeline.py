"""The one pipeline every front end uses (engine/pipeline.py): the bot gets exactly what
`leakfix apply` does, and selection errors are usage errors naming the nearest rule."""
from __future__ import annotations

import subprocess
import sys

import pytest

from leakfix.engine import pipeline

LEAK = 'package p\n\nimport "os"\n\nfunc F(p string) error {\n\tf, err := os.Open(p)\n\tif err != nil {\n\t\treturn err\n\t}\n\t_ = f\n\treturn nil\n}\n'


def test_the_bot_module_does_not_import_the_command_line():
    """No import cycle: the bot takes selection and run from the engine, not from cli/app.py."""
    code = "import sys, leakfix.bot.fixes, leakfix.bot.run; print('leakfix.app' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_the_bot_honours_max_bytes_like_apply(tmp_path):
    from leakfix.bot.fixes import apply_fixes

    (tmp_path / "a.go").write_text(LEAK)
    (tmp_path / ".leakfix.toml").write_text("[files]\nmax-bytes = 64\n")
    fixes = apply_fixes(str(tmp_path), str(tmp_path), ["defer-close"])
    assert not fixes.fixes and (tmp_path / "a.go").read_text() == LEAK
    assert [(p.rsplit("/", 1)[-1], m) for p, m in fixes.warnings] == [("a.go", "larger than 64 bytes; skipped")]


def test_the_bot_does_not_overwrite_a_file_changed_on_disk(tmp_path, monkeypatch):
    from leakfix.bot.fixes import apply_fixes
    from leakfix.engine import runner

    (tmp_path / "a.go").write_text(LEAK)
    real_run = runner.run

    def run_then_edit(*args, **kwargs):
        result = real_run(*args, **kwargs)
        (tmp_path / "a.go").write_text(LEAK + "// edited\n")
        return result

    monkeypatch.setattr(runner, "run", run_then_edit)
    fixes = apply_fixes(str(tmp_path), str(tmp_path), ["defer-close"])
    assert not fixes.fixes and (tmp_path / "a.go").read_text() == LEAK + "// edited\n"
    assert [m for _, m in fixes.warnings] == ["changed on disk while leakfix ran; not written"]


def test_the_bot_config_search_stops_at_the_worktree(tmp_path):
    (tmp_path / ".leakfix.toml").write_text('[rules]\ndisable = ["defer-close"]\n')
    wt = tmp_path / "wt"
    wt.mkdir()
    (wt / "a.go").write_text(LEAK)
    assert "defer-close" in pipeline.plan([str(wt)], config_stop=str(wt)).rule_ids
    assert "defer-close" not in pipeline.plan([str(wt)]).rule_ids


@pytest.mark.parametrize("args, needle", [
    ({"only": "defer-clse"}, "did you mean 'defer-close'"),
    ({"skip": "stop-timers"}, "did you mean 'stop-timer'"),
    ({"fix": "defercancel"}, "did you mean 'defer-cancel'"),
])
def test_an_unknown_rule_is_a_usage_error_naming_the_nearest(tmp_path, args, needle):
    with pytest.raises(pipeline.UsageError, match=needle):
        pipeline.plan([str(tmp_path)], **args)


def test_fix_all_requests_every_rule_and_only_does_not_request(tmp_path):
    from leakfix.codemods import RULES

    assert pipeline.plan([str(tmp_path)], fix="all").requested == frozenset(RULES)
    assert pipeline.plan([str(tmp_path)], only="stop-timer").requested == frozenset()
    assert pipeline.plan([str(tmp_path)], fix="stop-timer").requested == {"stop-timer"}
