using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Acting;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using static Incidents.Demo.CaseScript;
using static Incidents.Demo.DemoTerm;

namespace Incidents.Demo;

/// <summary>
/// The autumn term 2026 of the demonstration school: concerns of every kind, left in every state the lifecycle has,
/// each written step by step through the domain's deciders. Most of the term's early cases are closed; the later
/// ones are still being handled, and some work is overdue on the queue (a triage, advice, a LADO consultation, a
/// review and a debrief), as it is in a real school.
/// </summary>
public static class DemoConcerns
{
    /// <summary>The seed of the term's choices (who, when, which words): the same term on every run.</summary>
    public const int Seed = 2026_12_04;

    public static IReadOnlyList<DemoCase> For(DemoPeople people, SchoolRoles school)
    {
        var random = new Random(Seed);
        var actors = new DemoActors(people);
        var cases = new List<DemoCase>();
        var used = new HashSet<string>(StringComparer.Ordinal);

        CaseScript New()
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new CaseScript(DemoIds.From(bytes), random, actors, school);
        }

        void Done(CaseScript script) => cases.Add(script.Build());

        // Learners of a year group, preferring those not yet on a case, so the term touches many children.
        DemoPerson[] Pick(string yearGroup, int count, string? className = null)
        {
            var pool = people.InYear(yearGroup).Where(l => className is null || l.Class == className).ToList();
            var picked = pool.Where(l => !used.Contains(l.MisRef)).OrderBy(_ => random.Next()).Take(count).ToArray();
            foreach (var learner in picked)
            {
                used.Add(learner.MisRef);
            }

            return picked;
        }

        Actor TeacherOf(DemoPerson learner) => DemoActors.Staff(people.ClassTeacher[learner.Class!]);
        Actor StaffActor(string misRef) => DemoActors.Staff(people[misRef]);
        var tom = DemoActors.Staff(people["staff-teacher-1"]);
        var itTechnician = StaffActor("staff-it-1");
        Subject Affected(DemoPerson p) => p.As(Involvement.Affected);
        Subject Alleged(DemoPerson p) => p.As(Involvement.Alleged);

        // ---- Closed early in the term ----

        {
            var (victim, other) = Two(Pick("Year 6", 2, "Rowan"));
            Done(New().Raise(ConcernKind.Cyberbullying, "Unkind messages and a edited photo posted about a classmate in a class group chat",
                    [Affected(victim), Alleged(other)], TeacherOf(victim), Day(9, 7, 19, 30))
                .Triage(Hours(3), RiskLevel.Medium, TriageDecision.Investigate, "Repeated over several evenings; the child is upset and reluctant to come in")
                .Note(Hours(2), "Spoke with both children separately; screenshots kept by the class teacher")
                .SeekAdvice(Hours(1), "Is this peer-on-peer abuse we manage in school, or do we refer?")
                .RecordAdvice(Days(1), "Education Safeguarding Service adviser", "Manage in school under the anti-bullying policy; inform both families")
                .Action(Hours(2), ActionType.SupportOffered, victim.MisRef, "Daily check-in with the learning mentor for two weeks")
                .Action(Hours(1), ActionType.SanctionApplied, other.MisRef, "Loss of golden time and a restorative conversation", SanctionKind.LearnerBehaviourSanction)
                .CompleteInvestigation(Days(4), "The messages were sent by one child; two others forwarded them", InvestigationOutcome.Substantiated)
                .Debrief(Days(3), ["Group chats start in Year 5: teach online kindness before then"],
                    new ProposedChange(ProposedChangeKind.Curriculum, "Move the online relationships unit to the autumn term of Year 5", "PSHE lead"))
                .ParentsForEveryChild(Hours(2))
                .Close(Days(1), "Resolved; the children have repaired the friendship and check-ins continue"));
        }

        {
            var learner = Pick("Year 4", 1)[0];
            Done(New().Raise(ConcernKind.FilteringBreach, "A gaming site loaded on a classroom laptop during wet play",
                    [Affected(learner)], itTechnician, Day(9, 9, 12, 40))
                .Triage(Hours(2), RiskLevel.Low, TriageDecision.NoFurtherAction, "The category was missing from the filter; no harmful content was seen")
                .Close(Hours(1), "Filter category added and tested by the IT technician"));
        }

        {
            var learner = Pick("Year 3", 1)[0];
            Done(New().Raise(ConcernKind.UnderageUse, "A Year 3 child talked about their own video-sharing account with many followers",
                    [Affected(learner)], TeacherOf(learner), Day(9, 14, 10, 15))
                .Triage(Hours(4), RiskLevel.Low, TriageDecision.Monitor, "Under the service's minimum age; talk to the family first", reviewInDays: 14)
                .ParentsForEveryChild(Days(1))
                .Note(Days(13), "Review: the family closed the account; the child is happy")
                .Close(Days(2), "Account closed by the family; nothing further seen in class"));
        }

        {
            var learner = Pick("Year 5", 1, "Oak")[0];
            Done(New().Raise(ConcernKind.InappropriateUse, "Searching for horror game videos on a school tablet in a lesson",
                    [Affected(learner)], tom, Day(9, 16, 14, 5))
                .Triage(Hours(2), RiskLevel.Low, TriageDecision.NoFurtherAction, "Curiosity, not distress; dealt with under the acceptable use agreement")
                .Action(Hours(1), ActionType.InternetAccessRemoved, learner.MisRef, "No tablet use for a week")
                .Close(Hours(1), "Talked through the acceptable use agreement with the child"));
        }

        {
            var (first, second) = Two(Pick("Year 6", 2, "Willow"));
            Done(New().Raise(ConcernKind.YouthProducedSexualImagery, "A child said a semi-nude image of a classmate was being passed round on phones",
                    [Affected(first), first == second ? Affected(second) : second.As(Involvement.Alleged)], TeacherOf(first), Day(9, 18, 11, 0))
                .ImageryReview(Hours(1), viewed: false, "Two phones; both children handed them in to the office", "Both children deleted the image with a parent present",
                    "Both families told the same afternoon")
                .Triage(Hours(1), RiskLevel.High, TriageDecision.Investigate, "Imagery of a child shared among peers; no adult involved, no coercion found")
                .SeekAdvice(Hours(1), "Any reason to refer beyond the UKCIS advice?")
                .RecordAdvice(Hours(20), "Education Safeguarding Service adviser", "No trigger for an immediate referral; manage in school")
                .ReferralDecision(Hours(1), ReferralDecisionKind.DoNotRefer, "No UKCIS trigger; the advice was to manage in school")
                .Action(Hours(2), ActionType.SupportOffered, first.MisRef, "Sessions with the school counsellor")
                .CompleteInvestigation(Days(5), "The image was shared once and deleted by everyone who had it", InvestigationOutcome.Substantiated)
                .Debrief(Days(4), ["Children did not know how to report an image; make it easy to ask for help"],
                    new ProposedChange(ProposedChangeKind.Curriculum, "Teach the Report Remove tool in Year 6", "Computing lead"))
                .ParentsForEveryChild(Hours(3))
                .Close(Days(1), "Resolved; support continues"));
        }

        {
            var ta = people["staff-ta-3"];
            var learner = Pick("Year 2", 1)[0];
            Done(New().Raise(ConcernKind.StaffMisconduct, "A teaching assistant posted photos of the class on a personal social media account",
                    [Alleged(ta), Affected(learner)], TeacherOf(learner), Day(9, 22, 16, 30))
                .ConsultLado(Hours(2), "Manage under the staff code of conduct; no referral needed")
                .Triage(Hours(1), RiskLevel.Medium, TriageDecision.Investigate, "A breach of the social media policy; no harm to a child alleged")
                .ReferralDecision(Hours(1), ReferralDecisionKind.DoNotRefer, "The LADO advised it does not meet the harm threshold")
                .CompleteInvestigation(Days(3), "The photos were posted and removed the same day at the school's request", InvestigationOutcome.Substantiated)
                .Action(Hours(1), ActionType.SanctionApplied, ta.MisRef, "Written warning under the code of conduct", SanctionKind.StaffDisciplinary)
                .Debrief(Days(2), ["Remind all staff each September what may be posted about pupils"],
                    new ProposedChange(ProposedChangeKind.Policy, "Add a worked example to the staff social media guidance", "Headteacher"))
                .ParentsForEveryChild(Hours(2))
                .Close(Hours(4), "Resolved under the code of conduct"));
        }

        {
            var (victim, other) = Two(Pick("Year 6", 2));
            Done(New().Raise(ConcernKind.OnlineSexualHarassment, "Sexualised comments sent to a classmate on a messaging app",
                    [Affected(victim), Alleged(other)], TeacherOf(victim), Day(9, 24, 20, 0))
                .Triage(Hours(2), RiskLevel.High, TriageDecision.Investigate, "Sexual harassment between children; repeated over a weekend")
                .ReferralDecision(Hours(2), ReferralDecisionKind.Refer, "The messages refer to an older sibling's behaviour at home")
                .Refer(Hours(1), ReferralAgency.ChildrensSocialCare, "CSC-2026-0917")
                .Action(Hours(2), ActionType.SupportOffered, victim.MisRef, "Counselling and a safe adult to go to")
                .Action(Hours(1), ActionType.SupportOffered, other.MisRef, "Sessions on healthy relationships with the learning mentor")
                .CompleteInvestigation(Days(6), "The messages were sent; children's social care are working with the family", InvestigationOutcome.Substantiated)
                .Debrief(Days(2), ["Harmful sexual behaviour can start at home: share concerns with social care early"])
                .ParentsForEveryChild(Hours(2))
                .Close(Days(1), "Resolved in school; children's social care continue with the family"));
        }

        {
            var teacher = people.Teachers[3];
            Done(New().Raise(ConcernKind.ConflictingContent, "I shared a political post on my public account that parents may see",
                    [teacher.As(Involvement.Declaring)], DemoActors.Staff(teacher), Day(9, 29, 18, 0))
                .Triage(Days(1), RiskLevel.Low, TriageDecision.NoFurtherAction, "Declared promptly; the post was taken down")
                .Close(Hours(2), "Reminded of the code of conduct on personal accounts"));
        }

        {
            var ta = people["staff-ta-5"];
            var learner = Pick("Year 1", 1)[0];
            Done(New().Raise(ConcernKind.PreExistingRelationship, "I am a family friend of a child in my class and we are connected on social media",
                    [ta.As(Involvement.Declaring), learner.As(Involvement.Other)], DemoActors.Staff(ta), Day(10, 1, 9, 0))
                .Triage(Hours(5), RiskLevel.Low, TriageDecision.NoFurtherAction, "Declared at once, as section 4.2 asks")
                .ProposeJointDecision(Days(1), "No change to class; no messages about school through personal accounts")
                .AgreeJointDecision(Hours(3))
                .Close(Hours(1), "Joint decision recorded and shared with the member of staff"));
        }

        {
            Done(New().Raise(ConcernKind.PreExistingRelationship, "My nephew has joined Reception; we are family and connected on social media",
                    [people.Headteacher.As(Involvement.Declaring), Pick("Reception", 1)[0].As(Involvement.Other)],
                    actors.Headteacher, Day(9, 30, 8, 30))
                .Triage(Hours(4), RiskLevel.Low, TriageDecision.NoFurtherAction, "Declared by the headteacher; the chair takes the headteacher's part")
                .ProposeJointDecision(Days(1), "The headteacher takes no part in decisions about the child; the DSL is the family's contact")
                .AgreeJointDecision(Days(1))
                .Close(Hours(2), "Joint decision of the DSL and the chair of governors on record"));
        }

        {
            var learner = Pick("Year 6", 1, "Rowan")[0];
            Done(New().Raise(ConcernKind.PersonalAccountContact, "A child sent a friend request to a teacher's personal account",
                    [learner.As(Involvement.Other)], TeacherOf(learner), Day(10, 5, 19, 0))
                .Triage(Hours(3), RiskLevel.Low, TriageDecision.NoFurtherAction, "Declined and reported at once, as the policy asks")
                .Note(Hours(1), "Class reminded of safe online contact with adults")
                .Close(Hours(1), "No further action; staff reminded to decline and report"));
        }

        {
            var learner = Pick("Year 5", 1, "Pine")[0];
            Done(New().Raise(ConcernKind.IllegalContent, "A child showed friends a video of extreme violence from an older sibling's phone",
                    [Affected(learner)], TeacherOf(learner), Day(10, 7, 13, 20))
                .Triage(Hours(1), RiskLevel.High, TriageDecision.Investigate, "Possibly illegal content reaching children through a family phone")
                .ReferralDecision(Hours(1), ReferralDecisionKind.Refer, "The content may be illegal to hold")
                .Refer(Hours(1), ReferralAgency.Police, "POL-4471-26")
                .CompleteInvestigation(Days(5), "Police spoke with the family; the phone was handed over", InvestigationOutcome.Substantiated)
                .Debrief(Days(3), ["Children who see distressing content need a quick route to a trusted adult"])
                .ParentsForEveryChild(Hours(2))
                .Close(Days(1), "Resolved; police action complete"));
        }

        {
            var learner = Pick("Year 6", 1, "Willow")[0];
            var script = New();
            var stranger = script.NamedByName("\"ShadowFox77\"", "adult on a gaming platform's chat, real name unknown", PersonType.Other, Involvement.Alleged);
            Done(script.Raise(ConcernKind.OnlineAbuseOrExploitation, "An unknown adult asked a child for photos through a gaming platform's chat",
                    [Affected(learner), stranger], TeacherOf(learner), Day(10, 12, 8, 45))
                .Triage(Minutes(30), RiskLevel.Immediate, TriageDecision.Investigate, "Grooming behaviour by an adult online")
                .ReferralDecision(Minutes(30), ReferralDecisionKind.Refer, "Online grooming is referred at once")
                .Refer(Minutes(20), ReferralAgency.Ceop, "CEOP-8812")
                .Refer(Minutes(20), ReferralAgency.Police, "POL-4519-26")
                .SeekAdvice(Hours(1), "What support should school put in place while the police investigate?")
                .RecordAdvice(Days(1), "Education Safeguarding Service adviser", "Keep a safe adult in school; share nothing with other families")
                .Action(Hours(1), ActionType.SupportOffered, learner.MisRef, "A named safe adult and weekly check-ins")
                .CompleteInvestigation(Days(12), "Reported to CEOP and the police; the account was removed", InvestigationOutcome.Substantiated)
                .Debrief(Days(3), ["Families asked for help with gaming chat settings"],
                    new ProposedChange(ProposedChangeKind.Curriculum, "A parents' workshop on gaming chat settings", "Computing lead"))
                .ParentsForEveryChild(Hours(1))
                .Close(Days(1), "Resolved in school; police enquiries continue"));
        }

        foreach (var (year, month, day, deputy) in new[] { ("Year 4", 10, 14, false), ("Year 4", 10, 6, true), ("Year 5", 11, 2, false) })
        {
            var (victim, other) = Two(Pick(year, 2));
            var raiser = year == "Year 5" ? tom : TeacherOf(victim);
            var script = New().Raise(ConcernKind.Cyberbullying, "Name-calling in an online game's chat carried on in the playground",
                [Affected(victim), Alleged(other)], year == "Year 5" ? tom : raiser, Day(month, day, 15, 10), deputyLeads: deputy);
            if (month == 10 && day == 14)
            {
                Done(script
                    .Triage(Hours(3), RiskLevel.Low, TriageDecision.Monitor, "A falling-out; watch it for two weeks", reviewInDays: 14)
                    .ParentsForEveryChild(Days(1))
                    .Note(Days(14), "Review: no further incidents; both children are playing together again")
                    .Close(Hours(1), "Monitored for two weeks; resolved"));
            }
            else
            {
                Done(script
                    .Triage(Hours(3), RiskLevel.Medium, TriageDecision.Investigate, "It has gone on for weeks")
                    .Action(Hours(2), ActionType.SanctionApplied, other.MisRef, "Restorative meeting and a break-time sanction", SanctionKind.LearnerBehaviourSanction)
                    .CompleteInvestigation(Days(3), "Both children were unkind; one more so", InvestigationOutcome.Substantiated)
                    .Debrief(Days(2), ["Play-time disputes carry on online; ask about both"])
                    .ParentsForEveryChild(Hours(2))
                    .Close(Days(1), "Resolved"));
            }
        }

        foreach (var (kind, month, day) in new[] { (ConcernKind.FilteringBreach, 10, 19), (ConcernKind.InappropriateUse, 11, 11), (ConcernKind.FilteringBreach, 9, 10) })
        {
            var learner = Pick("Year 6", 1)[0];
            var raiser = kind == ConcernKind.FilteringBreach ? itTechnician : TeacherOf(learner);
            Done(New().Raise(kind, kind == ConcernKind.FilteringBreach ? "The monitoring alert flagged a search for a proxy website" : "Using a school laptop for social media in a lesson",
                    [Affected(learner)], raiser, Day(month, day, 11, 30))
                .Triage(Hours(3), RiskLevel.Low, TriageDecision.NoFurtherAction, "No harm; dealt with under the acceptable use agreement")
                .Close(Hours(1), "Talked it through with the child; filter checked"));
        }

        {
            var learner = Pick("Year 6", 1)[0];
            Done(New().Raise(ConcernKind.InappropriateUse, "Watching videos on a phone in the toilets during lessons", [Affected(learner)], TeacherOf(learner), Day(10, 21, 10, 0))
                .Triage(Hours(2), RiskLevel.Low, TriageDecision.Monitor, "Phones are handed in at the office; check it is happening", reviewInDays: 10)
                .Note(Days(11), "Review: the phone is handed in every morning")
                .Close(Hours(1), "Monitored; phone handed in daily"));
        }

        {
            var learner = Pick("Year 4", 1)[0];
            Done(New().Raise(ConcernKind.UnderageUse, "A child is using a messaging app with an age limit of 13", [Affected(learner)], TeacherOf(learner), Day(11, 4, 9, 20))
                .Triage(Hours(3), RiskLevel.Low, TriageDecision.NoFurtherAction, "Share with the family, as section 6 asks")
                .ParentsForEveryChild(Hours(5))
                .Close(Hours(1), "Parents informed; their decision"));
        }

        {
            var supervisor = people["staff-mds-2"];
            var learner = Pick("Year 3", 1)[0];
            Done(New().Raise(ConcernKind.StaffMisconduct, "A parent says a midday supervisor posted about their child in a local parents' group",
                    [Alleged(supervisor), Affected(learner)], StaffActor("staff-office-2"), Day(11, 5, 15, 45))
                .ConsultLado(Hours(2), "Establish the facts in school")
                .Triage(Hours(1), RiskLevel.Medium, TriageDecision.Investigate, "An allegation against a member of staff")
                .ReferralDecision(Hours(1), ReferralDecisionKind.DoNotRefer, "The LADO advised no referral")
                .CompleteInvestigation(Days(2), "The post was by another parent with the same first name", InvestigationOutcome.Unfounded)
                .Debrief(Days(2), ["Check who wrote a post before acting on it"])
                .ParentsForEveryChild(Hours(2))
                .Close(Hours(2), "Unfounded; the parent was thanked for raising it"));
        }

        {
            var (child, other) = Two(Pick("Year 6", 2));
            Done(New().Raise(ConcernKind.Cyberbullying, "Threatening messages to a child after a football match",
                    [Affected(child), Alleged(other)], TeacherOf(child), Day(9, 25, 18, 0))
                .Triage(Hours(3), RiskLevel.Medium, TriageDecision.Investigate, "Threats, though between children")
                .SeekAdvice(Hours(2), "One child's father is known to children's social care: should he be told?")
                .RecordAdvice(Days(1), "Education Safeguarding Service adviser", "Do not tell the father; tell the mother, who has care")
                .CompleteInvestigation(Days(3), "The messages were sent after a falling-out", InvestigationOutcome.Substantiated)
                .Debrief(Days(2), ["Check who has parental contact before calling home"])
                .ParentsForEveryChild(Hours(1), notInformedFor: child.MisRef, notInformedReason: "Telling the father would put the child at risk (ESS advice); the mother was told instead")
                .Close(Days(1), "Resolved"));
        }

        {
            var learner = Pick("Year 5", 1, "Pine")[0];
            Done(New().Raise(ConcernKind.PersonalAccountContact, "A parent messaged a teacher's personal account about their child's reading",
                    [learner.As(Involvement.Other)], TeacherOf(learner), Day(10, 15, 20, 30))
                .Triage(Hours(2), RiskLevel.Low, TriageDecision.Monitor, "Remind the family of the school's channels", reviewInDays: 14)
                .Note(Days(15), "Review: no more contact through personal accounts")
                .Close(Hours(1), "Monitored; the family now use the school office"));
        }

        // ---- Reopened and withdrawn ----

        {
            var (child, other) = Two(Pick("Year 5", 2, "Oak"));
            Done(New().Raise(ConcernKind.Cyberbullying, "Being left out of and mocked in a class group chat",
                    [Affected(child), Alleged(other)], tom, Day(9, 15, 16, 0))
                .Triage(Hours(3), RiskLevel.Low, TriageDecision.NoFurtherAction, "A one-off; both children spoken to")
                .ParentsForEveryChild(Hours(4))
                .Close(Days(1), "Spoken to; parents informed")
                .Reopen(Days(62), "The messages started again this week, with new children joining in"));
        }

        {
            var learner = Pick("Year 3", 1)[0];
            Done(New().Raise(ConcernKind.UnderageUse, "A child has a social media account and posts videos of the class", [Affected(learner)], TeacherOf(learner), Day(10, 8, 9, 0))
                .Triage(Hours(2), RiskLevel.Low, TriageDecision.NoFurtherAction, "Share with the family")
                .ParentsForEveryChild(Hours(3))
                .Close(Hours(1), "Parents informed; the account was closed")
                .Reopen(Days(56), "The account is back and now shows other children's faces"));
        }

        {
            var learner = Pick("Year 2", 1)[0];
            Done(New().Raise(ConcernKind.FilteringBreach, "Monitoring alert on a Year 2 login", [Affected(learner)], itTechnician, Day(10, 20, 10, 0))
                .Withdraw(Hours(3), "Raised in error: the alert came from the technician's own filter test using a class login"));
        }

        {
            var learner = Pick("Year 4", 1)[0];
            Done(New().Raise(ConcernKind.Cyberbullying, "Mean comments under a child's gaming video", [Affected(learner)], StaffActor("staff-ta-2"), Day(11, 26, 9, 30))
                .Withdraw(Hours(4), "A duplicate of a concern the class teacher raised the same morning"));
        }

        // ---- Still open: waiting for triage ----

        {
            var (child, other) = Two(Pick("Year 5", 2, "Oak"));
            Done(New().Raise(ConcernKind.Cyberbullying, "A child says others are sharing a nickname about her in a chat", [Affected(child), Alleged(other)], tom, Day(12, 4, 12, 50)));
        }

        {
            var learner = Pick("Year 2", 1)[0];
            Done(New().Raise(ConcernKind.UnderageUse, "A Year 2 child described chatting to strangers in a video app", [Affected(learner)], TeacherOf(learner), Day(12, 3, 9, 40)));
        }

        {
            var learner = Pick("Year 5", 1)[0];
            Done(New().Raise(ConcernKind.FilteringBreach, "A VPN app found on a school tablet", [Affected(learner)], itTechnician, Day(12, 4, 11, 15)));
        }

        {
            var (child, other) = Two(Pick("Year 6", 2, "Willow"));
            Done(New().Raise(ConcernKind.OnlineSexualHarassment, "Rating classmates' looks in a shared online document",
                [Affected(child), Alleged(other)], TeacherOf(child), Day(11, 30, 14, 0)));
        }

        // ---- Triaged: no further action, monitoring ----

        {
            var learner = Pick("Year 6", 1)[0];
            Done(New().Raise(ConcernKind.InappropriateUse, "Playing games on a school laptop in a lesson", [Affected(learner)], TeacherOf(learner), Day(12, 1, 13, 0))
                .Triage(Hours(2), RiskLevel.Low, TriageDecision.NoFurtherAction, "Dealt with in class"));
        }

        {
            var learner = Pick("Year 6", 1, "Rowan")[0];
            Done(New().Raise(ConcernKind.PersonalAccountContact, "A child's older sibling messaged a teacher's personal account", [learner.As(Involvement.Other)], TeacherOf(learner), Day(11, 27, 19, 0))
                .Triage(Hours(3), RiskLevel.Low, TriageDecision.NoFurtherAction, "Declined and reported; nothing concerning in the message")
                .Note(Hours(1), "The teacher blocked the account"));
        }

        {
            var (child, other) = Two(Pick("Year 4", 2));
            Done(New().Raise(ConcernKind.Cyberbullying, "Messages calling a child a liar after a class vote", [Affected(child), Alleged(other)], TeacherOf(child), Day(11, 9, 15, 0))
                .Triage(Hours(2), RiskLevel.Low, TriageDecision.Monitor, "Watch it for two weeks", reviewInDays: 14)
                .ParentsForEveryChild(Days(1)));
        }

        {
            var learner = Pick("Year 5", 1)[0];
            Done(New().Raise(ConcernKind.UnderageUse, "A child streams live video games to strangers", [Affected(learner)], TeacherOf(learner), Day(11, 25, 10, 0))
                .Triage(Hours(3), RiskLevel.Medium, TriageDecision.Monitor, "Talk to the family; review before the holiday", reviewInDays: 21)
                .ParentsForEveryChild(Hours(6)));
        }

        {
            var learner = Pick("Year 6", 1)[0];
            Done(New().Raise(ConcernKind.InappropriateUse, "Sending messages during tests on a smartwatch", [Affected(learner)], TeacherOf(learner), Day(11, 18, 11, 0))
                .Triage(Hours(2), RiskLevel.Low, TriageDecision.Monitor, "Watches are handed in; check it happens", reviewInDays: 10));
        }

        {
            var teacher = people.Teachers[9];
            var learner = Pick("Year 4", 1, "Maple")[0];
            Done(New().Raise(ConcernKind.PreExistingRelationship, "My neighbour's child has moved into my class; our families are close",
                    [teacher.As(Involvement.Declaring), learner.As(Involvement.Other)], DemoActors.Staff(teacher), Day(11, 20, 8, 15))
                .Triage(Hours(4), RiskLevel.Low, TriageDecision.Monitor, "Decide with the headteacher whether the child moves class", reviewInDays: 28)
                .ProposeJointDecision(Days(2), "The child stays in class; another adult marks their assessed work"));
        }

        {
            var teacher = people.Teachers[12];
            Done(New().Raise(ConcernKind.ConflictingContent, "A video of me at a party is being shared by parents",
                    [teacher.As(Involvement.Declaring)], DemoActors.Staff(teacher), Day(12, 2, 7, 50))
                .Triage(Hours(3), RiskLevel.Low, TriageDecision.Monitor, "See whether it spreads; support the teacher", reviewInDays: 14));
        }

        {
            // A low-level concern (KCSIE Part 4 section 2): below the harm threshold, for the DSL, never the LADO.
            var teacher = people.Teachers[10];
            Done(New().Raise(ConcernKind.LowLevelConcern, "A teacher keeps a favourite child back at break and messages parents from a personal phone",
                    [teacher.As(Involvement.Alleged)], tom, Day(11, 24, 16, 0))
                .Triage(Days(1), RiskLevel.Low, TriageDecision.NoFurtherAction, "Below the harm threshold: spoke with the teacher about the code of conduct")
                .Close(Hours(2), "Recorded as a low-level concern; kept until the teacher leaves the school's employment"));
        }

        // ---- Under investigation ----

        {
            var learner = Pick("Year 6", 1, "Rowan")[0];
            Done(New().Raise(ConcernKind.OnlineAbuseOrExploitation, "An older teenager online is offering a child gifts for secrets",
                    [Affected(learner)], TeacherOf(learner), Day(11, 24, 9, 10))
                .Triage(Hours(1), RiskLevel.High, TriageDecision.Investigate, "Possible grooming")
                .ReferralDecision(Hours(1), ReferralDecisionKind.Refer, "Grooming concerns are referred")
                .Refer(Hours(1), ReferralAgency.Police, "POL-5120-26")
                .ParentsForEveryChild(Hours(2))
                .SeekAdvice(Days(6), "How do we support the child while the police investigate?"));
        }

        {
            var (child, other) = Two(Pick("Year 6", 2));
            Done(New().Raise(ConcernKind.Cyberbullying, "Fake account set up in a child's name posting insults", [Affected(child), Alleged(other)], TeacherOf(child), Day(11, 12, 16, 20),
                    deputyLeads: true)
                .Triage(Hours(2), RiskLevel.Medium, TriageDecision.Investigate, "Impersonation; find out who set it up")
                .SeekAdvice(Days(2), "Should the impersonation be reported to the police?")
                .Action(Hours(2), ActionType.SupportOffered, child.MisRef, "Help reporting the account to the platform"));
        }

        {
            var learner = Pick("Year 5", 1, "Oak")[0];
            Done(New().Raise(ConcernKind.IllegalContent, "A child was sent a racist video by someone outside school", [Affected(learner)], tom, Day(11, 16, 8, 50))
                .Triage(Hours(1), RiskLevel.High, TriageDecision.Investigate, "Possibly illegal hate content sent to a child")
                .SeekAdvice(Hours(1), "Is this a police matter?")
                .RecordAdvice(Hours(22), "Education Safeguarding Service adviser", "Report to the police hate crime unit")
                .ReferralDecision(Hours(1), ReferralDecisionKind.Refer, "Advice was to report it")
                .Refer(Hours(1), ReferralAgency.Police, "POL-5088-26")
                .Action(Hours(3), ActionType.SupportOffered, learner.MisRef, "Check-ins with the class teacher")
                .ParentsForEveryChild(Hours(2)));
        }

        {
            var teacher = people.Teachers[6];
            var learner = Pick("Year 3", 1, "Hazel")[0];
            Done(New().Raise(ConcernKind.StaffMisconduct, "A teacher has been messaging a child's parent late at night from a personal account",
                    [Alleged(teacher), Affected(learner)], StaffActor("staff-ta-7"), Day(11, 19, 15, 30))
                .ConsultLado(Hours(3), "Refer formally; the LADO will chair a strategy discussion")
                .Refer(Hours(1), ReferralAgency.Lado, "LADO-26-311")
                .Triage(Hours(1), RiskLevel.High, TriageDecision.Investigate, "An allegation against a teacher; the LADO is involved")
                .ReferralDecision(Hours(1), ReferralDecisionKind.Refer, "Referred to the LADO")
                .ShareWithDsl(Hours(2), "The DSL supports the child and needs to know what is alleged")
                .Action(Hours(2), ActionType.SupportOffered, learner.MisRef, "Kept in class with a different adult for reading", by: actors.Dsl));
        }

        {
            var ta = people["staff-ta-9"];
            var learner = Pick("Year 1", 1)[0];
            Done(New().Raise(ConcernKind.Cyberbullying, "A child says a teaching assistant laughed at mocking comments about them in an online class space",
                    [Affected(learner), Alleged(ta)], TeacherOf(learner), Day(12, 2, 15, 40))
                .Triage(Hours(2), RiskLevel.Medium, TriageDecision.Investigate, "An allegation against a member of staff; the LADO is still to be called"));
        }

        {
            var learner = Pick("Year 4", 1)[0];
            Done(New().Raise(ConcernKind.StaffMisconduct, "The headteacher posted a class trip photo showing children's faces on a personal account",
                    [Alleged(people.Headteacher), Affected(learner)], actors.Dsl, Day(11, 26, 12, 0))
                .ConsultLado(Hours(3), "Manage in school; the chair of governors is case manager")
                .Triage(Hours(1), RiskLevel.Low, TriageDecision.Investigate, "An allegation about the headteacher: the chair manages it")
                .ReferralDecision(Hours(2), ReferralDecisionKind.DoNotRefer, "The LADO advised no referral")
                .Note(Days(2), "The photo was removed the same day"));
        }

        {
            var (child, other) = Two(Pick("Year 6", 2, "Willow"));
            Done(New().Raise(ConcernKind.YouthProducedSexualImagery, "A child was pressured into sending an image and is now being threatened with it",
                    [Affected(child), Alleged(other)], TeacherOf(child), Day(12, 1, 10, 30))
                .ImageryReview(Minutes(40), viewed: false, "The child's phone, kept by the DSL", "Not deleted: the police may need it",
                    "Mother informed the same morning", ImmediateReferralTrigger.CoercionOrCapacityToConsent)
                .Triage(Minutes(20), RiskLevel.Immediate, TriageDecision.Investigate, "Coercion: an immediate referral (UKCIS)")
                .ReferralDecision(Minutes(20), ReferralDecisionKind.Refer, "A UKCIS trigger: refer at once")
                .Refer(Minutes(20), ReferralAgency.Police, "POL-5201-26")
                .Refer(Minutes(30), ReferralAgency.ChildrensSocialCare, "CSC-2026-1288")
                .Action(Hours(2), ActionType.SupportOffered, child.MisRef, "Counsellor and a safe adult every day")
                .ParentsForEveryChild(Hours(1)));
        }

        {
            var (child, other) = Two(Pick("Year 5", 2, "Pine"));
            var supervisor = people["staff-mds-3"];
            Done(New().Raise(ConcernKind.Cyberbullying, "Children recorded and shared a video of a classmate falling over",
                    [Affected(child), Alleged(other)], TeacherOf(child), Day(11, 10, 13, 10))
                .Triage(Hours(2), RiskLevel.Medium, TriageDecision.Investigate, "Humiliating video shared widely")
                .AddSubjects(Days(2), Alleged(supervisor))
                .NowHandledBy(actors.Headteacher)
                .ConsultLado(Hours(2), "Establish whether the supervisor filmed it; manage in school")
                .Note(Hours(3), "The children say the supervisor filmed it and sent it to them"));
        }

        // ---- Investigation completed, waiting for the debrief; debriefed, waiting to close ----

        {
            var (child, other) = Two(Pick("Year 6", 2));
            Done(New().Raise(ConcernKind.Cyberbullying, "Exclusion and unkind voice notes in a group chat", [Affected(child), Alleged(other)], TeacherOf(child), Day(10, 13, 17, 0))
                .Triage(Hours(3), RiskLevel.Medium, TriageDecision.Investigate, "Persistent exclusion")
                .CompleteInvestigation(Days(20), "The voice notes were from three children", InvestigationOutcome.Substantiated)
                .ParentsForEveryChild(Hours(2)));
        }

        {
            var (child, other) = Two(Pick("Year 5", 2));
            Done(New().Raise(ConcernKind.OnlineSexualHarassment, "Unwanted comments about a child's body in a game's chat", [Affected(child), Alleged(other)], TeacherOf(child), Day(11, 17, 12, 0))
                .Triage(Hours(2), RiskLevel.Medium, TriageDecision.Investigate, "Sexualised comments between children")
                .ReferralDecision(Hours(2), ReferralDecisionKind.DoNotRefer, "Managed in school; no wider risk found")
                .CompleteInvestigation(Days(15), "Comments were made; the child has apologised", InvestigationOutcome.Substantiated));
        }

        {
            var supply = people["staff-supply-1"];
            var learner = Pick("Year 4", 1, "Larch")[0];
            Done(New().Raise(ConcernKind.StaffMisconduct, "A supply teacher filmed the class on a personal phone", [Alleged(supply), Affected(learner)], TeacherOf(learner), Day(11, 3, 14, 0))
                .ConsultLado(Hours(2), "Inform the supply agency; manage in school")
                .Triage(Hours(1), RiskLevel.Medium, TriageDecision.Investigate, "A breach of the code of conduct by an adult in school")
                .ReferralDecision(Hours(1), ReferralDecisionKind.DoNotRefer, "The LADO advised no referral; the agency is informed")
                .CompleteInvestigation(Days(21), "The video was deleted in front of the headteacher", InvestigationOutcome.Substantiated));
        }

        {
            var (child, other) = Two(Pick("Year 3", 2));
            Done(New().Raise(ConcernKind.Cyberbullying, "Copying a child's drawings and mocking them online", [Affected(child), Alleged(other)], TeacherOf(child), Day(11, 5, 15, 0))
                .Triage(Hours(3), RiskLevel.Low, TriageDecision.Investigate, "Unkindness continuing online")
                .CompleteInvestigation(Days(6), "Two children were involved", InvestigationOutcome.Substantiated)
                .Debrief(Days(8), ["Young children share screenshots without thinking: teach it in Year 3"])
                .Action(Hours(2), ActionType.ParentsInformed, child.MisRef, "Phoned mother"));
        }

        {
            var (child, other) = Two(Pick("Year 6", 2, "Rowan"));
            Done(New().Raise(ConcernKind.YouthProducedSexualImagery, "A child sent an image of themselves to another child, who told a teacher",
                    [Affected(child), other.As(Involvement.Witness)], TeacherOf(other), Day(10, 22, 9, 0))
                .ImageryReview(Hours(1), viewed: true, "The receiving child's tablet", "Deleted by the receiving child with the DSL present",
                    "Both families told the same day")
                .Triage(Hours(1), RiskLevel.High, TriageDecision.Investigate, "Imagery of a child; no trigger found in the review")
                .ReferralDecision(Hours(2), ReferralDecisionKind.DoNotRefer, "No UKCIS trigger; managed in school")
                .CompleteInvestigation(Days(10), "Sent once, deleted, not shared further", InvestigationOutcome.Substantiated)
                .Debrief(Days(4), ["Children told an adult at once: praise that"])
                .ParentsForEveryChild(Hours(2)));
        }

        {
            // The school's monitoring system raised it (the filtering provider's webhook), matched by MIS reference.
            var learner = Pick("Year 6", 1)[0];
            Done(New().Raise(ConcernKind.SelfHarm,
                    "Alert from the filtering and monitoring provider demo: category \"self-harm\", severity high, on a school laptop",
                    [Affected(learner)], Incidents.Domain.Filtering.FilteringAlerts.ActorFor("demo"), Day(12, 2, 11, 5))
                .Triage(Minutes(40), RiskLevel.High, TriageDecision.Investigate, "Searches about self-harm; the DSL speaks to the child today")
                .Action(Hours(2), ActionType.SupportOffered, learner.MisRef, "Talked with the DSL; a safe adult and daily check-ins")
                .ReferralDecision(Hours(1), ReferralDecisionKind.Refer, "Early help: the family agreed to a referral"));
        }

        return cases;
    }

    private static TimeSpan Minutes(int minutes) => TimeSpan.FromMinutes(minutes);

    private static (DemoPerson, DemoPerson) Two(DemoPerson[] picked) => (picked[0], picked[1 % picked.Length]);
}
