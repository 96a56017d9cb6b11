"""defer-close: release files, HTTP bodies, SQL rows and statements, connections and readers.

Finds a resource bound to a local name and not released on every path, and inserts the release
where it belongs: a `defer` right after the error check, or, inside a loop body, an explicit
release at every exit of the iteration. Ownership that leaves the function means no fix; a value
handed to a function leakfix cannot see into counts as handed over. The machinery is in `release`.
"""
from __future__ import annotations

from .release import CLOSE_STYLE, ReleaseRule
from .resources import RESOURCES

DOC = """\
## What it does
Finds files, HTTP response bodies, SQL rows and statements, network connections and listeners,
compressed readers and configured resources that are acquired into a local variable and not
released on every path, and inserts the release.

## Why is this bad?
An unreleased resource holds a file descriptor, a connection or a database cursor until the
garbage collector finalises it, if ever. Under load the process runs out of descriptors, the
HTTP client opens a new connection per request, the database pool starves.

## Example
```go
f, err := os.Open(path)
if err != nil {
	return err
}
return parse(f)
```

## Use instead
```go
f, err := os.Open(path)
if err != nil {
	return err
}
defer f.Close()
return parse(f)
```

## Fix safety
The fix is applied only when leakfix can see the whole life of the value in the function:
- the value is not returned, stored (field, map, slice, package variable, composite literal),
  sent, appended, or captured by a goroutine or a closure that may outlive the call;
  ownership has then left the function and nothing is reported;
- it is not handed to a function leakfix does not know: such a function usually owns it from
  then on (a logger set on a server, a wrapper), so it counts as handed over and nothing is
  reported (the precision audit found 61 of 73 such reports to be false alarms);
  known readers (`io.Copy`, `io.ReadAll`, `fmt.Fprint*`, `json.NewDecoder(...)`, ...) are fine;
  a value the function itself releases on every path (a nil one needs nothing) is never
  reported, whatever else it is handed to, whether an error check follows or the name is
  reused once it is released;
- a release goes only where the acquisition is known to have succeeded: right after an error
  check that leaves the function (return, panic, log.Fatal, os.Exit, t.Fatal), else first into
  the branch where it succeeded (`if err == nil { ... }`, the else of `if err != nil`, the clauses
  after `switch { case err != nil: ... }`); it never runs on a nil value;
- the function does not return the resource's type (a constructor hands it to its caller).
Inside a loop body no `defer` is added (it would pile up until the function returns): the
release is inserted before every `continue`, `break` and `return` that leaves the iteration and
at the end of the body (when the failure falls through the error check: at the end of the branch
where it succeeded, and before the exits inside it). A written file (`os.Create`, `os.CreateTemp`, `os.OpenFile` with write
flags) in a function returning an error gets a deferred close whose error is returned, naming the
results when needed, unless the function already closes it explicitly somewhere.
Without type information a method call counts as an HTTP response or SQL rows only when its
receiver is of a known type or its result is used as one (`resp.Body`, `rows.Next()`).

Constructors the table does not list are learnt from the module's declarations (no build
needed): a function of the package or of another package of the module, a method of a project
type or interface (`q.QueryContext` on a `Querier` interface returning `*sql.Rows`), a conversion
(`http.Dir(root).Open(name)`), a function value (`dialer(ctx)`), or a dependency found in
`vendor/` or the module cache, when
- its name starts with a verb that makes something, as a whole camel-case word (`Open`,
  `OpenStore`, `NewClient`, `Dial`, `Create`, `Connect`, `Listen`, `Accept`, `Acquire`, `Begin`,
  `Query`, `Prepare`; a function value: `dialer`, `openFn`): a getter such as `srv.Listener()`
  returns a value its receiver keeps and is never treated as a constructor;
- it returns the value alone or with an error, and the value's type is one the table knows
  (`*os.File`, `net.Conn`, `*sql.Rows`, `*http.Response`, ...) or has a `Close` method;
- the value is not a writer (a `Flush` method, a `*Writer` or `*Encoder` type: its Close writes),
  not a server or service (a `Shutdown` or `Stop` method), and does not wrap a resource handed to
  the constructor (its Close may close the caller's value).
When the constructor's body, read three calls deep, acquires nothing leakfix knows (no file,
connection or other constructor of the table), the fix is applied only on request (its Close may
free nothing). Inside the Go distribution's own modules the table alone decides. `-v` says how
many required modules could be read.

## Options
`.leakfix.toml`: `[defer-close] close-style = "plain" | "errcheck"`; `[[resources]]` tables add
constructors (`package`, `function`, `release`); `[templates.defer-close]` overrides the
inserted code (`defer`, `release`, `defer-keep-error`).

## References
bodyclose, sqlclosecheck, staticcheck SA5001, go vet httpresponse, gosec G307 (retired).
"""


class DeferClose(ReleaseRule):
    id = "defer-close"
    summary = "Release files, HTTP bodies, SQL rows, connections and readers on every path"
    default_enabled = True
    on_request = "gzip and zlib readers, whose Close frees nothing"
    inputs = frozenset({"index"})  # learns constructors from the declarations index
    doc = DOC
    option_schema = (CLOSE_STYLE, RESOURCES)
