using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Acting;
using Incidents.Domain.Policy;

namespace Incidents.Api.Web;

/// <summary>The policy's vocabulary in plain words, as staff read it on the pages.</summary>
public static class Words
{
    public static string Kind(ConcernKind kind) => kind switch
    {
        ConcernKind.Cyberbullying => "Cyberbullying",
        ConcernKind.YouthProducedSexualImagery => "Sharing nudes or semi-nudes",
        ConcernKind.OnlineSexualHarassment => "Online sexual harassment",
        ConcernKind.OnlineAbuseOrExploitation => "Online abuse or exploitation",
        ConcernKind.IllegalContent => "Illegal content",
        ConcernKind.FilteringBreach => "Filtering or monitoring breach",
        ConcernKind.StaffMisconduct => "A member of staff's conduct online",
        ConcernKind.UnderageUse => "A child using a service below its minimum age",
        ConcernKind.InappropriateUse => "Inappropriate use in school or on school devices",
        ConcernKind.PersonalAccountContact => "Contact through a personal account",
        ConcernKind.ConflictingContent => "Content I shared that may conflict with my role",
        ConcernKind.PreExistingRelationship => "My relationship with a child's family",
        ConcernKind.LowLevelConcern => "A low-level concern about an adult in the school",
        ConcernKind.SelfHarm => "Self-harm or suicide",
        _ => kind.ToString(),
    };

    /// <summary>The policy's own description of each kind, as the form's hint.</summary>
    public static string KindHint(ConcernKind kind) => kind switch
    {
        ConcernKind.Cyberbullying => "Hurtful, threatening or excluding messages, posts or images, in or out of school.",
        ConcernKind.YouthProducedSexualImagery => "A child or young person shared, or was asked for, a nude or semi-nude image or video. Do not view, copy or forward it.",
        ConcernKind.OnlineSexualHarassment => "Unwanted sexual comments, images, jokes or pressure online.",
        ConcernKind.OnlineAbuseOrExploitation => "Grooming, radicalisation, or someone using the internet to harm or exploit a child.",
        ConcernKind.IllegalContent => "Content that may be illegal, seen or shared on a school device or network.",
        ConcernKind.FilteringBreach => "Something got through the school's filtering, or monitoring flagged it.",
        ConcernKind.StaffMisconduct => "A member of staff, volunteer or governor using social media against the policy (section 4).",
        ConcernKind.UnderageUse => "A child on a social media service below its minimum age (section 6).",
        ConcernKind.InappropriateUse => "Excessive or inappropriate use in school hours or on school devices (section 3).",
        ConcernKind.PersonalAccountContact => "A child or family contacting a member of staff through a personal account (section 4.2).",
        ConcernKind.ConflictingContent => "Something you shared that may conflict with your role at school (section 4.1).",
        ConcernKind.PreExistingRelationship => "You already know a child's family outside school, for example as a friend or neighbour (section 4.2).",
        ConcernKind.LowLevelConcern => "Conduct by an adult in the school (staff, supply, volunteer, contractor, governor) that is not in line with the code of conduct but below the harm threshold; or your own. Kept in confidence: the adult never reads it.",
        ConcernKind.SelfHarm => "A child searching for, writing about or talking about self-harm or suicide, often flagged by the school's monitoring.",
        _ => "",
    };

    public static string Status(ConcernStatus status) => status switch
    {
        ConcernStatus.Raised => "Raised, waiting for triage",
        ConcernStatus.Monitoring => "Being monitored",
        ConcernStatus.UnderInvestigation => "Under investigation",
        ConcernStatus.InvestigationCompleted => "Investigation completed",
        ConcernStatus.Debriefed => "Debriefed",
        ConcernStatus.NoFurtherAction => "No further action, waiting to close",
        ConcernStatus.Closed => "Closed",
        ConcernStatus.Reopened => "Reopened",
        ConcernStatus.Withdrawn => "Withdrawn",
        _ => status.ToString(),
    };

    public static string Risk(RiskLevel risk) => risk switch
    {
        RiskLevel.Low => "Low",
        RiskLevel.Medium => "Medium",
        RiskLevel.High => "High",
        RiskLevel.Immediate => "Immediate",
        _ => risk.ToString(),
    };

    public static string Lead(LeadRole lead) => lead switch
    {
        LeadRole.Dsl => "Designated Safeguarding Lead",
        LeadRole.Headteacher => "Headteacher",
        LeadRole.LeadershipTeam => "Leadership team",
        LeadRole.ChairOfGovernors => "Chair of governors",
        _ => lead.ToString(),
    };

    public static string PersonType(PersonType type) => type switch
    {
        Domain.Concerns.PersonType.Learner => "Child (learner)",
        Domain.Concerns.PersonType.StaffMember => "Member of staff",
        Domain.Concerns.PersonType.ParentCarer => "Parent or carer",
        Domain.Concerns.PersonType.SupplyStaff => "Supply staff",
        Domain.Concerns.PersonType.Volunteer => "Volunteer",
        Domain.Concerns.PersonType.Contractor => "Contractor",
        Domain.Concerns.PersonType.Governor => "Governor",
        _ => "Someone else",
    };

    public static string Involvement(Involvement involvement) => involvement switch
    {
        Domain.Concerns.Involvement.Affected => "Affected (at risk or harmed)",
        Domain.Concerns.Involvement.Alleged => "Alleged to have done it",
        Domain.Concerns.Involvement.Witness => "Saw or knows about it",
        Domain.Concerns.Involvement.Declaring => "Telling the school about themselves",
        _ => "Involved in another way",
    };

    public static string Action(ActionType type) => type switch
    {
        ActionType.SanctionApplied => "Sanction applied",
        ActionType.SupportOffered => "Support offered",
        ActionType.InternetAccessRemoved => "Internet access removed",
        ActionType.ParentsInformed => "Parents or carers informed",
        ActionType.ParentsNotInformed => "Parents or carers not informed (with the reason)",
        _ => type.ToString(),
    };

    public static string Agency(ReferralAgency agency) => agency switch
    {
        ReferralAgency.Police => "Police",
        ReferralAgency.ChildrensSocialCare => "Children's social care",
        ReferralAgency.Lado => "Local Authority Designated Officer (LADO)",
        ReferralAgency.Ceop => "CEOP (Child Exploitation and Online Protection)",
        _ => "Another agency",
    };

    /// <summary>Wire-name text such as <c>parents-informed</c> as a sentence start: "Parents informed".</summary>
    /// <summary>How a concern is handled, as governors read it.</summary>
    public static string Category(ConcernCategory category) => category switch
    {
        ConcernCategory.LearnerSafety => "A learner's safety",
        ConcernCategory.OnlineSafety => "Online safety (filtering and monitoring)",
        ConcernCategory.Staff => "A member of staff's declaration or contact",
        ConcernCategory.Allegation => "Allegations about adults in the school",
        ConcernCategory.LowLevelConcern => "Low-level concerns about adults in the school",
        _ => category.ToString(),
    };

    public static string Sentence(string wire)
    {
        var words = wire.Replace('-', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>Any enum value in plain words, for values without a phrase of their own.</summary>
    /// <summary>Someone found in the directory, told apart from others of the same name: "Child (learner), Year 6, 6B".</summary>
    public static Forms.Choice Match(PeopleDirectory.Searching.DirectoryMatch m) => new(m.MisRef, m.Name,
        string.Join(", ", new[] { PersonType(m.Type), m.YearGroup, m.Class, m.Role, m.OnRoll ? null : "no longer on roll" }.OfType<string>()));

    public static string Plain<T>(T value) where T : struct, Enum => Sentence(Infrastructure.Queries.EnumNames.Of(value));
}
