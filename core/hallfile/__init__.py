"""A hall described in a TOML file: validated, imported into the database, exported back."""
