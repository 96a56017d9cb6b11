def pytest_configure(config):
    config.addinivalue_line("markers", "runtime: builds and runs Go programs before and after leakfix (slow, needs go)")
    config.addinivalue_line(
        "markers",
        "stdlib: applies leakfix to a copy of the Go standard library and checks it with go build, vet "
        "and test (tests/test_stdlib_corpus.py; its slow stage runs with LEAKFIX_CI_STDLIB=1)",
    )


def pytest_terminal_summary(terminalreporter):
    """Prints what tests/test_stdlib_corpus.py recorded (files, packages and fixes per rule, the go
    tool's verdicts, time per step), whether they passed, failed or were skipped."""
    recorded = []
    for reports in terminalreporter.stats.values():
        for rep in reports:
            for name, value in getattr(rep, "user_properties", ()):
                if isinstance(name, str) and name.startswith("leakfix-stdlib:"):
                    recorded.append((name, value))
    if recorded:
        terminalreporter.section("leakfix on the Go standard library")
        for _name, value in sorted(set(recorded)):
            terminalreporter.write_line(value)


import os
import tempfile

# Every test run gets its own result cache, so tests never read or fill the user's cache.
os.environ.setdefault("LEAKFIX_CACHE_DIR", tempfile.mkdtemp(prefix="leakfix-test-cache-"))
