"""Every table, imported here so `Base.metadata` (and Alembic's autogenerate) sees them all."""

from api.db.base import Base
from api.db.models.accounts import LoginAttempt, Role, Team, User
from api.db.models.audit import GENESIS_HASH, AuditEntry, AuditHead
from api.db.models.jobs import Job, JobStatus, StageRun, WorkerRecord
from api.db.models.review import DraftVersion, FlagAck, ReviewAction, ReviewStep
from api.db.models.time import ReviewEventRecord, TimeBaseline
from api.db.models.visits import Artefact, ArtefactKind, Visit, VisitStatus

__all__ = [
    "GENESIS_HASH",
    "Artefact",
    "ArtefactKind",
    "AuditEntry",
    "AuditHead",
    "Base",
    "DraftVersion",
    "FlagAck",
    "Job",
    "JobStatus",
    "LoginAttempt",
    "ReviewAction",
    "ReviewEventRecord",
    "ReviewStep",
    "Role",
    "StageRun",
    "Team",
    "TimeBaseline",
    "User",
    "Visit",
    "VisitStatus",
    "WorkerRecord",
]
