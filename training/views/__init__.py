"""The pages of training: the catalogue and a course's page (catalogue), enrolling, cancelling,
the offered seats and "my training" (enrolment), needs, applications to teach and consultations
(needs, requests), calendars (calendar) and feedback (feedback)."""
