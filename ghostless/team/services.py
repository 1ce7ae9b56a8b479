"""Running the team: invitations, roles, deactivation, password reset mail.

Admins act through `user_invite`, `user_invite_resend` and `user_update`; the invited person
through `invitation_accept`; anyone through `password_reset_send`. Mail goes through the outbox
(`notification_queue`), so it is retried and never sent twice for one key.
"""

import re

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ghostless.accounts.models import Role, User
from ghostless.accounts.services import user_create
from ghostless.candidates.models import Candidate
from ghostless.candidates.normalize import normalize_email
from ghostless.core.errors import Conflict, DomainError
from ghostless.core.permissions import check_admin
from ghostless.followups.models import OPEN_STATES, FollowUp
from ghostless.jobs.models import Application, ApplicationStatus
from ghostless.messaging.services import notification_queue
from ghostless.notifications.services import notify_handover
from ghostless.team import events
from ghostless.team.invitations import invitation_url
from ghostless.timeline.audit import audit_record
from ghostless.timeline.events import owner_changed

FOLLOWUP_ROLES = (Role.ADMIN, Role.RECRUITER)


def _username_for(email: str) -> str:
    """The address's local part, made unique: "rita", then "rita2", "rita3"…"""
    base = re.sub(r"[^a-z0-9._-]", "", email.split("@")[0])[:140] or "user"
    taken = set(User.objects.filter(username__istartswith=base).values_list("username", flat=True))
    taken = {name.lower() for name in taken}
    username, n = base, 1
    while username in taken:
        n += 1
        username = f"{base}{n}"
    return username


def _send_invitation(user: User, actor: User | None) -> None:
    context = {
        "user": user,
        "inviter": actor,
        "company": settings.COMPANY_NAME,
        "url": invitation_url(user),
        "days": settings.INVITE_DAYS,
    }
    notification_queue(
        to_user=user,
        subject=render_to_string("team/email/invitation-subject.txt", context),
        body=render_to_string("team/email/invitation-body.txt", context),
        idempotency_key=f"invite:{user.pk}:{user.invited_at.isoformat()}",
    )


def user_invite(*, actor: User | None, email: str, name: str, role: str) -> User:
    """Make an inactive account for the address and mail it a link to set a password."""
    check_admin(actor)
    email = normalize_email(email, field="email")
    if role not in Role.values:
        raise DomainError(f"Role must be one of: {', '.join(Role.values)}.", field="role")
    name = " ".join(name.split())
    if not name:
        raise DomainError("Say who you are inviting: their name.", field="name")
    if existing := User.objects.filter(email__iexact=email).first():
        hint = "resend it from the Team page" if existing.invitation_pending else "they can log in"
        raise Conflict(f"{existing.name} already uses {email}: {hint}.", field="email")
    first_name, _, last_name = name.partition(" ")
    with transaction.atomic():
        user = user_create(
            username=_username_for(email),
            role=role,
            email=email,
            first_name=first_name[:150],
            last_name=last_name[:150],
        )
        user.is_active, user.invited_at, user.invited_by = False, timezone.now(), actor
        user.save(update_fields=["is_active", "invited_at", "invited_by"])
        audit_record(
            actor=actor,
            subject="user",
            subject_id=user.pk,
            label=user.name,
            event="invited",
            changes={"email": [None, email], "role": [None, role]},
        )
        _send_invitation(user, actor)
    return user


def user_invite_resend(*, actor: User | None, user: User) -> User:
    """A new link (the old one stops working) with a full INVITE_DAYS ahead of it."""
    check_admin(actor)
    if not user.invitation_pending:
        raise DomainError(f"{user.name} has already joined.", field="user")
    with transaction.atomic():
        user.invited_at, user.invited_by = timezone.now(), actor
        user.save(update_fields=["invited_at", "invited_by"])
        _send_invitation(user, actor)
    return user


def invitation_accept(*, user: User, password: str) -> User:
    """The invited person sets their password; the account is active from now on."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from None
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if not locked.invitation_pending:
            raise Conflict("This invitation was already used.", field="token")
        locked.set_password(password)
        locked.is_active = True
        locked.save(update_fields=["password", "is_active"])
    return locked


def password_reset_send(*, email: str) -> int:
    """Mail a reset link to each active account with a password at this address. The caller
    answers the same whether or not one exists, so nobody learns who has an account."""
    users = [
        user
        for user in User.objects.filter(email__iexact=email.strip(), is_active=True)
        if user.has_usable_password() and user.email
    ]
    for user in users:
        token = default_token_generator.make_token(user)
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        context = {
            "user": user,
            "url": settings.SITE_URL + reverse("team:password_reset_confirm", args=[uid, token]),
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }
        with transaction.atomic():
            notification_queue(
                to_user=user,
                subject=render_to_string("team/email/reset-subject.txt", context),
                body=render_to_string("team/email/reset-body.txt", context),
                idempotency_key=f"password-reset:{user.pk}:{token}",
            )
    return len(users)


def _check_admins_remain(user: User, *, role: str, is_active: bool) -> None:
    """Someone must be left who can manage the team."""
    if not (user.is_active and user.role == Role.ADMIN) or (is_active and role == Role.ADMIN):
        return
    others = (
        User.objects.select_for_update().filter(role=Role.ADMIN, is_active=True).exclude(pk=user.pk)
    )
    if not list(others.values_list("pk", flat=True)):
        field = "role" if is_active else "is_active"
        raise Conflict(
            f"{user.name} is the last active admin: make someone else an admin first.",
            field=field,
        )


def _reassign_target(user: User, reassign_to: User | None) -> User | None:
    if reassign_to is None:
        return None
    if reassign_to.pk == user.pk:
        raise DomainError("Choose someone else to take the follow-ups.", field="reassign_to")
    if not reassign_to.is_active or reassign_to.role not in FOLLOWUP_ROLES:
        raise DomainError(
            f"{reassign_to.name} cannot take follow-ups: choose an active recruiter or admin.",
            field="reassign_to",
        )
    return reassign_to


def open_followups(user: User):
    return FollowUp.objects.filter(assignee=user, state__in=OPEN_STATES)


def _owned(user: User) -> dict:
    """What someone who stops working hands on: follow-ups, candidates, active applications."""
    return {
        "followups": open_followups(user),
        "candidates": Candidate.objects.filter(owner=user),
        "applications": Application.objects.filter(owner=user, status=ApplicationStatus.ACTIVE),
    }


def work_owned(user: User) -> dict[str, int]:
    """How many open follow-ups, candidates and active applications the user has."""
    return {kind: rows.count() for kind, rows in _owned(user).items()}


def owed_words(counts: dict[str, int]) -> str:
    words = {
        "followups": ("open follow-up", "open follow-ups"),
        "candidates": ("candidate", "candidates"),
        "applications": ("active application", "active applications"),
    }
    parts = [f"{n} {words[kind][n != 1]}" for kind, n in counts.items() if n]
    return " and ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else parts[0]


def work_hand_over(*, actor: User | None, from_user: User, to_user: User) -> dict[str, int]:
    """Give `to_user` the open follow-ups, the candidates and the active applications of
    `from_user`, so rules made later find a person who works. Each candidate concerned gets a
    timeline entry saying who moved what."""
    owned = _owned(from_user)
    per_candidate = dict(
        owned["followups"]
        .values_list("candidate_id")
        .annotate(n=Count("id"))
        .values_list("candidate_id", "n")
    )
    owned_ids = set(owned["candidates"].values_list("pk", flat=True))
    moved = {
        "followups": owned["followups"].update(assignee=to_user),
        "candidates": owned["candidates"].update(owner=to_user),
        "applications": owned["applications"].update(owner=to_user),
    }
    candidates = Candidate.objects.filter(pk__in=[*per_candidate, *owned_ids]).order_by("pk")
    for candidate in list(candidates):
        if candidate.pk in per_candidate:
            events.followups_reassigned(
                candidate=candidate,
                actor=actor,
                from_user=from_user,
                to_user=to_user,
                count=per_candidate[candidate.pk],
            )
        if candidate.pk in owned_ids:
            owner_changed(candidate=candidate, actor=actor, owner=to_user)
    if any(moved.values()):
        notify_handover(
            assignee=to_user,
            actor=actor,
            from_user=from_user,
            what=owed_words(moved),
            followups=bool(moved["followups"]),
        )
    return moved


def user_update(
    *,
    actor: User | None,
    user: User,
    role: str | None = None,
    is_active: bool | None = None,
    reassign_to: User | None = None,
) -> User:
    """Change a user's role or whether they may log in; `None` leaves a field as it is.

    Whoever can no longer work follow-ups (deactivated, or made a hiring manager) hands their
    open ones, their candidates and their active applications to `reassign_to`, which is
    required then if they have any; given otherwise, it moves them anyway.
    The last active admin can be neither demoted nor deactivated.
    """
    check_admin(actor)
    role = user.role if role is None else role
    is_active = user.is_active if is_active is None else is_active
    if role not in Role.values:
        raise DomainError(f"Role must be one of: {', '.join(Role.values)}.", field="role")
    if is_active and not user.is_active and user.invitation_pending:
        raise DomainError(
            f"{user.name} has not accepted the invitation yet: send it again instead.",
            field="is_active",
        )
    target = _reassign_target(user, reassign_to)
    with transaction.atomic():
        _check_admins_remain(user, role=role, is_active=is_active)
        owed = work_owned(user)
        works = is_active and role in FOLLOWUP_ROLES
        if any(owed.values()) and target is None and not works:
            raise DomainError(
                f"{user.name} has {owed_words(owed)}: choose who takes them.",
                field="reassign_to",
            )
        moved = {}
        if target is not None:
            moved = work_hand_over(actor=actor, from_user=user, to_user=target)
        before = {"role": user.role, "is_active": user.is_active}
        user.role, user.is_active, user.is_staff = role, is_active, role == Role.ADMIN
        user.save(update_fields=["role", "is_active", "is_staff"])
        changes = {
            field: [old, getattr(user, field)]
            for field, old in before.items()
            if old != getattr(user, field)
        }
        for kind, count in moved.items():
            if count:
                changes[f"{kind}_to"] = [None, f"{target.username} ({count})"]
        audit_record(
            actor=actor,
            subject="user",
            subject_id=user.pk,
            label=user.name,
            event="updated",
            changes=changes,
        )
    return user
