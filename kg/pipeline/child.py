"""Running one step of a build in a forked child process.

Python hands an arena of its small-object heap back to the system only when every
object in it is gone; a child's memory goes back whole when it exits.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable, Generic, Optional, TypeVar

__all__ = ["beside", "die_with_parent", "ignore_interrupts", "in_child"]

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
    return beside(function).result()


class beside(Generic[T]):
    """``function()`` started in a forked child process, to run beside this one: :meth:`result`
    waits for it, :meth:`cancel` stops it.

    The child starts from this process as it is now, so it must not touch what this
    process changes meanwhile (an open store: fork before opening it). Where ``fork`` is not
    available, ``function`` runs when :meth:`result` is called.

    Examples
    --------
    >>> task = beside(lambda: sum(range(10)))
    >>> task.result()
    45
    """

    def __init__(self, function: Callable[[], T]) -> None:
        self.function: Optional[Callable[[], T]] = function
        self.child: Any = None
        if "fork" not in multiprocessing.get_all_start_methods() or multiprocessing.current_process().daemon:
            return  # (a daemonic process, such as a pool's worker, may not have children)
        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)
        self.child = context.Process(target=_send_result, args=(function, send), daemon=True)
        self.child.start()
        send.close()
        self.function = None  # the child has it

    def result(self) -> T:
        """The child's result (or its exception, raised here), once it is done."""
        if self.child is None:
            assert self.function is not None
            return self.function()
        child = self.child
        try:
            ok, value = self.receive.recv()
        except EOFError:
            child.join()
            raise ChildProcessError(f"a worker process died (exit code {child.exitcode})") from None
        except BaseException:  # Ctrl-C: the child ignores it, so it is stopped here
            child.kill()
            raise
        finally:
            self.receive.close()
            child.join()
        if not ok:
            raise value
        return value

    def cancel(self) -> None:
        """Stop the child if it still runs (after an error here: its result is not wanted)."""
        if self.child is not None and self.child.is_alive():
            self.child.kill()
            self.child.join()
        self.function = None


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
