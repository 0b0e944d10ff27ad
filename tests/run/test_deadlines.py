"""Deadlines: the watchdog cuts a request that is still running when its deadline passes, and nothing else (the
transport's tests send through it: a head that trickles, a kept-alive connection)."""

from __future__ import annotations

import time

from paystack_contracts.run.deadlines import WATCHDOG, Watch


def test_the_watchdog_cuts_what_is_still_running_and_leaves_what_finished() -> None:
    running, finished, later = Watch(), Watch(), Watch()
    for watch, seconds in ((later, 30.0), (running, 0.05), (finished, 0.05)):  # an earlier deadline wakes it
        WATCHDOG.watch(watch, seconds)
    finished.finish()
    time.sleep(0.4)
    assert (running.fired, finished.fired, later.fired) == (True, False, False)
    later.finish()
