"""Shared by every layer: times, translation, resource files, labels, console output."""
