"""Stage records: wall time and the process's CPU time kept apart (the benchmark compares CPU seconds)."""

from __future__ import annotations

import time

from assistant.stages import StageTimer


def test_cpu_seconds_count_work_not_waiting() -> None:
    timer = StageTimer()
    with timer.stage("work"):
        start = time.process_time()
        while time.process_time() - start < 0.2:
            sum(range(1000))
    with timer.stage("wait"):
        time.sleep(0.3)
    work, wait = timer.timings
    assert work.cpu_seconds is not None and work.cpu_seconds >= 0.2
    assert wait.seconds >= 0.3
    assert wait.cpu_seconds is not None and wait.cpu_seconds < 0.1
