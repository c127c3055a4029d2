"""The Hughes family's maps (CP-2026-0058, York): a review of the safety plan with family and network, then
the core group meeting three weeks later."""

from __future__ import annotations

from safehold.demo.maps import Change, Meeting, Say, Score, View
from safehold.mapping.models import GoalKind, Part, ScaleKind, WorriedNumber
from safehold.meetings.models import MeetingKind

REVIEW = Meeting(
    days_ago=42,
    title="Review of the safety plan with the family and network",
    meeting_kind=MeetingKind.REVIEW,
    participants=("Rachel", "Daniel", "Peter", "Sarah", "worker"),
    add=(
        Say(Part.PAST_HARM, "Sarah",
            "At a home visit Sarah saw four finger-shaped bruises on Jack's upper left arm. Rachel could not say how "
            "they happened. The paediatrician said they fit with Jack being gripped hard by an adult."),
        Say(Part.PAST_HARM, "Ella",
            "When Daniel's been drinking he shouts at Jack if he's slow getting ready for bed. Once he pulled him "
            "up the stairs by his arm and Jack was crying.", key="stairs"),
        Say(Part.PAST_HARM, "worker",
            "Ella has stayed off school on at least three days this term to look after Jack, on evenings and "
            "mornings when Rachel was at work and Daniel had been drinking."),
        Say(Part.FUTURE_DANGER, "worker", key="drinking",
            worried="Children's Social Care, Sarah Khan and Peter", worried_number=WorriedNumber.SEVERAL,
            behaviour="Daniel drinks heavily while he is looking after Jack and Ella and loses his temper with Jack "
                      "when Jack does not do as he is told",
            impact="Jack will be gripped, pulled or hit hard enough to be badly hurt, and both children will "
                   "grow up frightened in their own home"),
        Say(Part.FUTURE_DANGER, "worker", key="ella",
            worried="Children's Social Care and Rachel", worried_number=WorriedNumber.SEVERAL,
            behaviour="Ella keeps stepping in to protect Jack and to cover for Daniel, and misses school to do it",
            impact="Ella will fall behind at school, carry a worry no 12-year-old should carry, and be hurt "
                   "herself if she gets between Daniel and Jack"),
        Say(Part.COMPLICATING, "worker",
            "Rachel works three evening shifts a week at the hospital, so Daniel is often the only adult at home "
            "at bedtime, which is when things have gone wrong."),
        Say(Part.COMPLICATING, "worker",
            "Daniel does not see his drinking as a problem and has not yet agreed to talk to anyone about it."),
        Say(Part.COMPLICATING, "Peter",
            "Peter lives across the city in Acomb and does not like driving at night, so he can't always get there "
            "for bedtime.", key="acomb"),
        Say(Part.STRENGTHS, "Rachel",
            "Rachel took Jack to the GP the day after the health visitor asked about the bruises, and she has kept "
            "every appointment since."),
        Say(Part.STRENGTHS, "Peter",
            "Peter is close to both children. Ella rings him when she is worried, and he takes Jack to football on "
            "Saturday mornings."),
        Say(Part.STRENGTHS, "worker",
            "Ella does well at school when she is there, and she is kind and protective towards her brother."),
        Say(Part.EXISTING_SAFETY, "Peter",
            "Since the safety plan was agreed, Peter has been at the house on twelve of Rachel's evening shifts "
            "and stayed until she got home."),
        Say(Part.EXISTING_SAFETY, "Rachel",
            "On two nights when he had been drinking, Daniel went to stay at his brother's, as the plan says, and "
            "Rachel told Katrin the next day."),
        Say(Part.GOALS, "worker", goal_kind=GoalKind.SAFETY, answers="drinking", text=(
            "Children's Social Care needs to see, for at least six months, that Jack is never looked after by "
            "Daniel when Daniel has been drinking, that a sober adult from the network is there at bedtime on "
            "every one of Rachel's shift evenings, and that Jack has no unexplained injuries.")),
        Say(Part.GOALS, "worker", goal_kind=GoalKind.SAFETY, answers="ella", text=(
            "Ella goes to school every day, knows which adults in the safety plan will look after Jack, and can "
            "say in her own words that she does not have to protect him any more.")),
        Say(Part.GOALS, "Rachel", goal_kind=GoalKind.FAMILY, text=(
            "We want to be a normal family again without social workers, and for Daniel to be someone the kids can "
            "trust.")),
        Say(Part.NEXT_STEPS, "Daniel", key="alcohol", who="Daniel Price", due_in=14, text=(
            "Daniel books an assessment with the York alcohol service and brings the appointment letter to the "
            "core group.")),
        Say(Part.NEXT_STEPS, "worker", who="Katrin Weber", due_in=10, text=(
            "Katrin visits Ella and Jack at school and goes through the safety plan with them in words and "
            "pictures, so they know who to ring.")),
        Say(Part.NEXT_STEPS, "Peter", key="rota", who="Peter Hughes", due_in=7, text=(
            "Peter draws up a rota of who covers each of Rachel's evening shifts for the next month and shares it "
            "with everyone in the plan.")),
        Say(Part.GREY_AREAS, "Sarah",
            "Jack's nursery noted a small bruise on his shin last spring. It was put down to a fall in the "
            "playground and nobody followed it up. We don't know whether it is connected."),
        Say(Part.GREY_AREAS, "worker",
            "Daniel says he only drinks at weekends. Rachel says it is \"most nights\". We do not yet know how much "
            "he drinks, or when."),
    ),
    views=(
        View("stairs", "Daniel", agrees=False, words=(
            "I never dragged him. I took his hand to get him up to bed because he was messing about. I'd had a "
            "couple of beers, I wasn't drunk.")),
    ),
    scores=(
        Score("worker", 5,
              "Jack has had no new injuries since the plan started and Peter has covered the shift evenings. "
              "Daniel still does not accept that his drinking is a problem, so the danger has not gone."),
        Score("Rachel", 7, "The plan is working and I trust my dad. I'd feel better if Daniel got some help."),
        Score("Peter", 6, "When I'm there I know they're fine. I worry about the nights when nobody is."),
        Score("Ella", 6, "It's better since Grandad comes round. I still get scared when Daniel's been at the pub."),
        Score("Daniel", 9, "Nothing is going to happen to those kids. I love them."),
        Score("worker", 9, "Rachel has done everything the plan asks of her and tells us when something goes "
                           "wrong.", kind=ScaleKind.WILLINGNESS, about="Rachel"),
        Score("worker", 6, "Rachel works evenings, so she depends on the network to keep the children safe at "
                           "bedtime.", kind=ScaleKind.CAPACITY, about="Rachel"),
        Score("worker", 7, "Rachel says: \"I think we can do this, as long as Dad's around.\"",
              kind=ScaleKind.CONFIDENCE, about="Rachel"),
    ),
)

CORE_GROUP = Meeting(
    days_ago=18,
    title="Core group meeting: checking the safety plan",
    meeting_kind=MeetingKind.NETWORK,
    participants=("Rachel", "Daniel", "Peter", "Sarah", "worker"),
    remove=("acomb",),
    change=(
        Change("alcohol", who="Daniel Price", due_in=21, text=(
            "Daniel keeps going to his weekly sessions at the York alcohol service and asks his key worker for a "
            "short update for the review conference.")),
        Change("rota", who="Peter Hughes", due_in=7, text=(
            "Peter keeps the shift rota going and sends it to everyone in the plan every Sunday evening.")),
    ),
    add=(
        Say(Part.EXISTING_SAFETY, "worker",
            "Daniel has been to three sessions at the alcohol service. Rachel and Peter both say he has not had a "
            "drink on any evening he was at home with the children in the last three weeks."),
        Say(Part.EXISTING_SAFETY, "Ella",
            "I've got a card with Grandad's and Mum's numbers. I rang Grandad once when Daniel came home late, and "
            "he came round in twenty minutes."),
        Say(Part.EXISTING_SAFETY, "Peter",
            "Peter now stays over in the spare room on Rachel's shift nights, so he no longer has to drive home in "
            "the dark."),
        Say(Part.GREY_AREAS, "Sarah",
            "School has told Sarah that Jack has started to go quiet and cling to his teaching assistant on Monday "
            "mornings. Nobody knows yet what it is about."),
    ),
    views=(
        View("stairs", "Daniel", agrees=False, words=(
            "I know now I was rougher with him than I meant to be. I still don't think I dragged him.")),
    ),
    scores=(
        Score("worker", 6, "Three weeks without Daniel drinking at home and with the rota working. Daniel is getting "
                           "help, but it is early days."),
        Score("Rachel", 6, "Daniel and I are rowing more now he's not drinking, and I'm tired of shifts and "
                           "meetings."),
        Score("Peter", 7, "Staying over means I'm there every shift night. That's a weight off."),
        Score("Ella", 8, "Grandad sleeps over now, and Daniel hasn't been to the pub."),
        Score("worker", 7, "With Peter staying over, Rachel can work her shifts and know the children are looked "
                           "after.", kind=ScaleKind.CAPACITY, about="Rachel"),
    ),
)

MAPS = {"CP-2026-0058": (REVIEW, CORE_GROUP)}
