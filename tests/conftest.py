def pytest_configure(config):
    config.addinivalue_line("markers", "runtime: builds and runs Go programs before and after leakfix (slow, needs go)")


import os
import tempfile

# Every test run gets its own result cache, so tests never read or fill the user's cache.
os.environ.setdefault("LEAKFIX_CACHE_DIR", tempfile.mkdtemp(prefix="leakfix-test-cache-"))
