"""defer-cancel: call the cancel func of context.WithCancel/WithTimeout/WithDeadline on every path.

A discarded cancel func (`ctx, _ := context.WithTimeout(...)`) is named and deferred; a named one
missed on some path gets a `defer cancel()`; in a loop body it is called at every exit of the
iteration. The machinery is shared with defer-close (`release`).
"""
from __future__ import annotations

from .release import ReleaseRule

DOC = """\
## What it does
Finds the cancel func of `context.WithCancel`, `WithTimeout`, `WithDeadline` (and their `Cause`
variants, and `signal.NotifyContext`'s stop func) that is discarded or not called on every path,
and calls it: `defer cancel()` right after the call, or `cancel()` at every exit of a loop
iteration.

## Why is this bad?
Until it is cancelled, a derived context stays registered with its parent and keeps its timer.
Under a long-lived parent (a server's base context) every call leaks a little memory, until the
deadline fires, if ever. `go vet` (lostcancel) reports this; it does not fix it.

## Example
```go
ctx, _ := context.WithTimeout(parent, time.Second)
return fetch(ctx, url)
```

## Use instead
```go
ctx, cancel := context.WithTimeout(parent, time.Second)
defer cancel()
return fetch(ctx, url)
```

## Fix safety
The discarded func gets a fresh name (`cancel`, `cancel1`, ... when taken); with `=` a
`var cancel context.CancelFunc` declaration is added. No fix when the cancel func is returned,
stored, sent, handed to a goroutine or to a closure that may run later (`t.Cleanup(cancel)`), or
when the context itself outlives the call (returned, stored, handed to a go statement): cancelling
it would cut off its other users. A cancel func handed to a function leakfix cannot see into counts as handed over: nothing is
reported.
`main.main` is left alone. In a loop body the call goes before every `continue`, `break` and
`return` leaving the iteration and at its end; a `return` that uses the context is reported only.

## References
go vet lostcancel; leak-patterns.md §7.
"""


class DeferCancel(ReleaseRule):
    id = "defer-cancel"
    summary = "Call the cancel func of a derived context on every path"
    default_enabled = True
    doc = DOC
    name_discarded = True
    skip_main = True
    base_name = "cancel"
    released = "called"
