"""The ways into Offset: the `offset` CLI (`api/cli/`) and the HTTP service.

The service (`api.main.create_app`) takes visit uploads with consent, processes them as durable
jobs that call the pipeline library stage by stage, keeps artefacts encrypted at rest, and decides
who sees what by role and team. See docs/service.md for the map of this package.
"""
