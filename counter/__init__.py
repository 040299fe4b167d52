"""The officer's desktop client (loket): login, workstation window, mini mode."""
