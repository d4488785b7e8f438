"""The Offset social-care evaluation corpus: scripts, ground truth, audio and their generator."""
