"""The PySide6 GUI: one module per screen or dialog, on the same core as the CLI."""
