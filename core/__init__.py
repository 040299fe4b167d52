"""Antre core: the hall database and queue engine shared by kiosk, counter and display.

Nothing under this package imports Qt: front ends call the service functions here and
react to the events they write.
"""

__version__ = "0.1.0"
