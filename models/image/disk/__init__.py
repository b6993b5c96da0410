"""The image as a medium: containers and EWF segments, headers and code pages, the media stream and its
digests, partitions."""
