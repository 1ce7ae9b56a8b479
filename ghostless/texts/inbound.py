"""What the phone provider sends us: texts to the company number, delivery callbacks and
call status callbacks, each verified by the provider's signature (texts.signature).

A text from a known number lands on that candidate's timeline (an inbound touch, which the
awaiting-reply rule puts in the owner's queue); from an unknown number it waits in triage.
The consent words act at once: STOP and its kin opt the number out, START/UNSTOP back in,
HELP is answered with the company's name.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from ghostless.candidates.models import Candidate, CandidatePhone
from ghostless.core import hooks
from ghostless.notifications.services import notify_reply
from ghostless.texts import events
from ghostless.texts.models import Call, InboundState, InboundText
from ghostless.texts.services import number_opt_in, number_opt_out
from ghostless.timeline.models import Direction, Kind, Outcome

STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"}
START_WORDS = {"START", "UNSTOP", "YES"}
HELP_WORDS = {"HELP", "INFO"}
FINAL_CALL_STATUSES = {"completed", "busy", "no-answer", "failed", "canceled"}


def keyword(body: str) -> str:
    """The consent word a text is, if its whole text is one (as carriers read them)."""
    word = body.strip().strip(".!").upper()
    if word in STOP_WORDS | START_WORDS | HELP_WORDS:
        return word
    return ""


def help_reply() -> str:
    return settings.SMS_HELP_TEXT or (
        f"{settings.COMPANY_NAME} recruiting. Reply STOP to stop texts, START to get them again."
    )


def _candidate_for(phone: str) -> Candidate | None:
    row = CandidatePhone.objects.select_related("candidate").filter(phone=phone).first()
    return row.candidate if row else None


def receive_text(params: dict) -> tuple[InboundText, str]:
    """Store one inbound text once per MessageSid; (the row, the reply to send back or "")."""
    sid = params.get("MessageSid") or params.get("SmsSid") or ""
    sender = params.get("From", "")
    body = params.get("Body", "")
    if existing := InboundText.objects.filter(sid=sid).first():
        return existing, help_reply() if keyword(existing.body) in HELP_WORDS else ""
    word = keyword(body)
    candidate = _candidate_for(sender)
    media = [
        params[f"MediaUrl{i}"]
        for i in range(int(params.get("NumMedia") or 0) or 0)
        if params.get(f"MediaUrl{i}")
    ]
    try:
        with transaction.atomic():
            inbound = InboundText.objects.create(
                sid=sid,
                from_phone=sender,
                to_phone=params.get("To", ""),
                body=body,
                media_urls=media,
                candidate=candidate,
                state=InboundState.MATCHED if candidate else InboundState.TRIAGE,
            )
            if word in STOP_WORDS:
                number_opt_out(phone=sender, word=word)
            elif word in START_WORDS:
                number_opt_in(phone=sender, word=word)
            elif word in HELP_WORDS:
                pass  # answered in the webhook's own response, not a message to anyone
            elif candidate is not None:
                inbound.activity = events.text_received(inbound=inbound)
                inbound.save(update_fields=["activity"])
                notify_reply(activity=inbound.activity)
            if word and candidate is None:
                # A consent word needs nobody's attention: it is done.
                InboundText.objects.filter(pk=inbound.pk).update(state=InboundState.DISMISSED)
    except IntegrityError:
        return InboundText.objects.get(sid=sid), ""
    return inbound, help_reply() if word in HELP_WORDS else ""


def triage_attach(*, inbound: InboundText, candidate: Candidate, actor) -> InboundText:
    """Put a text from triage on a candidate's timeline (an unknown number's sender found)."""
    with transaction.atomic():
        moved = InboundText.objects.filter(pk=inbound.pk, state=InboundState.TRIAGE).update(
            state=InboundState.MATCHED, candidate=candidate, handled_by=actor
        )
        if moved:
            inbound.refresh_from_db()
            inbound.activity = events.text_received(inbound=inbound)
            inbound.save(update_fields=["activity"])
    return inbound


def triage_dismiss(*, inbound: InboundText, actor) -> None:
    InboundText.objects.filter(pk=inbound.pk, state=InboundState.TRIAGE).update(
        state=InboundState.DISMISSED, handled_by=actor
    )


def _outcome(status: str, answered_by: str, recording: str, inbound: bool) -> tuple[str, str]:
    """(timeline kind, Outcome) for a finished call."""
    if inbound and recording:
        return Kind.VOICEMAIL, Outcome.LEFT_VOICEMAIL
    if not inbound and answered_by.startswith("machine"):
        return Kind.CALL, Outcome.LEFT_VOICEMAIL
    if status == "completed":
        return Kind.CALL, Outcome.CONNECTED
    if status == "busy":
        return Kind.CALL, Outcome.BUSY
    return Kind.CALL, Outcome.NO_ANSWER


def receive_call(params: dict) -> Call | None:
    """Record a call status callback: one Call per CallSid, and one timeline entry when the
    call has ended (`completed`, `busy`, `no-answer`, ...). A recording or transcription
    that comes later is attached to the call; on a call that was already written down, a
    recording is the candidate's voicemail, a new entry of its own."""
    sid = params.get("CallSid", "")
    if not sid:
        return None
    inbound = params.get("Direction", "inbound") == "inbound"
    their_phone = params.get("From", "") if inbound else params.get("To", "")
    recording = params.get("RecordingUrl", "")
    transcription = params.get("TranscriptionText", "")
    status = params.get("CallStatus", "")
    with transaction.atomic():
        call, _created = Call.objects.select_for_update().get_or_create(
            sid=sid,
            defaults={
                "direction": Direction.INBOUND if inbound else Direction.OUTBOUND,
                "from_phone": params.get("From", ""),
                "to_phone": params.get("To", ""),
                "status": status or "unknown",
                "candidate": _candidate_for(their_phone),
            },
        )
        if status:
            call.status = status
        if params.get("CallDuration", "").isdigit():
            call.duration_seconds = int(params["CallDuration"])
        had_recording = bool(call.recording_url)
        call.recording_url = recording if recording.startswith("https://") else call.recording_url
        call.transcription = transcription or call.transcription
        call.save()
        if call.candidate is None:
            return call
        if call.activity_id is None and call.status in FINAL_CALL_STATUSES:
            kind, outcome = _outcome(
                call.status, params.get("AnsweredBy", ""), call.recording_url, inbound
            )
            call.outcome = outcome
            ended = timezone.now()
            started = ended - timedelta(seconds=call.duration_seconds)
            call.activity = events.call_recorded(
                call=call, candidate=call.candidate, kind=kind, outcome=outcome, occurred_at=started
            )
            call.save(update_fields=["outcome", "activity"])
            if inbound and outcome == Outcome.CONNECTED:
                # Answered: we spoke to them, so nothing awaits a reply.
                Candidate.objects.filter(pk=call.candidate_id).filter(
                    Q(last_outbound_at__isnull=True) | Q(last_outbound_at__lt=ended)
                ).update(last_outbound_at=ended)
            if not inbound or outcome == Outcome.CONNECTED:
                hooks.candidates_touched.send_on_commit(candidate_ids=[call.candidate_id])
            if inbound and outcome != Outcome.CONNECTED:
                notify_reply(activity=call.activity)
        elif call.activity_id and inbound and call.recording_url and not had_recording:
            _voicemail_after(call)
    return call


def _voicemail_after(call: Call) -> None:
    """The recording of a call already on the timeline as a call: the voicemail they left."""
    if call.activity.kind == Kind.VOICEMAIL:
        return
    call.activity = events.voicemail_received(
        call=call, candidate=call.candidate, occurred_at=timezone.now()
    )
    call.save(update_fields=["activity"])
    notify_reply(activity=call.activity)
