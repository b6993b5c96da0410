"""The domain and its storage: bundles, sources, inventory, digests, metadata, review store, memo."""

__version__ = "0.1.0"
