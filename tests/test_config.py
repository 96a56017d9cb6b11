"""Configuration that talks back: every setting is declared with its type and default, unknown
tables, keys and rule ids (in .leakfix.toml and in //leakfix:ignore) are named with the nearest
valid one, a value of the wrong type stops the run, and [[resources]] reach every release rule.
"""
from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

from leakfix.app import main
from leakfix.codemods import RULES
from leakfix.engine import config as cfg
from leakfix.engine.options import KINDS, Option, OptionError, resolve
from leakfix.engine.runner import build_rules

README = Path(__file__).resolve().parent.parent / "README.md"

CANCEL = """package p

import (
	"context"
	"time"
)

func Fetch(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, time.Second)
	return ctx.Err()
}
"""


def leakfix(*args: str) -> tuple[int, str, str]:
    raw, err = io.BytesIO(), io.StringIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", write_through=True)  # diff writes bytes
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        with pytest.raises(SystemExit) as exc:
            main(list(args))
    out.flush()
    return exc.value.code, raw.getvalue().decode(), err.getvalue()


def load(tmp_path: Path, text: str) -> cfg.Config:
    path = tmp_path / ".leakfix.toml"
    path.write_text(text)
    return cfg.load(str(path))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "go.mod").write_text("module example.com/p\n\ngo 1.22\n")
    (tmp_path / "p.go").write_text(CANCEL)
    return tmp_path


# --- unknown names: a warning with the nearest valid one ----------------------------------


@pytest.mark.parametrize("text, warning", [
    ('[rules]\nenabel = ["sync-pool"]\n', "unknown key [rules] enabel (did you mean enable?)"),
    ("[files]\nmax_bytes = 10\n", "unknown key [files] max_bytes (did you mean max-bytes?)"),
    ("[sync-pol]\nmax-bytes = 10\n", "unknown table [sync-pol] (did you mean sync-pool?)"),
    ("[resource]\nfunction = \"Open\"\n", "unknown table [resource] (did you mean resources?)"),
    ("[bound-map]\nmax-entrys = 10\n", "unknown key [bound-map] max-entrys (did you mean max-entries?)"),
    ('[defer-close]\nclose_style = "plain"\n', "unknown key [defer-close] close_style (did you mean close-style?)"),
    ('[[resources]]\nfunction = "Open"\nrelase = "Close"\n', "unknown key resources[0] relase (did you mean release?)"),
    ('[templates.defer-clos]\ndefer = "defer x"\n', "unknown rule [templates.defer-clos] (did you mean defer-close?)"),
    ("[colour]\nx = 1\n", "unknown table [colour]"),
])
def test_an_unknown_name_is_a_warning_naming_the_nearest_valid_one(tmp_path, text, warning):
    assert load(tmp_path, text).warnings == [warning]


def test_a_valid_configuration_has_no_warning(tmp_path):
    text = ('[rules]\nenable = ["sync-pool"]\ndisable = ["stop-timer"]\nfix = ["all"]\n'
            '[files]\nexclude = ["vendor/**"]\nmax-bytes = 100000\n'
            '[[resources]]\npackage = "example.com/store"\nfunction = "Open"\nrelease = "Close"\n'
            '[defer-close]\nclose-style = "errcheck"\n[sync-pool]\nmin-bytes = 10\nmax-bytes = 100\n'
            '[bound-map]\nmax-entries = 10\n[templates.defer-close]\ndefer = "defer x"\n')
    assert load(tmp_path, text).warnings == []


def test_the_readme_configuration_example_has_no_warning(tmp_path):
    section = README.read_text().split("## Configuration: `.leakfix.toml`", 1)[1]
    example = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    assert load(tmp_path, example).warnings == []


def test_the_warnings_reach_stderr_and_json_and_strict_makes_them_exit_2(project):
    (project / ".leakfix.toml").write_text('[rules]\nenabel = ["sync-pool"]\n')
    conf = str(project / ".leakfix.toml")
    code, _, err = leakfix("check", "--no-cache", str(project))
    assert code == 1  # the finding; the warning alone does not fail the run
    assert f"leakfix: warning: {conf}: unknown key [rules] enabel (did you mean enable?)\n" in err
    code, out, _ = leakfix("check", "--no-cache", "--format", "json", str(project))
    assert {"path": conf, "message": "unknown key [rules] enabel (did you mean enable?)"} in json.loads(out)["errors"]
    code, out, err = leakfix("diff", "--no-cache", "--strict", str(project))
    assert code == 2 and "+\tdefer cancel()" in out  # the output is still written
    assert "leakfix: error: --strict: 1 warning(s)" in err


# --- values of the wrong type, unknown rules in [rules]: errors -----------------------------


@pytest.mark.parametrize("text, message", [
    ('[sync-pool]\nmax-bytes = "big"\n', "[sync-pool] max-bytes must be an integer (got 'big')"),
    ("[sync-pool]\nprofile-share = true\n", "[sync-pool] profile-share must be a number (got True)"),
    ("[bound-map]\nmax-entries = 0\n", "[bound-map] max-entries must be at least 1 (got 0)"),
    ("[defer-close]\nclose-style = 1\n", "[defer-close] close-style must be a string (got 1)"),
    ("[files]\nmax-bytes = -1\n", "[files] max-bytes must be at least 1 (got -1)"),
    ('[rules]\nenable = "sync-pool"\n', "[rules] enable must be a list of strings (got 'sync-pool')"),
    ('[[resources]]\nrelease = "Close"\n', "resources[0] needs a string `function`"),
    ("resources = 3\n", "resources must be an array of tables (got 3)"),
    ('sync-pool = 3\n', "[sync-pool] must be a table (got 3)"),
])
def test_a_value_of_the_wrong_type_stops_the_run_with_exit_2(project, text, message):
    (project / ".leakfix.toml").write_text(text)
    code, out, err = leakfix("check", "--no-cache", str(project))
    assert code == 2 and out == ""
    assert err == f"leakfix: error: {project / '.leakfix.toml'}: {message}\n"


@pytest.mark.parametrize("text, nearest", [('[rules]\nenable = ["sync-pol"]\n', "sync-pool"),
                                           ('[rules]\nfix = ["defer-clos"]\n', "defer-close")])
def test_an_unknown_rule_in_rules_stops_the_run_naming_the_nearest(project, text, nearest):
    (project / ".leakfix.toml").write_text(text)
    code, out, err = leakfix("check", "--no-cache", str(project))
    assert code == 2 and out == "" and f"(did you mean {nearest!r}?)" in err


# --- every rule declares its options --------------------------------------------------------


def test_every_rule_declares_its_options_with_a_type_and_a_default_that_fits():
    for rid, cls in RULES.items():
        for option in cls.option_schema:
            assert isinstance(option, Option) and option.kind in KINDS, (rid, option)
            if option.default is not None:
                option.check(option.default, rid)
        assert build_rules([rid], cfg.Config())  # every default builds


def test_resolve_fills_defaults_checks_values_and_leaves_unknown_keys_to_the_warnings():
    schema = (Option("n", "int", 3, minimum=1), Option("share", "float", 1.0), Option("style", "str", "a", choices=("a", "b")))
    assert resolve(schema, {"share": 2, "other": "x"}, "[r]") == {"n": 3, "share": 2.0, "style": "a"}
    with pytest.raises(OptionError, match=r"\[r\] style must be one of a, b \(got 'c'\)"):
        resolve(schema, {"style": "c"}, "[r]")
    with pytest.raises(OptionError, match="must be an integer"):
        resolve(schema, {"n": True}, "[r]")


def test_options_reach_the_rule_typed(tmp_path):
    conf = load(tmp_path, "[sync-pool]\nmax-bytes = 100\nprofile-share = 5\n[bound-map]\nmax-entries = 7\n")
    pool, bound = build_rules(["sync-pool", "bound-map"], conf)
    assert (pool.max_bytes, pool.min_bytes, pool.share, bound.bound) == (100, 1024, 5.0, 7)


# --- [[resources]] reach every release rule -------------------------------------------------


def test_resources_reach_every_rule_that_reads_the_release_table(tmp_path):
    conf = load(tmp_path, '[[resources]]\nfunction = "openStore"\nrelease = "Close"\n')
    close, in_loop, after_check, cancel = build_rules(["defer-close", "defer-in-loop", "defer-after-check",
                                                       "defer-cancel"], conf)
    assert ("", "openStore") in close.table.functions
    assert ("", "openStore") in in_loop.tables["defer-close"].functions
    assert ("", "openStore") in after_check.table.functions
    assert ("", "openStore") not in cancel.table.functions  # cancel funcs are not closed
    assert "resources" in conf.rule_options("defer-in-loop") and "resources" not in conf.rule_options("bound-map")


# --- //leakfix:ignore with an unknown rule --------------------------------------------------


def test_a_suppression_naming_an_unknown_rule_is_a_warning(project):
    src = CANCEL.replace("ctx, _ := context.WithTimeout(parent, time.Second)",
                         "ctx, _ := context.WithTimeout(parent, time.Second) //leakfix:ignore defer-cancle,defer-cancel")
    (project / "p.go").write_text(src)
    code, out, err = leakfix("check", "--no-cache", str(project))
    assert code == 0 and out == ""  # defer-cancel is suppressed all the same
    assert ("p.go: line 9: //leakfix:ignore names an unknown rule defer-cancle (did you mean defer-cancel?)"
            in err)
    code, _, _ = leakfix("check", "--no-cache", "--strict", str(project))
    assert code == 2
