"""Offset web service (next milestone: uploads with consent, roles, approval, audit, GOV.UK pages).

Today it exposes read-only endpoints over the pipeline library; the job worker will call
`assistant.pipeline.process` with the same typed, serialisable results.
"""
