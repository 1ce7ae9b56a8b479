"""Named hooks: how a lower layer says "this happened" to the layers above without importing
them. Not Django signals: every hook is a name in this file, every listener is connected in
its app's `AppConfig.ready()`, so `grep hooks.<name>` finds both ends.

The code that makes a change sends the hook with keyword arguments. `send` calls every
listener at once, in the order they connected, inside the caller's transaction: their writes
commit or roll back with the change. `send_on_commit` calls them after the transaction
commits, for work that must not happen if the change is undone.

Hooks, who sends them and who listens:

- `candidates_changed(candidate_ids)`: candidates' searchable text changed (profile, contacts,
  tags, a note). Sent by `candidates.services` and `timeline.services`, at once. Listened to by
  `search` (`index.candidate_reindex`), so the index changes in the same transaction.
- `candidates_touched(candidate_ids)`: something may have settled what these candidates are
  owed (an outbound touch, a stage or status change). Sent on commit by
  `timeline.services.activity_log`, `jobs.services` (application moves and status changes)
  `messaging.outbox` (a sent email: followups imports messaging, so not the other way) and
  `texts.outbox` / `texts.inbound` (a sent text, an outbound or answered call).
  Listened to by `followups` (`rules.clear_for_candidates`), so a follow-up clears at once.
  A workflow that followups does not import (merges) calls `clear_for_candidates` itself.
- `handed_off(assignee, actor, candidate_ids, followup)`: a person gave candidates (as their
  owner) or a follow-up to someone else. Sent at once by `candidates.services` (owner set or
  changed) and `followups.services.followup_create`. Listened to by `notifications`.
- `mentioned(activity, user_ids)`: a logged touch's notes name these users with `@username`.
  Sent at once by `timeline.services.activity_log`. Listened to by `notifications`, which
  tells only those who may read the entry.
- `calendar_reply_received(calendar, from_email)`: an inbound email carried an iTIP REPLY
  (an Accept / Decline) as text/calendar. Sent on commit by `messaging.inbound.receive`.
  Listened to by `interviews` (`replies.reply_received`), which records the attendee's answer.
- `job_created(job, template)`: a job was made from a pipeline template. Sent at once by
  `jobs.services.job_create`. Listened to by `offers` (`services.policy_copy_to_job`), which
  copies the template's offer approvers and salary range onto the job.
- `candidate_anonymised(candidate_id)`: a candidate's personal data was anonymised or erased.
  Sent on commit by `privacy`. Listened to by `webhooks` (the `candidate.anonymised` event).
"""

from collections.abc import Callable

from django.db import transaction


class Hook:
    def __init__(self, name: str):
        self.name = name
        self.listeners: list[Callable[..., None]] = []

    def __repr__(self) -> str:
        return f"<Hook {self.name}>"

    def connect(self, listener: Callable[..., None]) -> None:
        if listener not in self.listeners:
            self.listeners.append(listener)

    def send(self, **kwargs) -> None:
        for listener in self.listeners:
            listener(**kwargs)

    def send_on_commit(self, **kwargs) -> None:
        transaction.on_commit(lambda: self.send(**kwargs))


candidates_changed = Hook("candidates_changed")
candidates_touched = Hook("candidates_touched")
handed_off = Hook("handed_off")
mentioned = Hook("mentioned")
calendar_reply_received = Hook("calendar_reply_received")
job_created = Hook("job_created")
candidate_anonymised = Hook("candidate_anonymised")
