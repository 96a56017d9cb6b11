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
