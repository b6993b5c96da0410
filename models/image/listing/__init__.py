"""An image's file systems listed through TSK: the walk, its helper processes, rows, ISO offsets."""
