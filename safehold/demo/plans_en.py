"""The Hughes family's safety plan (CP-2026-0058, York), as agreed again after the core group meeting: who is
with Jack and Ella at bedtime on Rachel's shift evenings, and what happens if Daniel has been drinking."""

from __future__ import annotations

from safehold.demo.plans import CheckIn, Contact, Plan, Result, Rule
from safehold.safety_plans.coverage import DAYS, WEEKDAYS, WEEKEND, cells_for

HUGHES = Plan(
    activated_days_ago=15,
    review_every_days=14,
    coordinator="Peter",
    minimum_requirements=(
        "Jack and Ella are never looked after by Daniel when he has been drinking. On every one of Rachel's shift "
        "evenings a sober adult from the safety network is in the house at bedtime. Any mark or injury on Jack is "
        "explained to Katrin or Sarah straight away. Ella goes to school every day and is not the one who looks "
        "after Jack. Daniel keeps going to the York alcohol service every week. Everyone in the plan tells "
        "Children's Social Care the same day if the plan has not held."),
    child_explanation=(
        "Katrin went through the plan with Ella and Jack at school, in words and pictures that Rachel and Peter "
        "helped choose. Jack has a drawing of his safety house on the fridge with Mum, Grandad and Ella in it, and "
        "he knows Grandad sleeps over when Mum is at work. Ella has a card with Grandad's and Mum's numbers. She "
        "knows that keeping Jack safe is the grown-ups' job, not hers, and that she can always ring Grandad."),
    information_given=(
        "Ella's head of year, Jack's class teacher and teaching assistant, the GP and Sarah Khan have a copy of "
        "the plan. Daniel's brother knows that Daniel can stay with him on any night he has been drinking."),
    if_worries_who_notices=(
        "Ella, Peter, Sarah Khan and school. Signs that the plan is not holding: Daniel has been drinking, Jack "
        "has a mark or is quiet and clingy, Ella misses school or says she had to look after Jack, the shift rota "
        "has a gap."),
    if_worries_who_is_called=(
        "Peter first, as network coordinator: he comes round and takes over. Then Katrin Weber at Children's "
        "Social Care the same day; out of hours the Emergency Duty Team. If anyone is in danger, 999."),
    if_worries_authority=(
        "Katrin visits within one working day, sees Jack and Ella, and calls a core group meeting if the plan has "
        "not held. If Jack is hurt again or Daniel looks after the children after drinking, Children's Social "
        "Care holds a strategy discussion. Daniel may then be asked to live away from the home, and the local "
        "authority will consider whether the children can stay at home; the family will be told openly."),
    rules=(
        Rule("shifts", "Peter", answers="drinking", periods=tuple(cells_for(DAYS, ["evening", "night"])),
             situation="On Rachel's evening shifts (Peter's rota)", text=(
                 "On every evening Mum is on shift, Grandad is at the house by five. He does tea, bath and bedtime "
                 "for Jack and Ella and sleeps in the spare room until Mum is home. Daniel does not put Jack to bed "
                 "on those nights.")),
        Rule("bedtime", "Rachel", answers="drinking", periods=tuple(cells_for(DAYS, ["evening", "night"])), text=(
            "On the evenings I'm not working, I do Jack's bedtime myself. Daniel doesn't look after Jack on his own "
            "at bedtime. If I'm going to be late home, I ring Dad, not Daniel.")),
        Rule("no_drink", "Daniel", kind="other", answers="drinking",
             periods=tuple(cells_for(DAYS, ["evening", "night"])),
             holidays=True, text=(
                 "I don't drink at home and there's no beer in the house. If I've had a drink anywhere, I don't "
                 "come home: I stay at my brother's that night and text Rachel and Peter so they know.")),
        Rule("school", "Rachel", answers="ella", periods=tuple(cells_for(WEEKDAYS, ["morning", "day"])), text=(
            "On school days I get Jack and Ella up and give them breakfast, and I walk Jack to school. Ella goes to "
            "school every day. She never stays at home to look after Jack: if Jack is ill, I stay with him or "
            "Grandad comes.")),
        Rule("weekend", "Peter", periods=tuple(cells_for(WEEKEND, ["morning", "day"])), text=(
            "On Saturday mornings Grandad takes Jack to football, and Ella comes too if she wants. On Sundays we all "
            "have dinner at Grandad's in Acomb.")),
        Rule("ella_rings", "Peter", kind="if_then", answers="ella", holidays=True,
             situation="If Ella is worried or Daniel has been drinking", text=(
                 "If Ella is worried, or Daniel comes home after drinking, she takes Jack to her room and rings "
                 "Grandad. Grandad comes straight round and sorts it out. Ella doesn't have to stand up to Daniel "
                 "or cover for him.")),
    ),
    contacts=(
        Contact("network coordinator, grandfather", person="Peter"),
        Contact("mother", person="Rachel"),
        Contact("mother's partner", person="Daniel"),
        Contact("health visitor", person="Sarah"),
        Contact("social worker, Children's Social Care", name="Katrin Weber", phone="01904 555 020"),
        Contact("out of hours", name="Emergency Duty Team", phone="01904 555 099"),
    ),
    agreements=(
        ("School (Ella's head of year, Jack's class teacher)",
         "School rings Rachel by half past nine if Ella is not in, and tells Katrin the same day. Jack's teaching "
         "assistant notes any mark on him, and how he is on Monday mornings, and tells the designated safeguarding "
         "lead, who rings Katrin."),
        ("GP practice",
         "The GP sees Jack the same day if he has any injury and shares what they find with Children's Social "
         "Care."),
        ("North Yorkshire Police",
         "There is a marker on the address. If officers are called to the house, they tell Children's Social Care "
         "by the next working day."),
    ),
    worry_about=("Daniel",),
    sign_offs=(("Rachel", "in_person"), ("Daniel", "in_person"), ("Peter", "in_person")),
    check_ins=(
        CheckIn(12, "home_visit", 6,
                "Home visit after school with Rachel, Peter and the children. Jack showed his safety house. No new "
                "marks. Daniel has been to the alcohol service every week.",
                results=(Result("shifts", "held", "Peter stayed over on all three of Rachel's shifts."),)),
        CheckIn(6, "call", 6,
                "Call with Peter and then Rachel. Rachel was held up at work on Tuesday and came home at ten.",
                results=(
                    Result("bedtime", "broken",
                           "Rachel was late back on Tuesday and did not ring Peter, so Daniel did Jack's bedtime on "
                           "his own. Ella says Daniel was sober and it was fine. Rachel has put Peter's number on "
                           "speed dial and will ring him whenever she is late."),
                    Result("no_drink", "held", "Rachel, Peter and Ella all say Daniel has not been drinking."))),
        CheckIn(1, "school", 7,
                "The designated safeguarding lead rang: Ella has been in every day this fortnight. Jack was quiet "
                "again on Monday morning but settled by break; no marks.",
                results=(Result("school", "held", "Ella in school every day."),)),
    ),
)

PLANS = {"CP-2026-0058": HUGHES}
