"""Uploads: a streaming multipart reader, content sniffing, probing the audio, and the visit upload."""
