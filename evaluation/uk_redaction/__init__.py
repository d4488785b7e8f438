"""A labelled UK redaction set: synthetic visit transcripts, typed and as ASR writes speech."""
