"""Rewrite templates: Go snippets with `$placeholders`, filled, indented, overridable in .leakfix.toml."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from leakfix.app import main
from leakfix.engine.templates import Template, TemplateError, load

needs_gofmt = pytest.mark.skipif(shutil.which("gofmt") is None, reason="needs gofmt")


# --- Template.render --------------------------------------------------------------------------


def test_render_fills_named_and_braced_placeholders():
    t = Template("defer $release // ${value}s")
    assert t.render("\t", release="f.Close()", value="f") == "defer f.Close() // fs"


def test_render_leaves_a_doubled_dollar_as_one_dollar():
    assert Template("s := \"$$HOME\"; _ = $value").render(value="x") == 's := "$HOME"; _ = x'


def test_render_indents_every_continuation_line_but_not_the_first_nor_blank_ones():
    t = Template("defer func() {\n\tif $cerr := $release; $cerr != nil {\n\n\t\t$err = $cerr\n\t}\n}()")
    out = t.render("\t\t", release="f.Close()", cerr="cerr", err="retErr")
    assert out == ("defer func() {\n"
                   "\t\t\tif cerr := f.Close(); cerr != nil {\n"
                   "\n"
                   "\t\t\t\tretErr = cerr\n"
                   "\t\t\t}\n"
                   "\t\t}()")


def test_render_ignores_values_the_template_does_not_use():
    assert Template("defer $release").render("", release="c.Close()", value="c", err="e") == "defer c.Close()"


@pytest.mark.parametrize("text", ["defer $nope", "defer ${nope}", "defer $", "defer ${release"])
def test_render_of_an_unknown_or_malformed_placeholder_is_a_template_error(text):
    with pytest.raises(TemplateError, match="placeholder"):
        Template(text).render("\t", release="f.Close()", value="f")


def test_template_error_is_a_value_error():
    assert issubclass(TemplateError, ValueError)


def test_placeholders_lists_every_named_and_braced_name_once():
    assert Template("$release ${value} $release $$literal").placeholders() == {"release", "value"}


# --- load -----------------------------------------------------------------------------------------


BUILTIN = {"defer": "defer $release", "release": "$release"}


def test_load_reads_strings_and_tables_with_imports():
    out = load({"defer": "defer $release",
                "release": {"text": "closeutil.Close($value)", "imports": ["example.com/closeutil"]}})
    assert out == {"defer": Template("defer $release"),
                   "release": Template("closeutil.Close($value)", ("example.com/closeutil",))}


def test_load_overrides_win_and_the_rest_is_kept():
    out = load(BUILTIN, {"defer": {"text": "defer closeutil.Close($value)", "imports": ["example.com/closeutil"]}})
    assert out["defer"] == Template("defer closeutil.Close($value)", ("example.com/closeutil",))
    assert out["release"] == Template("$release")


def test_load_without_overrides_is_the_table():
    assert load(BUILTIN) == load(BUILTIN, None) == load(BUILTIN, {}) == {k: Template(v) for k, v in BUILTIN.items()}


@pytest.mark.parametrize("spec", [3, ["defer $release"], {"imports": ["x"]}, {"text": 1}])
def test_load_rejects_anything_but_a_string_or_a_table_with_text(spec):
    with pytest.raises(TemplateError, match="defer"):
        load(BUILTIN, {"defer": spec})


# --- end to end: .leakfix.toml drives what defer-close inserts -----------------------------------------

LEAK = """package p

import "os"

func First(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	_ = f
	return nil
}
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.go").write_text(LEAK)
    return tmp_path


@pytest.fixture
def cli(capfdbinary):
    def run(*args: str) -> tuple[int, str, str]:
        args = list(args)
        with pytest.raises(SystemExit) as exc:
            main(args)
        out, err = capfdbinary.readouterr()
        return exc.value.code, out.decode(), err.decode()
    return run


def assert_gofmt_clean(path) -> None:
    proc = subprocess.run(["gofmt", "-l", str(path)], capture_output=True, text=True)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


@needs_gofmt
def test_close_style_errcheck_discards_the_close_error_explicitly(project, cli):
    (project / ".leakfix.toml").write_text('[defer-close]\nclose-style = "errcheck"\n')
    code, out, err = cli("apply", "a.go")
    assert code == 0, err
    assert (project / "a.go").read_text() == LEAK.replace("\t_ = f\n", "\tdefer func() { _ = f.Close() }()\n\t_ = f\n")
    assert_gofmt_clean(project / "a.go")


@needs_gofmt
def test_a_template_override_is_used_and_its_import_added(project, cli):
    (project / ".leakfix.toml").write_text(
        '[templates.defer-close]\n'
        'defer = { text = "defer closeutil.Close($value)", imports = ["example.com/closeutil"] }\n')
    code, out, err = cli("apply", ".")
    assert code == 0, err
    text = (project / "a.go").read_text()
    assert "\tdefer closeutil.Close(f)\n\t_ = f\n" in text
    assert text.count('"example.com/closeutil"') == 1
    assert text.startswith('package p\n\nimport "os"\nimport "example.com/closeutil"\n\nfunc First')
    assert_gofmt_clean(project / "a.go")
    # and a second run finds nothing left to do
    assert cli("diff", "--exit-code", ".")[0] == 0


def test_a_template_given_with_the_config_flag_is_used(project, cli, tmp_path_factory):
    conf = tmp_path_factory.mktemp("conf") / "custom.toml"
    conf.write_text('[templates.defer-close]\ndefer = "defer mustClose($value)"\n')
    code, out, err = cli("diff", "--config", str(conf), "a.go")
    assert code == 0, err
    assert "+\tdefer mustClose(f)\n" in out


@pytest.mark.parametrize("toml", [
    '[defer-close]\nclose-style = "fancy"\n',
    '[templates.defer-close]\ndefer = 3\n',
    '[templates.defer-close]\ndefer = { imports = ["x"] }\n',
    '[templates.defer-close\n',
])
def test_a_broken_template_configuration_is_one_line_and_exit_2(project, cli, toml):
    (project / ".leakfix.toml").write_text(toml)
    code, out, err = cli("diff", ".")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("leakfix: error: ") and "Traceback" not in err
    assert (project / "a.go").read_text() == LEAK


@pytest.mark.parametrize("text", ["defer $nope", "defer $"])
def test_a_template_with_an_unknown_placeholder_is_a_configuration_error(project, cli, text):
    (project / ".leakfix.toml").write_text(f'[templates.defer-close]\ndefer = "{text}"\n')
    code, out, err = cli("diff", ".")
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("leakfix: error: ")


def test_template_imports_must_be_a_list(project, cli):
    (project / ".leakfix.toml").write_text(
        '[templates.defer-close]\ndefer = { text = "defer closeutil.Close($value)", imports = "example.com/closeutil" }\n')
    code, out, err = cli("diff", ".")
    assert 'import "e"' not in out
    assert code == 2
