"""Loaders for public and council data sets laid out like the shared development data."""
