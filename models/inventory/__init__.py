"""The inventory: the scan and its helper walk, file typing, categories, EXIF, text, thumbnails."""
