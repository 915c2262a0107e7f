"""The self-assessment's questionnaire, versioned in code (after the EU's Digital Maturity
Assessment for SMEs, the DMA of the European Digital Innovation Hubs: six dimensions, each scored
0–100, the overall score their average).

A version never changes once people have answered it: a new wording, question or option is a new
`Questionnaire` added to `VERSIONS` (and `CURRENT` pointed at it). An assessment keeps the version
it answered and the scores computed then, so later versions never change an old result.

Two kinds of question, as in the DMA:
- `scale`: one answer on a five-step scale (0 "not at all" … 4 "completely"), worth value / 4;
- `checklist`: tick what applies, worth the share of the options ticked (none ticked: 0).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SCALE = "scale"
CHECKLIST = "checklist"

AGREE = (
    (0, _("Not at all")),
    (1, _("A little")),
    (2, _("In part")),
    (3, _("Largely")),
    (4, _("Completely")),
)


@dataclass(frozen=True)
class Question:
    key: str  # unique in its version; the answers are stored under it
    text: str  # lazy
    kind: str = SCALE
    options: tuple = AGREE  # scale: (value, label); checklist: (key, label)
    help: str = ""

    @property
    def option_keys(self) -> tuple:
        return tuple(key for key, _label in self.options)


@dataclass(frozen=True)
class Dimension:
    key: str  # one of DIMENSIONS
    name: str  # lazy
    questions: tuple


@dataclass(frozen=True)
class Questionnaire:
    version: int
    title: str
    dimensions: tuple

    def questions(self):
        for dimension in self.dimensions:
            yield from dimension.questions

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions() if q.key == key), None)

    def definition(self) -> dict:
        """What the admin keeps of the version (its dimensions, questions and options)."""
        return {
            "version": self.version,
            "dimensions": [
                {
                    "key": d.key,
                    "questions": [
                        {"key": q.key, "kind": q.kind, "options": [str(k) for k in q.option_keys]}
                        for q in d.questions
                    ],
                }
                for d in self.dimensions
            ],
        }


# the six dimensions of the DMA for SMEs, in its order (the radar chart goes clockwise from the top)
DIMENSIONS = ("strategy", "readiness", "human", "data", "automation", "green")

DIMENSION_NAMES = {
    "strategy": _("Digital business strategy"),
    "readiness": _("Digital readiness"),
    "human": _("Human-centric digitalisation"),
    "data": _("Data governance"),
    "automation": _("Automation and artificial intelligence"),
    "green": _("Green digitalisation"),
}


def _d(key, *questions):
    return Dimension(key, DIMENSION_NAMES[key], tuple(questions))


V1 = Questionnaire(
    version=1,
    title=_("Digital maturity self-assessment (2026)"),
    dimensions=(
        _d(
            "strategy",
            Question(
                "strategy_areas",
                _("In which areas has the cooperative already invested in digitalisation?"),
                CHECKLIST,
                (
                    ("design", _("Design of products and services")),
                    ("delivery", _("Production or delivery of services")),
                    ("supply", _("Purchasing, logistics and warehouse")),
                    ("sales", _("Marketing, sales and customer relations")),
                    ("admin", _("Administration, accounting and personnel")),
                    ("members", _("Relations with the members (assemblies, information)")),
                ),
            ),
            Question(
                "strategy_plan",
                _(
                    "The cooperative has a written plan for its digital transformation, "
                    "with goals, people in charge and a budget."
                ),
            ),
            Question(
                "strategy_resources",
                _("What can the cooperative count on for its digital projects?"),
                CHECKLIST,
                (
                    ("budget", _("Its own budget set aside every year")),
                    ("funding", _("Public funding or calls for proposals")),
                    ("time", _("Working time set aside for the projects")),
                    ("advice", _("Outside advisers or a digital innovation hub")),
                    ("partners", _("Partner cooperatives or the federation")),
                ),
            ),
            Question(
                "strategy_governance",
                _(
                    "The board and the assembly discuss the digital side of the "
                    "cooperative's choices when they decide."
                ),
            ),
        ),
        _d(
            "readiness",
            Question(
                "readiness_basic",
                _("Which of these digital tools does the cooperative use?"),
                CHECKLIST,
                (
                    ("connection", _("A fast and reliable internet connection")),
                    ("website", _("A website kept up to date")),
                    ("ecommerce", _("Online sales, booking or ordering")),
                    ("payments", _("Electronic invoicing and online payments")),
                    ("software", _("Management software for accounts, customers or planning")),
                    ("cloud", _("Cloud services and online collaboration tools")),
                ),
            ),
            Question(
                "readiness_advanced",
                _("Which of these advanced technologies does the cooperative use?"),
                CHECKLIST,
                (
                    ("iot", _("Sensors and connected devices (Internet of things)")),
                    ("analytics", _("Data analysis and dashboards")),
                    ("ai", _("Artificial intelligence")),
                    ("robots", _("Robots or automated machines")),
                    ("printing", _("3D printing")),
                    ("xr", _("Virtual or augmented reality")),
                ),
            ),
            Question(
                "readiness_integration",
                _(
                    "The cooperative's digital tools are connected to one another: "
                    "data are entered once and reach whoever needs them."
                ),
            ),
        ),
        _d(
            "human",
            Question(
                "human_skills",
                _("How does the cooperative improve the digital skills of workers and members?"),
                CHECKLIST,
                (
                    ("assessment", _("It assesses the digital skills it has and needs")),
                    ("plan", _("It has a training plan that includes digital skills")),
                    ("courses", _("It pays for courses or gives time to attend them")),
                    ("mentoring", _("Colleagues teach one another (mentoring, tutorials)")),
                    ("specialists", _("It hires or works with digital specialists")),
                ),
            ),
            Question(
                "human_involvement",
                _(
                    "Workers and members are listened to and involved when new digital "
                    "tools are chosen and introduced."
                ),
            ),
            Question(
                "human_wellbeing",
                _(
                    "Digital tools make work easier, more flexible and more autonomous, "
                    "without adding stress or surveillance."
                ),
            ),
        ),
        _d(
            "data",
            Question(
                "data_management",
                _("How does the cooperative manage its data?"),
                CHECKLIST,
                (
                    ("policy", _("A written policy says which data are kept and by whom")),
                    ("digital", _("Data are kept in digital form, not only on paper")),
                    ("integrated", _("Data of different activities are brought together")),
                    ("access", _("Whoever needs the data can find them when needed")),
                    ("sharing", _("Data are shared with partners under clear rules")),
                ),
            ),
            Question(
                "data_security",
                _("How does the cooperative protect its data and systems?"),
                CHECKLIST,
                (
                    ("gdpr", _("A privacy (GDPR) register and people in charge")),
                    ("backup", _("Regular backups, tested by restoring them")),
                    ("protection", _("Up-to-date antivirus, firewall and software")),
                    ("rights", _("Personal accounts with access limited to what each needs")),
                    ("training", _("Training on phishing and cyber security")),
                    ("plan", _("A plan for what to do after an attack or a breakdown")),
                ),
            ),
            Question(
                "data_decisions",
                _("Decisions rely on data analysed regularly (reports, indicators, dashboards)."),
            ),
        ),
        _d(
            "automation",
            Question(
                "automation_uses",
                _("What does the cooperative already automate or support with AI?"),
                CHECKLIST,
                (
                    ("service", _("Answers to customers or users (chatbots, assistants)")),
                    ("documents", _("Documents, invoices and administrative tasks")),
                    ("planning", _("Planning of shifts, routes or production")),
                    ("forecasts", _("Forecasts of demand, stock or cash flow")),
                    ("quality", _("Quality control or maintenance")),
                    ("content", _("Writing, translating or designing content")),
                ),
            ),
            Question(
                "automation_opportunities",
                _(
                    "The cooperative knows which of its activities would gain from automation "
                    "or AI."
                ),
            ),
            Question(
                "automation_rules",
                _(
                    "AI is used with care: rules for its use, results checked by a person, "
                    "respect for the rights of workers and users."
                ),
            ),
        ),
        _d(
            "green",
            Question(
                "green_uses",
                _("How do digital technologies help the cooperative protect the environment?"),
                CHECKLIST,
                (
                    ("energy", _("Monitoring of energy and water consumption")),
                    ("paperless", _("Processes without paper")),
                    ("travel", _("Remote work and online meetings that save travel")),
                    ("logistics", _("Optimised logistics and transport")),
                    ("circular", _("Reuse, sharing or circular-economy platforms")),
                ),
            ),
            Question(
                "green_equipment",
                _("What does the cooperative consider when it buys and uses digital equipment?"),
                CHECKLIST,
                (
                    ("efficiency", _("Energy efficiency and environmental labels")),
                    ("repair", _("Repair, refurbished devices and a longer life")),
                    ("disposal", _("Responsible disposal of electronic waste (WEEE)")),
                    ("cloud", _("Data centres and cloud services powered by renewable energy")),
                ),
            ),
            Question(
                "green_strategy",
                _(
                    "The environmental impact is weighed in the cooperative's digital choices "
                    "and in its business model."
                ),
            ),
        ),
    ),
)

VERSIONS = {V1.version: V1}
CURRENT = V1


def questionnaire(version: int) -> Questionnaire | None:
    return VERSIONS.get(version)
