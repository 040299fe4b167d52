"""Service functions: one transaction each, plain data in and out, events for every change."""
