"""leakfix.codemods: one module per rule, and the table of rules.

Adding a codemod means adding its module, its golden cases, and one row here.
"""
from __future__ import annotations

from .bound_map import BoundMap
from .defer_after_check import DeferAfterCheck
from .defer_cancel import DeferCancel
from .defer_in_loop import DeferInLoop
from .defer_close import DeferClose
from .stop_timer import StopTimer
from .sync_pool import SyncPool

# rule id -> codemod class (each has id, summary, default_enabled, doc, triggers, run)
RULES = {cls.id: cls for cls in (DeferClose, DeferCancel, StopTimer, DeferInLoop, DeferAfterCheck, SyncPool, BoundMap)}

# Rules that run by default but only report unless asked to fix (`--fix RULE`, `[rules] fix`, or
# naming the rule in `--only`): issue 8's precision audit (docs/precision.md) found fewer than 90%
# of their fixes on the Go standard library to be true leaks. None was wrong; the rest were
# harmless but bought little (a closed reader that held nothing, a timer that had fired).
REPORT_ONLY_BY_DEFAULT = frozenset({"defer-close", "defer-in-loop", "stop-timer"})
