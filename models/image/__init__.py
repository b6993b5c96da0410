"""Disk images (raw, split raw, E01) read through libewf and The Sleuth Kit, behind the folder source's interface."""
