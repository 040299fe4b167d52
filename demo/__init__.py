"""The whole hall on one PC: sample hall, simulated crowd and clock, kiosk, counter, display."""
