"""The printable evidence summary and the originals bundle (reportlab; no Qt). Coming next."""
