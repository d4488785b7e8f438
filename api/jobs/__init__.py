"""Durable jobs: one queue interface (`JobQueue`), two implementations chosen by OFFSET_QUEUE."""

from __future__ import annotations

from collections.abc import Callable

from api.context import ServiceContext
from api.jobs.base import JobQueue, QueueHealth


def _inprocess(ctx: ServiceContext) -> JobQueue:
    from api.jobs.inprocess import InProcessQueue

    return InProcessQueue(ctx)


def _celery(ctx: ServiceContext) -> JobQueue:
    from api.jobs.celery_queue import CeleryQueue

    return CeleryQueue(ctx)


QUEUES: dict[str, Callable[[ServiceContext], JobQueue]] = {"inprocess": _inprocess, "celery": _celery}


def build_queue(ctx: ServiceContext) -> JobQueue:
    return QUEUES[ctx.settings.queue](ctx)


__all__ = ["QUEUES", "JobQueue", "QueueHealth", "build_queue"]
