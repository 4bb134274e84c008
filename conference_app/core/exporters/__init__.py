"""Writers for calendars, contacts, emails and QR images."""
