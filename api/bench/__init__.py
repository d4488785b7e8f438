"""The service benchmark (`python -m api.bench`) and the process launcher it shares with the crash tests."""
