"""Evidence Locker: a local-only, encrypted place to keep evidence of image-based abuse."""

__version__ = "0.1.0"
APP_NAME = "Evidence Locker"
