"""Digests: computing them (pools, tree walk), the recorded lists and logs, verify, backups."""
