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
- `account_event(actor, user, label, event, detail)`: something happened to an account that
  the audit log keeps (a login, a failed login, a logout, two-factor enrolment, an API token
  created or revoked, sessions ended, a lockout lifted). `user` may be None (a failed login
  for an unknown name; `label` says what was typed). Sent at once by `accounts`. Listened to
  by `timeline` (`audit.account_event`).
- `stays_changed(application_ids)`: stays in a stage ended or reopened (a move, a status
  change, rewritten stage history). Sent at once by `jobs.stays` and `jobs.services`.
  Listened to by `reports` (`stays.stay_seconds_refresh`), which keeps each ended stay's
  length in business seconds (`StageChange.stay_seconds`) in the same transaction.
- Domain events for outgoing webhooks, each sent at once (inside the change's transaction)
  and listened to by `webhooks` (`listeners.connect`), which writes the event to its outbox:
  - `candidate_created(candidate)`: by `candidates.services.candidate_create`.
  - `candidates_created(candidates)`: many new people at once (a spreadsheet import), by
    `candidates.bulk.candidates_bulk_create`; heard as one `candidate.created` each.
  - `candidates_updated(candidate_ids, fields)`: profile fields, contacts, tags or owner
    changed; by `candidates.services.candidate_update` and `candidates_assign_owner`.
  - `candidate_merged(survivor_id, merged_id)`: by `merges.services.candidate_merge`.
  - `application_created(application)`: by `jobs.services.application_create`.
  - `applications_created(applications)`: many new candidates put on one job at once, by
    `jobs.bulk.applications_bulk_create` (imports); listened to as one `application_created`
    per application.
  - `application_stage_changed(application, from_stage, to_stage)`: by `jobs.services`
    (a move or an undone move).
  - `application_status_changed(application, old, new, reason)`: rejected, withdrawn,
    hired, reopened; by `jobs.services._set_status`.
  - `application_told(application_id, how)`: the candidate was told the outcome; by
    `jobs.services.application_mark_told` (a sent email, a logged touch), `loop.services`
    (told by phone) and `status.services` (withdrew on the status page).
  - `interview_scheduled(interview)` / `interview_cancelled(interview)`: by
    `interviews.services`.
  - `offer_accepted(offer)`: by `offers.services.offer_accept_by_candidate`.
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
account_event = Hook("account_event")
candidate_created = Hook("candidate_created")
candidates_created = Hook("candidates_created")
candidates_updated = Hook("candidates_updated")
candidate_merged = Hook("candidate_merged")
application_created = Hook("application_created")
applications_created = Hook("applications_created")
application_stage_changed = Hook("application_stage_changed")
application_status_changed = Hook("application_status_changed")
application_told = Hook("application_told")
interview_scheduled = Hook("interview_scheduled")
interview_cancelled = Hook("interview_cancelled")
offer_accepted = Hook("offer_accepted")
stays_changed = Hook("stays_changed")
