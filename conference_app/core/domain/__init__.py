"""Plain values and pure rules: no storage, no Qt."""
