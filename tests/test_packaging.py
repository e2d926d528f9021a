"""The package declares every module and data file it needs (a non-editable install finds them)."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
TOP = ("lca", "inventories", "reports")


def test_every_package_is_included():
    include = CONFIG["packages"]["find"]["include"]
    for init in (path for top in TOP for path in (ROOT / top).rglob("__init__.py")):
        name = ".".join(init.parent.relative_to(ROOT).parts)
        assert any(fnmatch.fnmatch(name, pattern) for pattern in include), name


def test_every_data_file_is_package_data():
    for top in TOP:
        patterns = CONFIG["package-data"].get(top, [])
        for path in (ROOT / top).rglob("*"):
            if path.suffix in {".yaml", ".csv", ".toml", ".j2", ".md"}:
                relative = path.relative_to(ROOT / top).as_posix()
                assert any(fnmatch.fnmatch(relative, pattern) for pattern in patterns), relative
