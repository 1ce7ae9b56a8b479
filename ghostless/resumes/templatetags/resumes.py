from django import template

from ghostless.resumes.views import card_context

register = template.Library()


@register.inclusion_tag("resumes/card.html", takes_context=True)
def resume_card(context, candidate):
    """The Resumes card on any page showing a candidate (profile, application)."""
    request = context["request"]
    return card_context(
        user=request.user,
        candidate=candidate,
        next_url=request.get_full_path(),
        request=request,
        csrf_token=context.get("csrf_token"),
    )
