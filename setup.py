"""Builds the Go grammar (grammar/, compiled from its generated parser.c) into the package as
leakfix.engine._go_grammar; everything else is declared in pyproject.toml."""
from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "leakfix.engine._go_grammar",
            sources=["grammar/binding.c", "grammar/src/parser.c"],
            include_dirs=["grammar/src"],
            extra_compile_args=["-std=c11"],
        )
    ],
)
