"""Every table, imported here so `Base.metadata` (and Alembic's autogenerate) sees them all."""

from api.db.base import Base
from api.db.models.accounts import LoginAttempt, Role, Team, User
from api.db.models.jobs import Job, JobStatus, StageRun, WorkerRecord
from api.db.models.review import DraftVersion, FlagAck, ReviewAction, ReviewStep
from api.db.models.visits import Artefact, ArtefactKind, Visit, VisitStatus

__all__ = [
    "Artefact",
    "ArtefactKind",
    "Base",
    "DraftVersion",
    "FlagAck",
    "Job",
    "JobStatus",
    "LoginAttempt",
    "ReviewAction",
    "ReviewStep",
    "Role",
    "StageRun",
    "Team",
    "User",
    "Visit",
    "VisitStatus",
    "WorkerRecord",
]
