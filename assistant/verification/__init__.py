"""Check every drafted statement against the transcript, and flag risk statements for confirmation."""
