"""Gitea's published API description, pinned, for the contract checks of `--forge gitea`.

Gitea publishes its description in its own source, the Go module code.gitea.io/gitea:
`templates/swagger/v1_openapi3_json.tmpl` (OpenAPI 3.0, converted from the `v1_json.tmpl`
Swagger 2.0 file beside it; both are the files Gitea serves at /swagger.v1.json). The module is
fetched through the Go module proxy at version PINNED (`go mod download`, which also checks it
against the Go checksum database); $LEAKFIX_GITEA_OPENAPI may point to the file or to the
module's folder instead (.ci/run sets it). The file is a Go template: its two placeholders (the
version and the sub-URL) are filled in before parsing. When none of that works, `load()` raises
ContractUnavailable with the command that installs it: the tests then fail, they never skip.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from .contract import ContractUnavailable, Spec

MODULE = "code.gitea.io/gitea"
PINNED = "v1.27.3"
ENV = "LEAKFIX_GITEA_OPENAPI"
FILE = "templates/swagger/v1_openapi3_json.tmpl"
PREFIX = "/api/v1"
INSTALL = (f'export {ENV}="$(cd "$(mktemp -d)" && go mod download -json {MODULE}@{PINNED} | '
           f'python3 -c \'import json,sys; print(json.load(sys.stdin)["Dir"])\')/{FILE}"  (.ci/run does this)')


def spec_path() -> Path:
    """The description file, checked to come from the pinned module version."""
    env = os.environ.get(ENV)
    if env:
        where = Path(env)
        for cand in (where, where / FILE):
            if cand.is_file():
                _check_version(cand)
                return cand
        raise ContractUnavailable(f"Gitea's API description is needed for the contract tests: ${ENV}={env} holds "
                                  f"no {FILE}. Install it: {INSTALL}")
    found = _go_download()
    if found is None:
        raise ContractUnavailable(f"Gitea's API description is needed for the contract tests: {MODULE}@{PINNED} "
                                  f"could not be downloaded with go and ${ENV} is not set. Install it: {INSTALL}")
    return found


def _go_download() -> Path | None:
    """`go mod download` of the pinned module (into the Go module cache); None without go."""
    go = shutil.which("go")
    if go is None:
        return None
    env = {**os.environ, "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local"}
    with tempfile.TemporaryDirectory() as cwd:  # outside any module
        proc = subprocess.run([go, "mod", "download", "-json", f"{MODULE}@{PINNED}"], cwd=cwd, env=env,
                              capture_output=True, timeout=900)
    try:
        folder = json.loads(proc.stdout)["Dir"]
    except (ValueError, KeyError, TypeError):
        return None
    path = Path(folder) / FILE
    return path if path.is_file() else None


def _check_version(path: Path) -> None:
    """A file inside a module folder (`.../code.gitea.io/gitea@vX/...`) must be of the pinned version."""
    text = str(path.resolve())
    marker = f"{MODULE}@"
    if marker in text and f"{MODULE}@{PINNED}/" not in text:
        found = text.split(marker, 1)[1].split("/", 1)[0]
        raise ContractUnavailable(f"{path}: {MODULE} {found} found, the tests are pinned to {PINNED}. "
                                  f"Install it: {INSTALL}")


def parse(text: str) -> dict:
    """The description from the template's text (placeholders filled in)."""
    text = text.replace("{{.SwaggerAppVer}}", PINNED.lstrip("v")).replace("{{.SwaggerAppSubUrl}}", "")
    return json.loads(text)


@lru_cache(maxsize=1)
def load() -> Spec:
    """The pinned description (raises ContractUnavailable when it cannot be had)."""
    doc = parse(spec_path().read_text(encoding="utf-8"))
    return Spec(doc, name="Gitea's API", prefix=PREFIX)
