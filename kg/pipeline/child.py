"""Running one step of a build in a forked child process.

Python hands an arena of its small-object heap back to the system only when every
object in it is gone; a child's memory goes back whole when it exits.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable, Optional, TypeVar

__all__ = ["die_with_parent", "ignore_interrupts", "in_child"]

T = TypeVar("T")


def in_child(function: Callable[[], T]) -> T:
    """``function()`` run in a forked child process, its result sent back pickled.

    For work that makes many small temporaries, such as the merge of a corpus's actors:
    Python returns an arena of its small-object heap to the system only when every object
    in it is gone, so a few survivors keep the scratch memory of the whole step for the
    rest of the process. A child's memory goes back when it exits. Where ``fork`` is not
    available, ``function`` runs here.

    Examples
    --------
    >>> in_child(lambda: sum(range(10)))
    45
    """
    if "fork" not in multiprocessing.get_all_start_methods() or multiprocessing.current_process().daemon:
        return function()  # (a daemonic process, such as a pool's worker, may not have children)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_send_result, args=(function, send), daemon=True)
    child.start()
    send.close()
    try:
        ok, value = receive.recv()
    except EOFError:
        child.join()
        raise ChildProcessError(f"a worker process died (exit code {child.exitcode})") from None
    except BaseException:  # Ctrl-C: the child ignores it, so it is stopped here
        child.kill()
        raise
    finally:
        receive.close()
        child.join()
    if not ok:
        raise value
    return value


def _send_result(function: Callable[[], Any], send: Any) -> None:
    ignore_interrupts()
    try:
        result = (True, function())
    except BaseException as exc:  # noqa: BLE001 - raised again in the parent
        result = (False, exc)
    try:
        send.send(result)
    except OSError:  # the parent is gone
        pass
    except Exception as exc:  # noqa: BLE001 - a result or an error that does not pickle
        send.send((False, ChildProcessError(f"a worker's result could not be sent back: {exc}")))


def ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: the parent handles it, workers must not
    # die with a traceback each. A parent killed outright (kill -9) runs no clean-up, so
    # the kernel ends the worker too: with SIGKILL, since a worker inherits the CLI's
    # SIGTERM handler, and one stopped by it while sending a result tries to send the
    # error instead, blocking for ever.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(signal.SIGKILL)


def die_with_parent(signum: int, parent: Optional[int] = None) -> None:
    """Have the kernel send this process ``signum`` when its parent dies, even by SIGKILL (Linux only).

    Call it in a child, first thing (or in a ``preexec_fn``); ``parent`` is the pid the
    child expects as its parent (default: the current one), so a parent that died
    before the call is caught too.
    """
    import ctypes

    parent = os.getppid() if parent is None else parent
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signum, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: no such call, the child may outlive a killed parent
        return
    if os.getppid() != parent:
        os.kill(os.getpid(), signum)
