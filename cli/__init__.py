"""leakfix: find leak-prone Go code and rewrite it into reviewable patches.

This root package holds the command line (`leakfix.app`); the engine is `leakfix.engine` and the
rules are `leakfix.codemods`.
"""
__version__ = "0.1.0"
