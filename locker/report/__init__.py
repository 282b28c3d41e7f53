"""The printable evidence summary (document.py and its parts), the separate packet of
unredacted pictures, the originals bundle, and the recovery sheet — reportlab, no Qt."""
