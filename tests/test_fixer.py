"""The engine's fix loop, driven by small fake rules so that every behaviour is visible.

`fix_file` runs the rules, applies the fixes that do not collide, re-parses and runs again until
nothing is left (a fixed point); it refuses fixes that break the syntax, keeps CRLF and the BOM,
honours `//leakfix:ignore`, and reports findings at their positions in the original file.
"""
from __future__ import annotations

import pytest

from leakfix.engine import edits
from leakfix.engine.fixer import MAX_PASSES, can_match, fix_file
from leakfix.engine.model import Context, Edit, Finding, Fix
from leakfix.engine.source import BOM


# --- fake rules -------------------------------------------------------------------------------


def calls(gf, name: str):
    """Call expressions `name(...)` in the file, in source order."""
    out, stack = [], [gf.root]
    while stack:
        node = stack.pop()
        if node.type == "call_expression":
            fn = node.child_by_field_name("function")
            if fn is not None and gf.text(fn) == name:
                out.append(node)
        stack.extend(reversed(node.children))
    return out


def body_brace(call) -> int:
    """Byte offset just after the `{` of the function holding call."""
    cur = call.parent
    while cur.type != "function_declaration":
        cur = cur.parent
    return cur.child_by_field_name("body").children[0].end_byte


class Prologue:
    """For each call `a()`/`b()`, wants `<name>_done()` at the top of the function body.

    Every fix inserts at the same point (just after `{`), so two of them always collide.
    """

    id = "prologue"
    triggers = (b"()",)

    def run(self, gf, ctx):
        out = []
        for name in ("a", "b"):
            if f"{name}_done()".encode() in gf.body:
                continue
            for call in calls(gf, name):
                at = body_brace(call)
                out.append(Finding(self.id, call.start_byte, call.end_byte, f"{name} needs {name}_done",
                                   Fix([Edit(at, at, f"\n\t{name}_done()".encode())])))
        return out


class Rename:
    """Calls of `a` become calls of `aa`: replaces the whole call `a()` by `aa()`."""

    id = "rename"
    triggers = (b"a(",)

    def run(self, gf, ctx):
        return [Finding(self.id, c.start_byte, c.end_byte, "a is renamed", Fix([Edit(c.start_byte, c.end_byte, b"aa()")]))
                for c in calls(gf, "a")]


class AddArg:
    """Calls without arguments of `a` or `aa` get the argument 1: replaces `()` by `(1)`."""

    id = "add-arg"
    triggers = ()

    def run(self, gf, ctx):
        out = []
        for name in ("a", "aa"):
            for c in calls(gf, name):
                args = c.child_by_field_name("arguments")
                if args.named_child_count == 0:
                    out.append(Finding(self.id, c.start_byte, c.end_byte, "needs an argument",
                                       Fix([Edit(args.start_byte, args.end_byte, b"(1)")])))
        return out


class InsertAfter:
    """After each statement calling `target()`, insert `text` (at the end of its line)."""

    def __init__(self, rule_id="insert", target="work", text=b"\n\tx()", triggers=(b"work",)):
        self.id, self.target, self.text, self.triggers = rule_id, target, text, triggers
        self.runs = 0

    def run(self, gf, ctx):
        self.runs += 1
        out = []
        for c in calls(gf, self.target):
            nl = gf.line_end(c.end_byte)
            following = gf.body[nl + 1:gf.line_end(nl + 1)].strip()
            if following == self.text.strip():
                continue  # already fixed
            at = nl - 1 if gf.body[nl - 1:nl] == b"\r" else nl
            out.append(Finding(self.id, c.start_byte, c.end_byte, f"{self.target} needs a follow-up",
                               Fix([Edit(at, at, self.text)])))
        return out


class Forever:
    """Always wants one more `x()` at the top of the function: never reaches a fixed point."""

    id = "forever"
    triggers = ()

    def run(self, gf, ctx):
        c = calls(gf, "work")[0]
        at = body_brace(c)
        return [Finding(self.id, c.start_byte, c.end_byte, "more", Fix([Edit(at, at, b"\n\tx()")]))]


def run(src: bytes | str, *rules, apply_fixes: bool = True):
    raw = src.encode() if isinstance(src, str) else src
    contexts = {r.id: Context() for r in rules}
    return fix_file("x.go", raw, list(rules), contexts, apply_fixes=apply_fixes)


# --- the fixed point ------------------------------------------------------------------------------

TWO_CALLS = "package p\n\nfunc f() {\n\ta()\n\tb()\n}\n"


def test_two_fixes_inserting_at_the_same_point_are_applied_over_two_passes():
    res = run(TWO_CALLS, Prologue())
    assert res.new.decode() == "package p\n\nfunc f() {\n\tb_done()\n\ta_done()\n\ta()\n\tb()\n}\n"
    assert [(f.message, f.line, f.column, f.fixed) for f in res.findings] == [
        ("a needs a_done", 4, 2, True),
        ("b needs b_done", 5, 2, True),  # found again in pass 2 at its shifted offset, reported at the original
    ]
    assert res.errors == []


def test_overlapping_replacements_from_two_rules_are_both_applied():
    """`a()` -> `aa()` (rename) and `()` -> `(1)` (add-arg) overlap: the outer wins, the other follows."""
    res = run("package p\n\nfunc f() {\n\ta()\n}\n", Rename(), AddArg())
    assert res.new.decode() == "package p\n\nfunc f() {\n\taa(1)\n}\n"
    assert sorted((f.rule, f.fixed) for f in res.findings) == [("add-arg", True), ("rename", True)]


def test_running_again_on_the_result_changes_nothing():
    first = run(TWO_CALLS, Prologue())
    second = run(first.new, Prologue())
    assert second.new == second.old and second.findings == []


def test_a_rule_that_never_converges_is_stopped_after_max_passes():
    res = run("package p\n\nfunc f() {\n\twork()\n}\n", Forever())
    assert res.new.count(b"x()") == MAX_PASSES
    assert len(res.findings) == 1 and res.findings[0].fixed


def test_check_mode_reports_fixes_without_applying_them():
    res = run(TWO_CALLS, Prologue(), apply_fixes=False)
    assert res.new == res.old
    assert [f.fixable for f in res.findings] == [True, True]
    assert not any(f.fixed for f in res.findings)


# --- refusing broken results ----------------------------------------------------------------------


def test_a_fix_that_would_not_parse_is_refused_and_the_file_is_unchanged():
    src = "package p\n\nfunc f() {\n\twork()\n}\n"
    res = run(src, InsertAfter(text=b"\n\tif {"))
    assert res.new == res.old == src.encode()
    (f,) = res.findings
    assert not f.fixed and not f.fixable
    assert f.fix is None and f.reason == "the fix would not parse"
    assert f.to_dict()["message"].endswith("(not fixed: the fix would not parse)")


def test_a_broken_fix_does_not_block_a_good_one_in_the_same_pass():
    src = "package p\n\nfunc f() {\n\twork()\n\tother()\n}\n"
    good = InsertAfter("good", "work", b"\n\tx()")
    bad = InsertAfter("bad", "other", b"\n\t)(", triggers=())
    res = run(src, good, bad)
    assert res.new.decode() == "package p\n\nfunc f() {\n\twork()\n\tx()\n\tother()\n}\n"
    by_rule = {f.rule: f for f in res.findings}
    assert by_rule["good"].fixed
    assert not by_rule["bad"].fixed and by_rule["bad"].reason == "the fix would not parse"


def test_a_file_with_a_syntax_error_is_left_unchanged_with_an_error():
    rule = InsertAfter()
    src = b"package p\n\nfunc f() {\n\twork(\n}\n"
    res = run(src, rule)
    assert res.new == res.old == src
    assert res.findings == []
    assert len(res.errors) == 1
    assert res.errors[0].startswith("syntax error at ") and res.errors[0].endswith("; file left unchanged")
    assert rule.runs == 0  # rules never see a broken tree


# --- bytes that must survive ------------------------------------------------------------------------


def test_crlf_files_get_crlf_in_inserted_lines():
    src = b"package p\r\n\r\nfunc f() {\r\n\twork()\r\n}\r\n"
    res = run(src, InsertAfter(text=b"\n\tx()"))
    assert res.new == b"package p\r\n\r\nfunc f() {\r\n\twork()\r\n\tx()\r\n}\r\n"
    assert b"\n" not in res.new.replace(b"\r\n", b"")  # no bare LF anywhere


def test_a_utf8_bom_is_kept_and_not_counted_in_columns():
    src = BOM + b"package p\n\nfunc f() { work() }\n"
    res = run(src, InsertAfter(text=b"\nfunc g() {}"))
    assert res.new == BOM + b"package p\n\nfunc f() { work() }\nfunc g() {}\n"
    (f,) = res.findings
    assert (f.line, f.column, f.end_column) == (3, 12, 18)


def test_findings_use_one_based_lines_and_byte_columns():
    src = "package p\n\nfunc f() { _ = \"é\"; work() }\n"
    (f,) = run(src, InsertAfter(), apply_fixes=False).findings
    line = src.encode().split(b"\n")[2]
    assert (f.path, f.line, f.column) == ("x.go", 3, line.index(b"work") + 1)


# --- suppressions -------------------------------------------------------------------------------


@pytest.mark.parametrize("comment_line, call_line", [
    ("\twork() //leakfix:ignore\n", None),
    ("\twork() // leakfix:ignore\n", None),
    ("\twork() //leakfix:ignore insert\n", None),
    ("\twork() //leakfix:ignore other-rule, insert\n", None),
    ("\t//leakfix:ignore\n", "\twork()\n"),
    ("\t//leakfix:ignore insert\n", "\twork()\n"),
])
def test_a_suppression_on_the_line_or_alone_above_it_silences_the_finding(comment_line, call_line):
    src = "package p\n\nfunc f() {\n" + comment_line + (call_line or "") + "}\n"
    res = run(src, InsertAfter())
    assert res.findings == []
    assert res.new == res.old
    assert res.unused_suppressions == []


def test_a_suppression_for_another_rule_silences_nothing_and_is_reported_unused():
    src = "package p\n\nfunc f() {\n\twork() //leakfix:ignore other-rule\n}\n"
    res = run(src, InsertAfter())
    assert [f.fixed for f in res.findings] == [True]
    assert res.unused_suppressions == [4]


def test_a_trailing_suppression_does_not_cover_the_next_line():
    src = "package p\n\nfunc f() {\n\tg() //leakfix:ignore\n\twork()\n}\n"
    res = run(src, InsertAfter())
    assert [f.line for f in res.findings] == [5]
    assert res.unused_suppressions == [4]


def test_unused_suppressions_are_listed_by_line():
    src = "package p\n\n//leakfix:ignore\nfunc f() {\n\twork() //leakfix:ignore\n}\n\n//leakfix:ignore insert\n"
    res = run(src, InsertAfter())
    assert res.findings == []
    assert res.unused_suppressions == [3, 8]


def test_a_suppressed_finding_stays_unfixed_when_an_earlier_fix_adds_lines():
    src = ("package p\n\nfunc f() {\n\twork()\n}\n\n"
           "func g() {\n\twork() //leakfix:ignore\n}\n")
    res = run(src, InsertAfter())
    assert [f.line for f in res.findings] == [4]
    assert res.new.decode() == src.replace("\twork()\n}\n\nfunc g", "\twork()\n\tx()\n}\n\nfunc g")


# --- the cheap prefilter ---------------------------------------------------------------------------


def test_can_match_keeps_rules_whose_trigger_occurs_and_rules_without_triggers():
    wants_work, wants_open, always = InsertAfter(triggers=(b"work",)), InsertAfter(triggers=(b"os.Open",)), AddArg()
    assert can_match(b"func f() { work() }", [wants_work, wants_open, always]) == [wants_work, always]
    assert can_match(b"os.Open", [wants_work, wants_open]) == [wants_open]


def test_a_rule_whose_trigger_is_absent_is_never_run():
    rule = InsertAfter(target="work", triggers=(b"no-such-trigger",))
    res = run("package p\n\nfunc f() {\n\twork()\n}\n", rule)
    assert rule.runs == 0 and res.findings == [] and res.new == res.old


# --- edits.select and edits.apply -------------------------------------------------------------------


def fx(*spans: tuple[int, int]) -> Fix:
    return Fix([Edit(s, e, b"#") for s, e in spans])


def test_select_keeps_clash_free_fixes_in_source_order():
    a, b, c = fx((20, 25)), fx((0, 5)), fx((5, 10))  # [0,5) and [5,10) touch but do not overlap
    chosen, deferred = edits.select([a, b, c])
    assert chosen == [b, c, a] and deferred == []


def test_select_prefers_the_outer_of_two_overlapping_replacements():
    inner, outer = fx((12, 15)), fx((10, 20))
    assert edits.select([inner, outer]) == ([outer], [inner])
    same_start_inner, same_start_outer = fx((10, 12)), fx((10, 20))
    assert edits.select([same_start_inner, same_start_outer]) == ([same_start_outer], [same_start_inner])


def test_select_prefers_the_first_in_source_order_on_a_partial_overlap():
    first, second = fx((10, 20)), fx((15, 25))
    assert edits.select([second, first]) == ([first], [second])


def test_select_insertions_clash_at_the_same_point_or_inside_a_replacement_only():
    assert edits.select([fx((5, 5)), fx((5, 5))])[1] != []
    assert edits.select([fx((0, 10)), fx((5, 5))])[1] != []
    chosen, deferred = edits.select([fx((0, 10)), fx((10, 10)), fx((0, 0))])
    assert deferred == [] and len(chosen) == 3  # at either end of a replacement is fine


def test_select_judges_a_fix_by_all_of_its_edits():
    two_sites, middle = fx((0, 2), (30, 32)), fx((31, 31))
    assert edits.select([two_sites, middle]) == ([two_sites], [middle])


def test_apply_replaces_inserts_and_deletes_in_any_given_order():
    body = b"0123456789"
    out = edits.apply(body, [Edit(8, 10, b"X"), Edit(0, 0, b"<"), Edit(3, 5, b"")])
    assert out == b"<01256 7X".replace(b" ", b"")


def test_apply_keeps_the_given_order_of_insertions_at_one_point():
    assert edits.apply(b"ab", [Edit(1, 1, b"1"), Edit(1, 1, b"2"), Edit(1, 1, b"3")]) == b"a123b"


def test_apply_puts_an_insertion_before_a_replacement_starting_at_the_same_point():
    assert edits.apply(b"abc", [Edit(1, 2, b"B"), Edit(1, 1, b"+")]) == b"a+Bc"


def test_apply_refuses_overlapping_edits():
    with pytest.raises(ValueError, match="overlapping"):
        edits.apply(b"0123456789", [Edit(0, 5, b""), Edit(3, 7, b"")])


def test_apply_of_nothing_is_the_identity():
    assert edits.apply(b"abc", []) == b"abc"
