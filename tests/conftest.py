def pytest_configure(config):
    config.addinivalue_line("markers", "runtime: builds and runs Go programs before and after leakfix (slow, needs go)")
