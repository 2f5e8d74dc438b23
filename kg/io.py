"""Writing output files so that an interrupted run never leaves a half-written one."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator, Union

__all__ = ["atomic_write", "atomic_write_text", "scratch_folder"]

# Read once, at import: reading the umask means setting it, which is not safe under threads.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@contextmanager
def atomic_write(path: Union[str, Path], mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success fsync it and rename it over ``path``.

    If the block raises (or the process dies), ``path`` keeps its old content.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_write(target) as f:
    ...     _ = f.write("done")
    >>> target.read_text()
    'done'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_orphaned_temporaries(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    binary = "b" in mode
    try:
        if hasattr(os, "fchmod"):
            # mkstemp makes the file private; the output is as readable as any file the user writes.
            os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, mode, encoding=None if binary else encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        _fsync_directory(path.parent)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def scratch_folder(prefix: str) -> Path:
    """A new folder in the system's temporary directory, named ``PREFIX<pid>-XXXX``, for files a
    step passes to another process; the caller removes it. Folders of the same prefix left by
    a dead process (a build killed outright) are removed first.

    Examples
    --------
    >>> import shutil
    >>> folder = scratch_folder("kg-doctest-")
    >>> folder.is_dir() and folder.name.startswith(f"kg-doctest-{os.getpid()}-")
    True
    >>> shutil.rmtree(folder)
    """
    import shutil

    root = Path(tempfile.gettempdir())
    for stale in root.glob(f"{prefix}*-*"):
        pid = stale.name[len(prefix):].partition("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=root))


def _fsync_directory(directory: Path) -> None:
    # The rename itself is durable only once the directory entry is on disk (POSIX only).
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


#: Per folder, the temporaries of dead writers found when this process first wrote there,
#: by the name of the file they were for. A folder is listed once per process, not once per
#: file written: listing ``records/`` before each of 50,000 records made saving quadratic.
_orphans: dict[str, dict[str, list[str]]] = {}


def _remove_orphaned_temporaries(path: Path) -> None:
    # A process killed outright (SIGKILL, power loss) leaves its temporary file behind;
    # the name carries the writer's pid, so only a dead writer's files are removed, and
    # only when this process writes the file they were for (nothing else of the folder's).
    folder = os.path.abspath(path.parent)
    orphans = _orphans.get(folder)
    if orphans is None:
        orphans = _orphans[folder] = _find_orphans(folder)
    for name in orphans.pop(path.name, ()):
        try:
            os.unlink(os.path.join(folder, name))
        except FileNotFoundError:
            pass


def _find_orphans(folder: str) -> dict[str, list[str]]:
    """The temporaries ``.NAME.PID.XXXXXXXX.tmp`` in ``folder`` whose writer is dead, by NAME."""
    found: dict[str, list[str]] = {}
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries if entry.name.startswith(".") and entry.name.endswith(".tmp")]
    except OSError:
        return found
    for name in names:
        writer = name[1:-len(".tmp")].rpartition(".")[0]  # NAME.PID, mkstemp's random part cut
        target, _, pid = writer.rpartition(".")
        if target and pid.isdigit() and not _alive(int(pid)):
            found.setdefault(target, []).append(name)
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    # A killed build's forked writer is reparented to PID 1, which in a container may never reap
    # it: it still answers kill(pid, 0), but it will never finish its file (Linux only).
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] in (["Z"], ["X"])


def atomic_write_text(path: Union[str, Path], text: str) -> None:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_write`)."""
    with atomic_write(path) as handle:
        handle.write(text)
