"""Workbook tooling: the one SpreadsheetML writer (`xlsx`), the blank office template
(`template`) and the synthetic demo data (`demo`). Used by staging's users (HR staff, tests,
benchmarks) and by the open-data bundle; nothing here reads an office's data."""
