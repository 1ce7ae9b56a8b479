"""Template text that once saved fine and then broke every send (issue 13, finding 2)."""

# Body text, each refused on save and failing only its own message when forced into the database.
BODY_PAYLOADS = [
    "{{ 10**5000 }}",
    "{{ 1" + "0" * 5000 + " }}",
    "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
    "{{ 10**10**10 }}",
    "{{ 'x' * 50000000 }}",
    "{{ [1, 2] * 100000000 }}",
    "{% include 'other.txt' %}",
    "{% import 'macros.txt' as m %}",
    "{% from 'macros.txt' import greeting %}",
    "{% extends 'base.txt' %}",
    "{{ '%s'|format(candidate.first_name) }}",
    "{{ candidate.first_name|attr('__doc__') }}",
    "{{ '%999999999s' % candidate.first_name }}",
    "{{ job.title|center(100000000) }}",
    "Hi {{ candidate.first_name }},\n" + "{{ 'y' * 99999 ~ 'y' * 99999 }}",
    # Short output, but a megabyte of text built on the way.
    "{{ " + " + ".join(["('x' * 99999)|length"] * 11) + " }}",
]
