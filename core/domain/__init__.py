"""Pure domain rules: no database, no Qt. Tested on their own."""
