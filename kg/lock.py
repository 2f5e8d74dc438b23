"""One writer per build folder: advisory locks (``fcntl.flock``) on a file inside it.

A ``kg build`` (or ``kg remove``) holds an exclusive lock on ``OUT/.kg.lock`` from
before it reads the records there until the last export is written, so a second
build into the same folder waits instead of mixing its records, store writes and
exports with the first one's.  Commands that only read a build (``kg query``,
``kg export``, ``kg view``, ``kg stats``) take the lock shared: any number of them
at once, none while a build writes.  An Oxigraph store directory has a lock of its
own (``STORE/kg.lock``), held by whoever has the store open for as long as it is
open, on top of RocksDB's, so a second opener waits for it with a clear message.

The kernel drops a lock with the process holding it, so a killed build never
leaves a stale one.  A lock is re-entrant within a process: a build that saves
takes it once.
"""
from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path
from typing import Callable, Optional, Union

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, nothing is locked
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "BUILD_WAIT", "FOLDER_LOCK", "InUseError", "Lock", "READ_WAIT", "STORE_LOCK", "folder_lock", "holder",
    "read_elsewhere", "store_lock",
]

#: The lock file of a build folder.
FOLDER_LOCK = ".kg.lock"
#: The lock file inside an Oxigraph store directory.
STORE_LOCK = "kg.lock"
#: How long a build waits for another to finish with its folder before giving up (seconds).
BUILD_WAIT = 300.0
#: How long a reading command waits for a running build before answering from the last exports.
READ_WAIT = 2.0


class InUseError(RuntimeError):
    """A build folder or a store is in use by another process (a build, a server, a reader).

    ``holder`` says who, as far as the lock file tells (:func:`holder`).
    """

    def __init__(self, message: str, holder: str = "another process") -> None:
        super().__init__(message)
        self.holder = holder


#: Locks this process holds, by lock file: (lock, shared, count), so taking one twice does not wait on itself.
_held: dict[Path, list] = {}


class Lock:
    """An advisory lock on ``path`` (created if missing); ``acquire`` then ``release``, or ``with``.

    Parameters
    ----------
    shared
        Readers share the lock; a writer (``shared=False``) has it alone.
    wait
        Seconds to wait for it before raising :class:`InUseError`.
    on_wait
        Called once, with a line saying who holds it, when the lock is not free at once.
    what
        How messages name the thing locked (``"output folder out/"``).
    role
        How others' messages name the holder of the lock when it is not shared (``"kg build"``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / ".kg.lock"
    >>> with Lock(path) as lock, Lock(path):  # re-entrant in one process
    ...     lock.held
    True
    """

    def __init__(self, path: Union[str, Path], *, shared: bool = False, wait: float = 0.0,
                 on_wait: Optional[Callable[[str], None]] = None, what: Optional[str] = None,
                 role: str = "process") -> None:
        self.path = Path(path)
        self.role = role
        self.shared = shared
        self.wait = wait
        self.on_wait = on_wait
        self.what = what or str(self.path.parent)
        self.held = False

    def acquire(self) -> "Lock":
        key = self.path.resolve()
        mine = _held.get(key)
        if mine is not None and (self.shared or not mine[1]):
            mine[2] += 1
            self.held = True
            return self
        if mine is not None:
            raise InUseError(f"{self.what} is open for reading in this process; close it before writing to it")
        handle = self._take()
        _held[key] = [handle, self.shared, 1]
        self.held = True
        if not self.shared:
            _describe_holder(handle, self.role)
        return self

    def _take(self):
        if fcntl is None:  # pragma: no cover
            return None
        mode = fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX
        deadline, told = time.monotonic() + self.wait, False
        while True:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                handle = open(self.path, "a+", encoding="utf-8")
            except OSError:
                if self.shared:  # a folder this user may read but not write: nobody builds into it as this user
                    return None
                raise
            try:
                fcntl.flock(handle, mode | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                if time.monotonic() >= deadline:
                    raise InUseError(self._busy_message(waited=self.wait > 0), holder(self.path)) from None
                if not told and self.on_wait is not None:
                    self.on_wait(f"{self.what} is in use by {holder(self.path)}; waiting up to {self.wait:.0f} s")
                told = True
                time.sleep(0.1)
                continue
            if _same_file(handle, self.path):
                return handle
            handle.close()  # the file was removed and made again while we waited: lock the new one

    def _busy_message(self, waited: bool) -> str:
        if waited:
            return f"{self.what} is in use by {holder(self.path)}; gave up after {self.wait:.0f} s (run again when it is done)"
        return f"{self.what} is in use by {holder(self.path)}; wait for it to finish or stop it"

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        key = self.path.resolve()
        mine = _held.get(key)
        if mine is None:
            return
        mine[2] -= 1
        if mine[2] == 0:
            del _held[key]
            handle = mine[0]
            if handle is not None:
                if not mine[1]:
                    handle.truncate(0)
                    handle.flush()
                handle.close()  # closing drops the lock

    def __enter__(self) -> "Lock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _same_file(handle, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
    except FileNotFoundError:
        return False


def _describe_holder(handle, role: str) -> None:
    # Read by other processes' messages: who has it and since when.
    if handle is None:
        return
    handle.seek(0)
    handle.truncate(0)
    handle.write(f"{os.getpid()} {datetime.now().isoformat(timespec='seconds')} {role}\n")
    handle.flush()


def holder(path: Union[str, Path]) -> str:
    """Who holds the lock ``path``, as far as its file says: a writer's pid and start, else readers.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> holder(pathlib.Path(tempfile.mkdtemp()) / ".kg.lock")
    'another process (kg query, kg serve or an open dataset)'
    """
    try:
        pid, since, role = Path(path).read_text(encoding="utf-8").split(maxsplit=2)
        return f"another {role.strip()} (pid {int(pid)}, since {since.replace('T', ' ')})"
    except (OSError, ValueError):
        return "another process (kg query, kg serve or an open dataset)"


def folder_lock(folder: Union[str, Path], *, shared: bool = False, wait: float = 0.0,
                on_wait: Optional[Callable[[str], None]] = None) -> Lock:
    """The lock of build folder ``folder`` (not yet taken: use ``with``)."""
    return Lock(Path(folder) / FOLDER_LOCK, shared=shared, wait=wait, on_wait=on_wait,
                what=f"output folder {folder}", role="kg build")


def store_lock(store: Union[str, Path], *, wait: float = 0.0) -> Lock:
    """The lock of Oxigraph store directory ``store`` (not yet taken), held while it is open."""
    return Lock(Path(store) / STORE_LOCK, wait=wait, what=f"{store}: the store")


def read_elsewhere(what: str, busy: InUseError, path: Path, on_note: Optional[Callable[[str], None]]) -> None:
    """Tell ``on_note`` that ``what`` is busy (``busy``) and the answer comes from the file ``path``, of its time.

    Raises :class:`InUseError` when there is no such file: nothing finished to answer from.
    """
    if not path.is_file():
        raise InUseError(f"{what} is in use by {busy.holder} and holds no finished graph yet; "
                         "wait for it to finish", busy.holder) from None
    if on_note is not None:
        when = datetime.fromtimestamp(path.stat().st_mtime).isoformat(sep=" ", timespec="seconds")
        on_note(f"{what} is in use by {busy.holder}; answering from {path.name} of {when}")
