"""The right-hand panes: one file's metadata, digests, EXIF, disk image fields, previews and viewers."""
