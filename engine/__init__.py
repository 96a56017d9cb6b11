"""leakfix.engine: parse Go files once, run codemods, resolve and verify edits, render results.

The engine knows Go syntax, files, imports, diffs and reports; it knows nothing about leaks.
"""
