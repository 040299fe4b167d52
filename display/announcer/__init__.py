"""The hall display's announcer: call → spoken sentence → speech WAV → chime-and-speech queue.

announcement_text and speech need no Qt (import them freely); queue and clip_player do.
"""
