"""Test support for `leakfix bot`: a fake forge server, git fixtures and the OpenAPI contract."""
