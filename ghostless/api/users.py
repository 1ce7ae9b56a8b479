"""The team over the API: who is who (for picking owners and interviewers), and, for admins,
invitations, roles and deactivation, through the same services as the Team page."""

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from ghostless.accounts.models import Role, User
from ghostless.api.schemas import Id, In, Page, Text254, Text300
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_admin, check_hiring_team
from ghostless.team import services
from ghostless.team.selectors import access_member, team_members

router = Router(tags=["users"])

BRIEF = ("id", "username", "first_name", "last_name", "role")
FULL = (*BRIEF, "email", "is_active", "last_login")


class UserListOut(Schema):
    """`email`, `is_active` and `last_login` are for admins: absent for everyone else."""

    id: int
    username: str
    name: str
    role: str
    email: str | None = None
    is_active: bool | None = None
    last_login: datetime | None = None

    @staticmethod
    def resolve_name(user) -> str:
        return " ".join(filter(None, [user["first_name"], user["last_name"]])) or user["username"]


class InviteIn(In):
    email: Text254
    name: Text300
    role: Role = Role.RECRUITER


class UserPatch(In):
    role: Role = None
    is_active: bool = None
    reassign_to: Id = None


def _as_admin(request: HttpRequest, user: User):
    return team_members(user=request.auth).values(*FULL).get(pk=user.pk)


@router.get("/users", response=list[UserListOut], exclude_unset=True)
@paginate(Page)
def list_users(request: HttpRequest):
    """Admins: everyone, with email, is_active and last_login. Others: active colleagues;
    interviewers, nobody (a 403)."""
    check_hiring_team(request.auth)
    if request.auth.is_admin:
        return team_members(user=request.auth).values(*FULL)
    users = User.objects.filter(is_active=True).order_by("first_name", "last_name", "username")
    return users.values(*BRIEF)


@router.post("/users/invite", response={201: UserListOut}, exclude_unset=True)
def invite_user(request: HttpRequest, payload: InviteIn):
    """An inactive account and an email with a link to set a password (INVITE_DAYS days)."""
    check_admin(request.auth)
    user = services.user_invite(actor=request.auth, **payload.dict())
    return Status(201, _as_admin(request, user))


@router.patch("/users/{user_id}", response=UserListOut, exclude_unset=True)
def update_user(request: HttpRequest, user_id: Id, payload: UserPatch):
    """Change `role` and `is_active`; `reassign_to` (a user id) takes their open follow-ups,
    candidates and active applications, required when the change leaves them unable to work
    follow-ups."""
    check_admin(request.auth)
    try:
        user = access_member(user=request.auth, pk=user_id)
    except User.DoesNotExist:
        raise Http404 from None
    fields = payload.dict(exclude_unset=True)
    if "reassign_to" in fields:
        target = User.objects.filter(pk=fields["reassign_to"]).first()
        if target is None:
            raise DomainError(f"There is no user {fields['reassign_to']}.", field="reassign_to")
        fields["reassign_to"] = target
    services.user_update(actor=request.auth, user=user, **fields)
    return _as_admin(request, user)
