"""Qt pieces shared by the kiosk, counter and display: one copy of each, not three."""
