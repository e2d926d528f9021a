"""The data directory: where twinlca keeps its Brightway project and its caches.

It is twinlca's own (never the user's Brightway directory): the platform's
user-data folder by default, ``TWINLCA_DATA_DIR`` or ``--data-dir`` when given.
Writes happen under a file lock so that concurrent runs wait for each other.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lca.errors import DataDirectoryError

ENVIRONMENT_VARIABLE = "TWINLCA_DATA_DIR"
DEFAULT_LOCK_TIMEOUT = 600.0


def default_data_dir() -> Path:
    """The data directory when neither the flag nor the environment names one."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("twinlca", appauthor=False))


@dataclass(frozen=True)
class DataDirectory:
    """Paths inside one data directory."""

    root: Path
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))

    @classmethod
    def resolve(cls, flag: str | os.PathLike | None) -> DataDirectory:
        """The data directory from the flag, else the environment, else the default."""
        chosen = flag or os.environ.get(ENVIRONMENT_VARIABLE) or default_data_dir()
        timeout = float(os.environ.get("TWINLCA_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT))
        return cls(Path(chosen).expanduser().resolve(), timeout)

    @property
    def brightway_dir(self) -> Path:
        """The BRIGHTWAY2_DIR of twinlca's own Brightway projects."""
        return self.root / "brightway"

    @property
    def cache_dir(self) -> Path:
        """Cached unit impacts and foreground checks, as JSON."""
        return self.root / "cache"

    def prepare(self) -> None:
        """Create the folders, or say clearly why they cannot be."""
        try:
            for folder in (self.root, self.brightway_dir, self.cache_dir):
                folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DataDirectoryError(
                f"cannot create the data directory {self.root}: {error.strerror}; "
                f"choose another with --data-dir or {ENVIRONMENT_VARIABLE}"
            ) from None

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the data directory's write lock (waits for another run to finish)."""
        from filelock import FileLock, Timeout

        self.prepare()
        lock = FileLock(str(self.root / ".lock"))
        try:
            lock.acquire(timeout=self.lock_timeout)
        except Timeout:
            raise DataDirectoryError(
                f"another twinlca run has held {self.root / '.lock'} for more than "
                f"{self.lock_timeout:g} s; wait for it to finish, or raise "
                "TWINLCA_LOCK_TIMEOUT"
            ) from None
        except OSError as error:
            raise DataDirectoryError(
                f"cannot write in the data directory {self.root} ({error.strerror}); a new "
                f"project needs it writable: choose another with --data-dir or "
                f"{ENVIRONMENT_VARIABLE}"
            ) from None
        try:
            yield
        finally:
            lock.release()

    def read_cache(self, name: str) -> dict | None:
        """A cached JSON document, or None when absent or unreadable."""
        path = self.cache_dir / name
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def write_cache(self, name: str, content: dict) -> None:
        """Write a JSON document atomically (temporary file, then rename)."""
        self.prepare()
        try:
            write_atomically(self.cache_dir / name, json.dumps(content, indent=1, sort_keys=True))
        except OSError as error:
            raise DataDirectoryError(
                f"cannot write the cache {self.cache_dir / name} ({error.strerror}); choose "
                f"another data directory with --data-dir or {ENVIRONMENT_VARIABLE}"
            ) from None


def write_atomically(path: Path, text: str) -> None:
    """Write text to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
