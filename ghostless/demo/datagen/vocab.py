"""Word lists for generated data: fixed lists are fast and keep a seed's data the same."""

FIRST_NAMES = """
Aaliyah Aaron Abigail Adam Adrian Aisha Alan Alba Alejandro Alex Alice Amara Amelia Amir Ana
Andrea Andrew Anika Anna Anton Arjun Astrid Ava Beatriz Ben Bianca Blake Bruno Camila Carla
Carlos Caroline Chen Chloe Chris Clara Daniel Dario David Diana Diego Dmitri Elena Eli Elif
Elijah Elisa Emil Emily Emma Eric Erik Esther Ethan Eva Fatima Felix Fiona Francesca Gabriel
Georg Grace Hana Hannah Hassan Helena Hugo Ian Ibrahim Ines Ingrid Isaac Isabel Ivan Jack Jakub
James Jana Javier Jia Joao Johan Jonas Jose Julia Julian Kai Karim Kate Kenji Khalid Klara Lars
Laura Layla Leo Leon Liam Lina Lucas Lucia Luis Luka Maja Marco Maria Marta Mateo Matteo Maya
Mei Mia Michael Mila Mohamed Nadia Naomi Nathan Nia Nikolai Noah Nora Olga Oliver Olivia Omar
Oscar Paula Pedro Pia Priya Rafael Rahul Rania Ravi Rosa Ruth Sam Samir Sara Sean Sofia Sophie
Stefan Suki Tariq Theo Thomas Tomas Uma Valentina Victor Wei Yara Yusuf Zara Zoe
""".split()  # noqa: SIM905 -- a word list reads best as words

LAST_NAMES = """
Abbott Adeyemi Ahmed Alvarez Andersen Arslan Bailey Bakker Banerjee Barros Becker Bergstrom
Bianchi Bose Brooks Brown Byrne Campbell Carvalho Castro Chen Costa Cruz Dahl Das Davies Diaz
Dubois Duarte Eriksen Evans Fernandes Fischer Fontaine Garcia Gomez Gonzalez Gray Gupta Haas
Hansen Hartmann Hayes Hernandez Hoffmann Horvat Hughes Ibrahim Ivanova Jansen Jensen Johnson
Jones Kaur Keller Khan Kim Klein Kowalski Kumar Lambert Larsen Laurent Lee Lehmann Lewis Lima
Lindqvist Lopez Lund Martin Martinez Mehta Meyer Miller Moreau Moreno Muller Murphy Nakamura
Navarro Nguyen Nielsen Novak Nowak Okafor Oliveira Olsen Ortiz Park Patel Pereira Perez Petrov
Popescu Quinn Ramos Reddy Reyes Ribeiro Richter Rivera Rocha Rodriguez Romano Rossi Russo
Sanchez Santos Sato Schmidt Schneider Schulz Silva Singh Smith Sousa Suzuki Svensson Tanaka
Taylor Thomas Torres Tran Varga Vasquez Vogel Wagner Walsh Wang Weber Williams Wilson Wolf Wong
Yamamoto Yilmaz Young Zhang Zielinski
""".split()  # noqa: SIM905 -- a word list reads best as words

COMPANIES = """
Acme Alphabyte Ardent Bluefin Brightpath Cascade Cobalt Corvid Crestline Datawell Driftwood
Emberly Evergreen Fathom Fieldstone Flint Foxglove Granite Halcyon Harbor Helix Hollowpoint
Ironbark Juniper Keystone Kestrel Lakeside Lattice Lumen Maplewood Meridian Monarch Nimbus
Northwind Oakridge Orbital Paragon Pinecrest Quarry Quillon Redwood Riverbend Saltmarsh Sequoia
Silverline Skylark Stonebridge Summit Tidewater Trellis Umbra Vantage Verdant Waypoint Willow
Zephyr
""".split()  # noqa: SIM905 -- a word list reads best as words
COMPANY_SUFFIXES = ["Labs", "Systems", "Group", "GmbH", "Inc", "Analytics", "Software", "Health"]

LOCATIONS = [
    "Berlin, Germany",
    "Munich, Germany",
    "Hamburg, Germany",
    "Vienna, Austria",
    "Zurich, Switzerland",
    "Amsterdam, Netherlands",
    "Rotterdam, Netherlands",
    "Brussels, Belgium",
    "Paris, France",
    "Lyon, France",
    "Madrid, Spain",
    "Barcelona, Spain",
    "Lisbon, Portugal",
    "Porto, Portugal",
    "Milan, Italy",
    "Rome, Italy",
    "London, UK",
    "Manchester, UK",
    "Dublin, Ireland",
    "Copenhagen, Denmark",
    "Stockholm, Sweden",
    "Oslo, Norway",
    "Helsinki, Finland",
    "Warsaw, Poland",
    "Krakow, Poland",
    "Prague, Czechia",
    "Budapest, Hungary",
    "Bucharest, Romania",
    "New York, NY",
    "Boston, MA",
    "Austin, TX",
    "Chicago, IL",
    "Denver, CO",
    "Seattle, WA",
    "San Francisco, CA",
    "Toronto, Canada",
    "Montreal, Canada",
    "Remote",
]

EMAIL_DOMAINS = ["example.com", "example.org", "example.net", "mail.example", "inbox.example"]
# Second addresses use other domains, so they can never equal anyone's first address.
ALT_EMAIL_DOMAINS = ["personal.example", "home.example"]

# Job families. Exactly the engineering family uses the broad search term "engineer", in every
# title: a third of all candidates. Other families avoid the word and its stem ("engineering").
FAMILIES = {
    "engineering": {
        "titles": [
            "Software Engineer",
            "Senior Software Engineer",
            "Backend Engineer",
            "Frontend Engineer",
            "Full-Stack Engineer",
            "DevOps Engineer",
            "Site Reliability Engineer",
            "QA Automation Engineer",
            "Staff Engineer",
            "Platform Engineer",
        ],
        "skills": [
            "Python",
            "Django",
            "Go",
            "Rust",
            "Java",
            "TypeScript",
            "React",
            "PostgreSQL",
            "AWS",
            "Terraform",
            "Docker",
            "GraphQL",
            "Kafka",
            "Redis",
            "Linux",
        ],
        "department": "Product Development",
        "phrases": [
            "built and operated services handling thousands of requests per second",
            "led the migration of a monolith to smaller services",
            "cut deployment time from hours to minutes with a new CI pipeline",
            "designed database schemas and tuned slow queries",
            "mentored junior developers and ran code reviews",
            "owned the on-call rotation and wrote the incident runbooks",
            "shipped a public API used by hundreds of partners",
            "introduced automated tests that caught regressions before release",
        ],
    },
    "data": {
        "titles": ["Data Analyst", "Analytics Lead", "BI Developer", "Data Scientist"],
        "skills": ["SQL", "Python", "dbt", "Tableau", "Statistics", "Looker", "Spark"],
        "department": "Data",
        "phrases": [
            "built dashboards the leadership team used every week",
            "modelled churn and forecast revenue",
            "ran A/B tests and explained the results to product teams",
            "cleaned messy data from many sources into one warehouse",
        ],
    },
    "design": {
        "titles": ["Product Designer", "UX Designer", "UI Designer", "Design Lead"],
        "skills": ["Figma", "UX research", "Design systems", "Prototyping", "Accessibility"],
        "department": "Design",
        "phrases": [
            "redesigned the onboarding flow and lifted activation",
            "ran user interviews and usability studies",
            "built a design system shared by four product teams",
            "made the main product accessible to screen reader users",
        ],
    },
    "sales": {
        "titles": ["Account Executive", "Sales Development Rep", "Account Manager"],
        "skills": ["SaaS sales", "Salesforce", "Negotiation", "B2B", "Pipeline management"],
        "department": "Sales",
        "phrases": [
            "closed new business well above quota",
            "grew a territory from scratch to a steady pipeline",
            "negotiated multi-year contracts with enterprise buyers",
            "kept accurate forecasts in the CRM",
        ],
    },
    "success": {
        "titles": ["Customer Success Manager", "Support Lead", "Implementation Consultant"],
        "skills": ["Onboarding", "Zendesk", "Churn reduction", "Training", "B2B"],
        "department": "Customer Success",
        "phrases": [
            "onboarded dozens of enterprise customers",
            "reduced churn through quarterly business reviews",
            "trained customers and wrote the help center",
            "handled escalations calmly and quickly",
        ],
    },
    "marketing": {
        "titles": ["Marketing Coordinator", "Content Marketer", "Growth Marketer"],
        "skills": ["SEO", "Content", "HubSpot", "Events", "Copywriting"],
        "department": "Marketing",
        "phrases": [
            "grew organic traffic with a content program",
            "ran events and webinars that filled the pipeline",
            "managed paid campaigns on a tight budget",
            "wrote launch copy for new features",
        ],
    },
}
# A third of all candidates are engineers; the rest share the other families.
FAMILY_WEIGHTS = {
    "engineering": 5,
    "data": 2,
    "design": 2,
    "sales": 3,
    "success": 2,
    "marketing": 1,
}

# The search terms the benchmark uses, with how often the data set contains them.
BROAD_TERM = "engineer"  # every engineering title: one candidate in three
COMMON_TERM = "kubernetes"  # a skill of one engineer in seven: about one candidate in twenty
COMMON_TERM_SHARE = 1 / 7
RARE_TERM = "zymurgy"  # a hobby of one candidate in 20,000, in their resume
RARE_TERM_EVERY = 20_000

HOBBIES = ["climbing", "chess", "cycling", "photography", "choir", "sailing", "running", "baking"]
SCHOOLS = [
    "TU Berlin",
    "University of Amsterdam",
    "KTH Stockholm",
    "University of Lisbon",
    "ETH Zurich",
    "University of Warsaw",
    "University of Toronto",
    "UT Austin",
    "University of Manchester",
    "Politecnico di Milano",
]
DEGREES = ["BSc", "MSc", "BA", "MA", "PhD"]

TAGS = [
    "silver-medalist",
    "referral",
    "relocation",
    "remote-only",
    "visa-needed",
    "senior",
    "junior",
    "leadership",
    "contract",
    "part-time",
    "bilingual",
    "german",
    "french",
    "spanish",
    "returner",
    "hot",
    "do-not-rush",
    "counter-offer-risk",
    "alumni",
    "conference",
]

POOLS = [
    "Silver medalists",
    "Engineering bench",
    "Future leaders",
    "Data talent",
    "Design community",
    "Sales bench",
    "Returners",
    "Conference contacts",
    "Alumni",
    "Referrals to revisit",
    "Relocation-ready",
    "Interns to rehire",
]

SOURCES = {
    "careers page": 30,
    "LinkedIn": 22,
    "referral": 12,
    "sourced": 14,
    "job board": 14,
    "agency": 4,
    "meetup": 4,
}
# Sources where a recruiter found the person: they start at Sourced, not Applied.
OUTBOUND_SOURCES = {"LinkedIn", "sourced", "meetup"}

EMAIL_SUBJECTS_OUT = [
    "Quick question about your next move",
    "Following up on our call",
    "Interview times for next week",
    "Your application",
    "Checking in",
    "A role you might like",
]
EMAIL_SUBJECTS_IN = [
    "Re: Quick question about your next move",
    "Re: Interview times for next week",
    "Question about the role",
    "Re: Checking in",
    "Availability",
]
TOUCH_BODIES = [
    "Thanks for the chat today, I will send the details by Friday.",
    "Could you share your availability for a short call next week?",
    "Happy to talk. Tuesday afternoon works best for me.",
    "Sharing the job description as promised.",
    "I am interested but would need to relocate in the spring.",
    "Left a message about the interview schedule.",
    "Discussed salary expectations and notice period.",
    "Not looking right now, please keep me in mind.",
    "Sent over the take-home exercise.",
    "Candidate asked about remote work and team size.",
]
NOTES = [
    "Strong communicator, a bit light on system design.",
    "Prefers a hybrid role; notice period of two months.",
    "Referred by a former colleague; worth a fast track.",
    "Interviewed well with the team; waiting on references.",
    "Keep for the next opening in this team.",
]
