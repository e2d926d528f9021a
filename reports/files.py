"""Writing a run's output files: all or nothing.

Every file is first written beside its target under a temporary name; the
files are renamed into place only once all of them are written, so a failure
leaves the previous outputs as they were.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import tempfile
from pathlib import Path

from lca.errors import OutputError


def _file_mode() -> int:
    """The mode a file created with open() would get, so outputs are readable as usual."""
    current = os.umask(0)
    os.umask(current)
    return 0o666 & ~current


def _no_nan(value):
    if isinstance(value, float) and not math.isfinite(value):
        raise OutputError(f"a result is not finite ({value}); nothing was written")
    if isinstance(value, dict):
        return {key: _no_nan(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_no_nan(item) for item in value]
    return value


def json_text(document: dict) -> str:
    """A results document as JSON, refusing NaN and infinity."""
    return json.dumps(_no_nan(document), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def write_outputs(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write every named text into ``folder``, all or nothing; return the paths."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"output folder {folder} is a file; give a folder with --output")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create output folder {folder}: {error.strerror}") from None
    staged: list[tuple[str, Path]] = []
    mode = _file_mode()
    try:
        for name, text in files.items():
            if Path(name).name != name:
                raise OutputError(f"output name {name!r} is not a plain file name")
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            staged.append((temporary, folder / name))
            os.chmod(temporary, mode)
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
        _swap_in(staged)
    except OSError as error:
        raise OutputError(
            f"cannot write into {folder}: {error.strerror}; nothing was changed"
        ) from None
    finally:
        for temporary, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return [target for _, target in staged]


def _swap_in(staged: list[tuple[str, Path]]) -> None:
    """Rename the staged files into place, restoring the previous files if one rename fails."""
    for _, target in staged:
        if target.is_dir():
            raise IsADirectoryError(21, "a folder stands where a file must go", str(target))
    done: list[tuple[Path, Path | None]] = []
    try:
        for temporary, target in staged:
            backup = None
            if target.exists():
                backup = target.with_name(f".{target.name}.previous")
                os.replace(target, backup)
            done.append((target, backup))
            os.replace(temporary, target)
    except OSError:
        for target, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, target)
                else:
                    os.unlink(target)
        raise
    for _, backup in done:
        if backup is not None:
            with contextlib.suppress(OSError):
                os.unlink(backup)


def write_document(path: Path, text: str, force: bool) -> None:
    """Write one document to ``path``, refusing to overwrite without ``force``."""
    if path.exists() and not force:
        raise OutputError(f"{path} exists; use --force to overwrite it")
    write_outputs(path.parent if str(path.parent) else Path("."), {path.name: text})


def write_binary(path: Path, content: bytes, force: bool) -> None:
    """Write bytes to ``path`` atomically, refusing to overwrite without ``force``."""
    if path.exists() and not force:
        raise OutputError(f"{path} exists; use --force to overwrite it")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, _file_mode())
        os.replace(temporary, path)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror}") from None
