"""Shared by every area: workers and the collector, the context, errors, paged and record models, progress,
translation."""
