"""Database: typed models, engines for SQLite and PostgreSQL, units of work, schema checks."""
