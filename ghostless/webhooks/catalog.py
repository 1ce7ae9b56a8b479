"""The event types an endpoint may subscribe to (docs/webhooks.md shows their payloads)."""

EVENT_TYPES = {
    "candidate.created": "A candidate was added",
    "candidate.updated": "A candidate's profile changed",
    "candidate.merged": "Two candidate records were merged into one",
    "candidate.anonymised": "A candidate's personal data was anonymised or erased",
    "application.created": "A candidate was put on a job",
    "application.stage_changed": "An application moved to another stage",
    "application.rejected": "An application was rejected",
    "application.hired": "A candidate was hired (carries what onboarding needs)",
    "application.withdrawn": "A candidate withdrew",
    "candidate.told": "The candidate was told the outcome of an application",
    "followup.overdue": "A follow-up is overdue: a candidate is about to be ghosted",
    "interview.scheduled": "An interview was scheduled",
    "interview.cancelled": "An interview was cancelled",
    "offer.accepted": "A candidate accepted an offer",
}
# Sent only to the endpoint it is asked for, never subscribed to.
PING = "webhook.ping"
