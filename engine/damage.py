"""Where a parse error spoils a Go file: the top-level declarations around its error nodes.

A file with a syntax error is still analysed, except for the declarations (functions, methods,
var/const/type blocks) that hold an error node. Those are "damaged", and so are the code the
parser could not place in any declaration and the declaration just before such code (the parser
may have closed it too early). Rules read a view of the file in which every damaged span is
blanked (each byte but line breaks becomes a space): the view parses cleanly and has the file's
byte offsets and lines, so its findings and fixes fit the real file. A fix never touches a damaged
span, and a fixed file must have the same damaged spans, byte for byte (`error_signature`).

Error recovery may join several declarations into one node; such a node is split at the lines
that start with a declaration keyword, and a piece that parses alone into the same tokens is
read like any other declaration (as Go's own parser resumes at the next declaration). When the
package clause or an import declaration is damaged, when an error opens a raw string or a block
comment that never ends, when nothing else is left, or when the view still does not parse, the
whole file is left unchanged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import tree_sitter

from .model import Fix
from .source import BOM, GoFile, first_error

DECLARATIONS = frozenset({"package_clause", "import_declaration", "function_declaration", "method_declaration",
                          "type_declaration", "var_declaration", "const_declaration"})
# never the victim of a neighbour's error: their ends cannot be misplaced by error recovery
_FIRM = frozenset({"package_clause", "import_declaration"})
_MAX_NAMED = 4


@dataclass(frozen=True)
class Damage:
    """The damaged spans of one file (byte offsets into its BOM-less body), sorted and disjoint."""

    spans: tuple[tuple[int, int], ...]
    names: tuple[str, ...]  # what was left unchanged, e.g. "function Foo", "lines 12-14"
    first: tuple[int, int]  # line and column of the first error node
    whole_file: bool
    view: GoFile | None  # the file with its damaged spans blanked (None when whole_file)

    @property
    def warning(self) -> str:
        what = "file" if self.whole_file else _join(self.names)
        return f"syntax error at {self.first[0]}:{self.first[1]}; {what} left unchanged"

    def touched_by(self, fix: Fix) -> str | None:
        """What of the damage fix would edit (the reason to refuse it), or None. An insertion at
        the edge of a damaged span does not edit it."""
        for ed in fix.edits:
            for (s, e), name in zip(self.spans, self.names):
                if _overlaps(ed.start, ed.end, s, e):
                    return name
        return None


def _overlaps(start: int, end: int, s: int, e: int) -> bool:
    if start == end:
        return s < start < e
    return start < e and end > s


def damage_of(gf: GoFile) -> Damage | None:
    """The damage of gf (None for a file that parses cleanly), computed once per GoFile."""
    if "damage" not in gf.memo:
        gf.memo["damage"] = _compute(gf) if gf.root.has_error else None
    return gf.memo["damage"]


def rules_view(gf: GoFile) -> GoFile:
    """The file the rules read: gf itself, or gf with its damaged spans blanked."""
    d = damage_of(gf)
    return gf if d is None or d.view is None else d.view


def error_signature(gf: GoFile) -> tuple[bytes, ...]:
    """The text of each damaged span (empty for a clean file): a fixed file must have the
    signature of the file it came from, so it has no error that file did not have and its
    damaged declarations are unchanged byte for byte."""
    d = damage_of(gf)
    if d is None:
        return ()
    return tuple(gf.body[s:e] for s, e in d.spans) if not d.whole_file else (b"\0whole", gf.body)


def _compute(gf: GoFile) -> Damage:
    root = gf.root
    err = first_error(root)
    first = gf.line_col(err.start_byte) if err is not None else (1, 1)
    kids = root.children
    code = [k for k in kids if k.type != "comment"]
    if root.type == "ERROR" or not code or code[0].type != "package_clause" or _opens_to_the_end(gf):
        return Damage((), (), first, True, None)
    groups = _groups(gf, kids)
    if any(g[0].type in _FIRM or gf.body.startswith(b"import", g[0].start_byte) for g in groups):
        return Damage((), (), first, True, None)
    # error recovery may join several declarations into one node: split each group at the
    # declarations that start a line, and keep those that parse on their own
    spans: list[tuple[int, int]] = []
    names: list[str] = []
    for g in groups:
        pieces = _pieces(gf, g[0].start_byte, g[-1].end_byte)
        if len(pieces) == 1:
            spans.append(pieces[0])
            names.append(_describe(g, gf))
            continue
        for s, e in pieces:
            alone = GoFile(gf.path, _PIECE_HEAD + gf.body[s:e])
            # clean: it parses alone, into the same tokens the whole file has there (so it is
            # not, say, inside a string the error left open)
            if alone.root.has_error or \
                    _tokens(alone.root, len(_PIECE_HEAD), len(alone.body), s - len(_PIECE_HEAD)) != _tokens(root, s, e):
                spans.append((s, e))
                names.append(_piece_name(gf, s, e))
    view = _view(gf, spans)
    if view is None and len(spans) > len(groups):  # the split did not hold: blank whole groups
        spans = [(g[0].start_byte, g[-1].end_byte) for g in groups]
        names = [_describe(g, gf) for g in groups]
        view = _view(gf, spans)
    return Damage(tuple(spans), tuple(names), first, view is None, view)


_PIECE_HEAD = b"package p\n"
NEWLINE = b"\n"
_KEYWORDS = (b"func", b"type", b"var", b"const")


def _groups(gf: GoFile, kids: list[tree_sitter.Node]) -> list[list[tree_sitter.Node]]:
    """The damaged top-level nodes, grouped: code outside any declaration joins the damaged
    declaration before it (with the comments between them)."""
    bad = [_spoilt(k, gf) for k in kids]
    for i, k in enumerate(kids):
        if k.type in DECLARATIONS or k.type == "comment":
            continue
        j = i - 1  # code outside any declaration: the declaration before it may be cut short
        while j >= 0 and kids[j].type == "comment":
            j -= 1
        if j >= 0 and kids[j].type not in _FIRM:
            bad[j] = True
    groups: list[list[tree_sitter.Node]] = []
    last_bad = -2
    for i, k in enumerate(kids):
        if not bad[i]:
            continue
        between = kids[last_bad + 1:i]
        if groups and k.type not in DECLARATIONS and all(c.type == "comment" for c in between):
            groups[-1].extend(between + [k])
        else:
            groups.append([k])
        last_bad = i
    return groups


def _pieces(gf: GoFile, start: int, end: int) -> list[tuple[int, int]]:
    """body[start:end] cut before each line that starts with a declaration keyword (the keyword
    token itself, not text in a string or comment), each cut moved up over the `//` comment lines
    just above it."""
    body = gf.body
    cuts = [start]
    i = body.find(b"\n", start)
    while i != -1 and i + 1 < end:
        at = i + 1
        for kw in _KEYWORDS:
            if body.startswith(kw, at):
                leaf = gf.root.descendant_for_byte_range(at, at + len(kw))
                if leaf is not None and leaf.type == kw.decode() and leaf.start_byte == at:
                    cut = _above_comments(body, at, cuts[-1])
                    if cut > cuts[-1]:
                        cuts.append(cut)
                break
        i = body.find(b"\n", at)
    return [(a, b) for a, b in zip(cuts, cuts[1:] + [end])]


def _above_comments(body: bytes, at: int, floor: int) -> int:
    while at > floor:
        prev = body.rfind(b"\n", 0, at - 1) + 1
        if prev < floor or not body.startswith(b"//", prev):
            break
        at = prev
    return at


def _tokens(root: tree_sitter.Node, start: int, end: int, shift: int = 0) -> list[tuple[int, int]] | None:
    """The byte spans (moved by shift) of the tokens between start and end; None when a token
    crosses either bound."""
    out: list[tuple[int, int]] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.end_byte <= start or node.start_byte >= end:
            continue
        if node.child_count == 0:
            if node.start_byte < start or node.end_byte > end:
                return None
            if node.end_byte > node.start_byte:
                out.append((node.start_byte + shift, node.end_byte + shift))
            continue
        stack.extend(node.children)
    return sorted(out)


def _opens_to_the_end(gf: GoFile) -> bool:
    """True when an error node starts a raw string or a block comment that never ends: for Go,
    the rest of the file is then inside it, whatever the parser made of it."""
    body = gf.body
    stack = [gf.root]
    while stack:
        node = stack.pop()
        if node.is_error:
            leaves = [node]
            while leaves:
                leaf = leaves.pop()
                if leaf.child_count:
                    leaves.extend(leaf.children)
                elif (body[leaf.start_byte:leaf.start_byte + 1] == b"`" and leaf.type != "raw_string_literal") or \
                        (body.startswith(b"/*", leaf.start_byte) and leaf.type != "comment"):
                    return True
            continue
        stack.extend(c for c in node.children if c.has_error)
    return False


def _view(gf: GoFile, spans: list[tuple[int, int]]) -> GoFile | None:
    """gf with spans blanked, if that parses cleanly and leaves something besides the package
    clause and imports to read."""
    view = GoFile(gf.path, (BOM if gf.has_bom else b"") + _blank(gf.body, spans))
    if view.root.has_error or all(k.type in _FIRM or k.type == "comment" for k in view.root.children):
        return None
    return view


def _spoilt(k: tree_sitter.Node, gf: GoFile) -> bool:
    if k.has_error or k.is_missing or k.is_error:
        return True
    if k.type == "comment":
        return False
    if k.type not in DECLARATIONS:
        return True
    # a top-level declaration starts a line; one that does not was read out of a broken body
    return gf.line_start(k.start_byte) != k.start_byte


def _blank(body: bytes, spans: tuple[tuple[int, int], ...]) -> bytes:
    out = bytearray(body)
    for s, e in spans:
        out[s:e] = bytes(c if c in (0x0A, 0x0D) else 0x20 for c in body[s:e])
    return bytes(out)


def _describe(group: list[tree_sitter.Node], gf: GoFile) -> str:
    decls = [k for k in group if k.type in DECLARATIONS]
    if len(decls) == 1 and all(k is decls[0] or k.type == "comment" for k in group):
        return _name(decls[0], gf)
    a, b = gf.line_col(group[0].start_byte)[0], gf.line_col(max(group[0].start_byte, group[-1].end_byte - 1))[0]
    return f"line {a}" if a == b else f"lines {a}-{b}"


_HEADS = [
    (re.compile(rb"func\s*\([^)]*\)\s*(\w+)"), "method {}"),
    (re.compile(rb"func\s+(\w+)"), "function {}"),
    (re.compile(rb"(?:type|var|const)\s+(\w+)"), None),
]


def _piece_name(gf: GoFile, start: int, end: int) -> str:
    """The name of the declaration that body[start:end] begins with, read from its first words
    (the piece does not parse)."""
    line = gf.line_col(start)[0]
    text = gf.body[start:end]
    head = text[_comments_end(text):]
    for pattern, form in _HEADS:
        m = pattern.match(head)
        if m:
            return form.format(m.group(1).decode()) if form else f"{head.split()[0].decode()} {m.group(1).decode()}"
    kw = head.split(maxsplit=1)[0].split(b"(")[0] if head.strip() else b""
    if kw in (b"var", b"const", b"type"):
        return f"{kw.decode()} block at line {line + text.count(NEWLINE, 0, len(text) - len(head))}"
    end = gf.line_col(start + max(len(text) - 1, 0))[0]
    return f"line {line}" if line == end else f"lines {line}-{end}"


def _comments_end(text: bytes) -> int:
    """Where the `//` comment lines at the start of text end."""
    at = 0
    while text.startswith(b"//", at):
        nl = text.find(b"\n", at)
        if nl == -1:
            return len(text)
        at = nl + 1
    return at


def _name(k: tree_sitter.Node, gf: GoFile) -> str:
    line = gf.line_col(k.start_byte)[0]
    if k.type in ("function_declaration", "method_declaration"):
        name = k.child_by_field_name("name")
        kind = "function" if k.type == "function_declaration" else "method"
        return f"{kind} {gf.text(name)}" if name is not None else f"{kind} at line {line}"
    kind = k.type.split("_")[0]  # type, var, const, import
    specs = [c for c in k.named_children if c.type.endswith("_spec")]
    if len(specs) == 1 and specs[0].child_by_field_name("name") is not None:
        return f"{kind} {gf.text(specs[0].child_by_field_name('name'))}"
    return f"{kind} block at line {line}"


def _join(names: tuple[str, ...]) -> str:
    if len(names) > _MAX_NAMED:
        names = names[:_MAX_NAMED - 1] + (f"{len(names) - _MAX_NAMED + 1} more",)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
