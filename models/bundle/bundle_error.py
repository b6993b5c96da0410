"""The errors of a path that is not a readable bundle, alone: models.image raises it without importing the manifest's
schema machinery (jsonschema, slow to import at a helper's start)."""


class BundleError(Exception):
    """The path given is not a bundle at all (absent, not a folder or disk image, unreadable)."""


class ImageError(BundleError):
    """An image that cannot be read: the reason names the format or the missing segment."""
