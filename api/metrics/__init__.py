"""Aggregate metrics: time given back (from the review events) beside recorded visit time."""
