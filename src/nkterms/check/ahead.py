"""Work done ahead on other threads, without the threading module or concurrent.futures.

The compiled kernel prepares a block without the GIL, so a few threads can scan the blocks
after the one being written out (engine.DocumentCheck.check_blocks). concurrent.futures
would do it, but importing it (logging, threading and more) costs a check 37 M instructions,
about what the kernel spends scanning 0.6 MB; `_thread` and `_queue` are built in.
"""

from __future__ import annotations

import _thread
from _queue import SimpleQueue

__all__ = ["Ahead"]


class Ahead:
    """Up to `jobs` threads calling `work(item)` for the items submitted, in turn.

    Use it in a `with` block: leaving it stops the threads, once each has finished the
    item it holds (an item submitted and not yet taken is still worked on first)."""

    def __init__(self, work, jobs: int):
        self.work, self.jobs = work, jobs
        self.tasks: SimpleQueue = SimpleQueue()
        self.running: list = []  # a lock per thread, held until the thread ends

    def submit(self, item) -> Pending:
        """Hand `item` to a thread; return what gives work(item) when it is done."""
        if len(self.running) < self.jobs:
            done = _thread.allocate_lock()
            done.acquire()
            _thread.start_new_thread(self._serve, (done,))
            self.running.append(done)
        answer: SimpleQueue = SimpleQueue()
        self.tasks.put((item, answer))
        return Pending(answer)

    def _serve(self, done) -> None:
        try:
            while (task := self.tasks.get()) is not None:
                item, answer = task
                try:
                    answer.put((True, self.work(item)))
                except BaseException as err:  # noqa: BLE001 (given to whoever waits for it)
                    answer.put((False, err))
        finally:
            done.release()

    def __enter__(self) -> Ahead:
        return self

    def __exit__(self, *_) -> None:
        for _ in self.running:
            self.tasks.put(None)
        for done in self.running:
            done.acquire()
        self.running.clear()


class Pending:
    """The answer of one item handed to Ahead's threads."""

    def __init__(self, answer: SimpleQueue):
        self.answer = answer

    def result(self):
        """Wait for work(item) and return it (or raise what it raised); call it once."""
        ok, value = self.answer.get()
        if ok:
            return value
        raise value
