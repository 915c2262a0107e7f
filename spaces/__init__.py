"""Shared work spaces that members book: the cooperative's places, the desks and rooms inside
them, bookings on the core capacity engine with a waiting list, reminders and no-shows."""
