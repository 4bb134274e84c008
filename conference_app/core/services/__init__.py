"""One public method = one user action = one transaction."""
