"""Staging: read office sheets (Google Sheets or local workbooks), validate them cell by cell,
and keep each office's last good data in the snapshot store."""
