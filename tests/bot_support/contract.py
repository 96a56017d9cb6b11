"""Check the bot's requests against each forge's API description.

- GitHub: its published OpenAPI description, npm package @octokit/openapi (below);
- Gitea: its published description from the Go module code.gitea.io/gitea (`gitea_description`);
- GitLab: a HAND-WRITTEN description (`gitlab_description`): GitLab publishes none that a package
  registry reachable here serves.

`check_all(requests, forge)` picks the description by forge; all are OpenAPI 3.0 documents
checked by the same `Spec`.

The description is `generated/api.github.com.json` of @octokit/openapi, version PINNED. It is
found through $LEAKFIX_GITHUB_OPENAPI (the JSON file, the package folder or a node_modules folder;
.ci/run installs the package and sets it), else in ./node_modules of the repository, else it is
installed with npm into a folder under the system's temp directory. When none of that works,
`load()` raises ContractUnavailable with the command that installs it: the contract tests then
fail, they never skip.

A request is checked like this: the path must match a path template of the description (literal
segments beat parameters) and the method must be an operation of it; path parameters and query
parameters must satisfy their schemas (unknown query parameters are errors); a JSON body must
validate against the operation's requestBody schema (OpenAPI 3.0 semantics through
openapi-schema-validator, `$ref`s resolved in the whole document), and must be there when
required and absent when the operation takes none.
"""
from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

PINNED = "23.0.2"
ENV = "LEAKFIX_GITHUB_OPENAPI"
PACKAGE = "@octokit/openapi"
JSON_NAME = "api.github.com.json"
DOC_URI = "urn:leakfix-test:github-openapi"
INSTALL = (f'npm install --no-save --prefix "$DIR" {PACKAGE}@{PINNED} && export '
           f'{ENV}="$DIR/node_modules/{PACKAGE}/generated/{JSON_NAME}"  (.ci/run does this)')
REPO_ROOT = Path(__file__).resolve().parents[2]


class ContractUnavailable(Exception):
    """The OpenAPI description is not installed (or not the pinned version)."""


def _candidates(where: Path) -> list[Path]:
    return [where, where / "generated" / JSON_NAME, where / PACKAGE / "generated" / JSON_NAME,
            where / "node_modules" / PACKAGE / "generated" / JSON_NAME]


def spec_path() -> Path:
    """The description's JSON file, checked to come from the pinned package version."""
    env = os.environ.get(ENV)
    where = [Path(env)] if env else [REPO_ROOT]
    for base in where:
        for cand in _candidates(base):
            if cand.is_file():
                _check_version(cand)
                return cand
    if not env:
        installed = _npm_install()
        if installed is not None:
            return installed
    said = f"${ENV}={env} holds no {JSON_NAME}" if env else f"{PACKAGE} is not installed and ${ENV} is not set"
    raise ContractUnavailable(f"GitHub's OpenAPI description is needed for the contract tests: {said}. "
                              f"Install it: {INSTALL}")


def _npm_install() -> Path | None:
    """Install the pinned package with npm into a folder kept between runs (so that the README's
    test command works on a machine with npm and nothing else prepared); None without npm."""
    import shutil
    import subprocess
    import tempfile

    npm = shutil.which("npm")
    if npm is None:
        return None
    prefix = Path(tempfile.gettempdir()) / f"leakfix-test-openapi-{PINNED}"
    target = prefix / "node_modules" / PACKAGE / "generated" / JSON_NAME
    if not target.is_file():
        subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund", "--silent", "--prefix", str(prefix),
                        f"{PACKAGE}@{PINNED}"], check=False, capture_output=True, timeout=600)
    if target.is_file():
        _check_version(target)
        return target
    return None


def _check_version(json_file: Path) -> None:
    pkg = json_file.parent.parent / "package.json"
    if not pkg.is_file():
        return  # a bare copy of the JSON file: trust the caller
    version = json.loads(pkg.read_text()).get("version")
    if version != PINNED:
        raise ContractUnavailable(f"{pkg}: {PACKAGE} {version} found, the tests are pinned to {PINNED}. "
                                  f"Install it: {INSTALL}")


class Spec:
    """A description (OpenAPI 3.0), indexed for request checks. `prefix` is the part of a request's
    path before the description's paths (Gitea's /api/v1, GitLab's /api/v4); `name` names it in errors."""

    def __init__(self, doc: dict, name: str = "GitHub's API", prefix: str = ""):
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT4

        self.doc = doc
        self.name = name
        self.prefix = prefix
        self.registry = Registry().with_resource(DOC_URI, Resource.from_contents(doc, default_specification=DRAFT4))
        self.templates = []
        for template in doc["paths"]:
            segs = template.strip("/").split("/")
            rx = "/" + "/".join("([^/]+)" if re.fullmatch(r"\{[^}]+\}", s) else re.escape(s) for s in segs)
            names = [s[1:-1] for s in segs if re.fullmatch(r"\{[^}]+\}", s)]
            literal = sum(1 for s in segs if not s.startswith("{"))
            self.templates.append((literal, template, re.compile(rx), names))
        self.templates.sort(key=lambda t: -t[0])

    def resolve(self, node):
        while isinstance(node, dict) and "$ref" in node:
            ptr = node["$ref"]
            assert ptr.startswith("#/"), ptr
            node = self.doc
            for part in ptr[2:].split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def operation(self, method: str, path: str):
        """(template, operation, path parameters) of a request, or raise ValueError."""
        full = path
        if self.prefix:
            if not path.startswith(self.prefix + "/"):
                raise ValueError(f"{method} {full}: not under {self.prefix}")
            path = path[len(self.prefix):]
        for _, template, rx, names in self.templates:
            m = rx.fullmatch(path)
            if m:
                item = self.doc["paths"][template]
                op = item.get(method.lower())
                if op is None:
                    raise ValueError(f"{method} {full}: {template} has no {method} operation")
                return template, op, dict(zip(names, m.groups()))
        raise ValueError(f"{method} {full}: no such path in {self.name}")

    def _validator(self, pointer: str):
        from openapi_schema_validator import OAS30WriteValidator

        return OAS30WriteValidator({"$ref": f"{DOC_URI}#{pointer}"}, registry=self.registry)

    def errors(self, method: str, path: str, query: dict[str, list[str]] | None = None, body=None,
               has_body: bool | None = None) -> list[str]:
        """Everything wrong with one request (an empty list when it conforms)."""
        try:
            template, op, path_params = self.operation(method, path)
        except ValueError as exc:
            return [str(exc)]
        where = f"{method} {template} ({op.get('operationId')})"
        out: list[str] = []
        params = [self.resolve(p) for p in self.doc["paths"][template].get("parameters", []) + op.get("parameters", [])]
        query = dict(query or {})
        for p in params:
            if p["in"] == "path":
                value = path_params.get(p["name"])
                out += [f"{where}: path parameter {p['name']}: {e}" for e in self._param_errors(p, value)]
            elif p["in"] == "query":
                values = query.pop(p["name"], None)
                if values is None:
                    if p.get("required"):
                        out.append(f"{where}: query parameter {p['name']} is required")
                    continue
                for value in values:
                    out += [f"{where}: query parameter {p['name']}={value!r}: {e}" for e in self._param_errors(p, value)]
        out += [f"{where}: unknown query parameter {name!r}" for name in query]
        has_body = body is not None if has_body is None else has_body
        rb = self.resolve(op.get("requestBody")) if op.get("requestBody") else None
        if rb is None:
            if has_body:
                out.append(f"{where}: takes no request body, got one")
            return out
        if not has_body:
            if rb.get("required"):
                out.append(f"{where}: a request body is required")
            return out
        if "application/json" not in rb.get("content", {}):
            return out + [f"{where}: takes no JSON body"]
        pointer = self._pointer(template, method, op)
        for e in sorted(self._validator(pointer).iter_errors(body), key=lambda e: list(e.path)):
            at = "/".join(str(x) for x in e.absolute_path) or "(body)"
            out.append(f"{where}: body {at}: {e.message}")
        return out

    def _pointer(self, template: str, method: str, op: dict) -> str:
        esc = template.replace("~", "~0").replace("/", "~1")
        if "$ref" in op["requestBody"]:
            base = op["requestBody"]["$ref"][1:]
        else:
            base = f"/paths/{esc}/{method.lower()}/requestBody"
        return f"{base}/content/application~1json/schema"

    def _param_errors(self, param: dict, raw: str | None) -> list[str]:
        from openapi_schema_validator import OAS30WriteValidator

        if raw is None:
            return ["missing"]
        schema = self.resolve(param.get("schema", {}))
        value: object = raw
        kind = schema.get("type")
        try:
            if kind == "integer":
                value = int(raw)
            elif kind == "number":
                value = float(raw)
            elif kind == "boolean":
                if raw not in ("true", "false"):
                    return [f"{raw!r} is not a boolean"]
                value = raw == "true"
        except ValueError:
            return [f"{raw!r} is not of type {kind!r}"]
        return [e.message for e in OAS30WriteValidator(schema, registry=self.registry).iter_errors(value)]


@lru_cache(maxsize=1)
def load() -> Spec:
    """The pinned description (raises ContractUnavailable when it is not installed)."""
    with open(spec_path(), encoding="utf-8") as fh:
        return Spec(json.load(fh))


def load_or_fail() -> Spec:
    """load(), turning a missing description into a test failure with the install command."""
    try:
        return load()
    except ContractUnavailable as exc:
        import pytest

        pytest.fail(str(exc), pytrace=False)


def load_forge(forge: str) -> Spec:
    """The description of `forge` ("github", "gitea", "gitlab"); a missing one fails the test."""
    if forge == "github":
        return load_or_fail()
    try:
        if forge == "gitea":
            from . import gitea_description

            return gitea_description.load()
        if forge == "gitlab":
            from . import gitlab_description

            return gitlab_description.load()
    except ContractUnavailable as exc:
        import pytest

        pytest.fail(str(exc), pytrace=False)
    raise ValueError(f"no API description for forge {forge!r}")


def check_all(requests, forge: str = "github") -> list[str]:
    """Errors of every recorded request (fake_github.Request objects) against `forge`'s description."""
    spec = load_forge(forge)
    out = []
    for r in requests:
        out += spec.errors(r.method, r.path, r.query, r.body, has_body=bool(r.raw))
    return out
