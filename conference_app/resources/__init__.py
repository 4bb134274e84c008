"""Files shipped with the app: the demo congress and the icons (read with importlib.resources)."""
