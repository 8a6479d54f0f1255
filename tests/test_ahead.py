"""check.ahead: blocks prepared on other threads, answers in the order asked for."""

import _thread
import time

import pytest

from nkterms.check.ahead import Ahead


def slow_square(n):
    time.sleep(0.001 * (n % 3))  # answers finish out of order
    return n * n


@pytest.mark.parametrize("jobs", [1, 2, 4], ids=["one-thread", "two-threads", "four-threads"])
def test_answers_come_back_for_their_items(jobs):
    before = _thread._count()
    with Ahead(slow_square, jobs) as pool:
        pending = [pool.submit(n) for n in range(20)]
        assert [p.result() for p in pending] == [n * n for n in range(20)]
        assert len(pool.running) == jobs
    assert _thread._count() == before  # every thread ended when the block was left


def test_an_error_reaches_whoever_waits_and_the_rest_still_work():
    def work(n):
        if n == 3:
            raise ValueError("three")
        return n

    with Ahead(work, 2) as pool:
        pending = [pool.submit(n) for n in range(6)]
        with pytest.raises(ValueError, match="three"):
            pending[3].result()
        assert [p.result() for i, p in enumerate(pending) if i != 3] == [0, 1, 2, 4, 5]


def test_leaving_early_waits_for_the_items_in_hand():
    done = []

    def work(n):
        time.sleep(0.002)
        done.append(n)
        return n

    before = _thread._count()
    with Ahead(work, 2) as pool:
        for n in range(5):
            pool.submit(n)  # never waited for
    assert sorted(done) == [0, 1, 2, 3, 4] and _thread._count() == before
