using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;

namespace Incidents.Demo;

/// <summary>One person of the demonstration school, as the school's MIS would hold them.</summary>
public sealed record DemoPerson(
    string MisRef,
    PersonType Type,
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    DateOnly StartDate,
    string? YearGroup = null,
    string? Class = null,
    string? Role = null)
{
    public string Name => $"{GivenName} {FamilyName}";

    /// <summary>Every adult has a work email at the school's made-up domain (reserved for examples, so nothing is delivered anywhere).</summary>
    public string? WorkEmail => Type == PersonType.Learner ? null : $"{MisRef}@st-james.example";

    public Subject As(Involvement involvement) => new(MisRef, Type, involvement);
}

/// <summary>
/// The demonstration school's people: fourteen classes of learners (Reception to Year 6), the staff who teach and
/// support them, and the governors. The people the Development sign-in page lists (appsettings.Development.json,
/// <c>Web:DevelopmentPeople</c>) are here under the same references. Every other name is made up from the lists
/// below, which were written to be plainly invented; a fixed seed makes the school the same on every run.
/// </summary>
public sealed class DemoPeople
{
    /// <summary>The school year the demonstration term is in (September 2026 to July 2027).</summary>
    public const int SchoolYearStart = 2026;

    private static readonly string[] GivenNames =
    [
        "Amelia", "Oliver", "Aisha", "Mohammed", "Isla", "Noah", "Zara", "Leo", "Freya", "Arjun", "Maya", "Kofi", "Sofia",
        "Harry", "Ruby", "Yusuf", "Ella", "Jacob", "Lily", "Ibrahim", "Grace", "Theo", "Chloe", "Ethan", "Hana", "Oscar",
        "Poppy", "Adam", "Evie", "Samuel", "Nia", "Daniel", "Layla", "Finn", "Mei", "Reuben", "Ava", "Tariq", "Esme", "Kai",
        "Imogen", "Zain", "Rosa", "Alfie", "Priya", "Jonah", "Florence", "Emeka", "Matilda", "Hugo",
    ];

    private static readonly string[] FamilyNames =
    [
        "Applewick", "Brackenbury", "Carrowmore", "Dellamere", "Eastwhistle", "Fairholm", "Greystoke-Lane", "Hollinsby",
        "Ivesdale", "Kestrelford", "Larkwhistle", "Marrowby", "Nettlecombe", "Oakenshaw", "Pennywether", "Quillfeather",
        "Redbournewick", "Saltmarshby", "Thistlewood", "Underbridge", "Vellacombe", "Westerbrook", "Yarrowfield",
        "Ambleforth", "Bramblecote", "Cobblestone", "Driftwood", "Elderbrook", "Foxglove", "Gildersleeve", "Honeysett",
        "Juniperton", "Kettlewell", "Lindenfold", "Moorcroft", "Nightingale-Ash", "Orchardley", "Puddingstone",
        "Ravensholt", "Skylarke",
    ];

    /// <summary>Two classes in each year group, named after trees and flowers as many primary schools do.</summary>
    public static readonly IReadOnlyList<(string YearGroup, int YearIndex, string[] Classes)> YearGroups =
    [
        ("Reception", 0, ["Acorn", "Bluebell"]),
        ("Year 1", 1, ["Ash", "Birch"]),
        ("Year 2", 2, ["Cedar", "Elm"]),
        ("Year 3", 3, ["Hazel", "Holly"]),
        ("Year 4", 4, ["Larch", "Maple"]),
        ("Year 5", 5, ["Oak", "Pine"]),
        ("Year 6", 6, ["Rowan", "Willow"]),
    ];

    public const int LearnersPerClass = 17;

    private readonly Dictionary<string, DemoPerson> _byRef = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<DemoPerson> _everyone = [];

    public DemoPeople(SchoolRoles school)
    {
        var random = new Random(2026_09_01);
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        (string Given, string Family) NewName()
        {
            while (true)
            {
                var name = (GivenNames[random.Next(GivenNames.Length)], FamilyNames[random.Next(FamilyNames.Length)]);
                if (usedNames.Add($"{name.Item1} {name.Item2}"))
                {
                    return name;
                }
            }
        }

        DateOnly StaffStart() => new(random.Next(2008, 2026), 9, 1);
        DateOnly AdultBorn() => new DateOnly(random.Next(1965, 2001), 1, 1).AddDays(random.Next(365));

        // The people the Development sign-in page lists, with the same references and names.
        Headteacher = Add(new DemoPerson(school.HeadteacherMisRef, PersonType.StaffMember, "Helen", "Carter", new(1974, 3, 12), new(2015, 9, 1), Role: "Headteacher"));
        Dsl = Add(new DemoPerson("staff-dsl-1", PersonType.StaffMember, "Lucy", "Hayward", new(1981, 6, 2), new(2012, 9, 1), Role: "Deputy headteacher and Designated Safeguarding Lead"));
        DeputyDsl = Add(new DemoPerson("staff-ddsl-1", PersonType.StaffMember, "Omar", "Siddiqui", new(1986, 11, 20), new(2017, 9, 1), Role: "Deputy Designated Safeguarding Lead (SENCo)"));
        AssistantHead = Add(new DemoPerson("staff-slt-1", PersonType.StaffMember, "Priya", "Shah", new(1984, 1, 30), new(2016, 9, 1), Role: "Assistant headteacher"));
        ChairOfGovernors = Add(new DemoPerson(school.ChairOfGovernorsMisRef, PersonType.Governor, "Margaret", "Okafor", new(1958, 8, 14), new(2019, 9, 1), Role: "Chair of governors"));
        Add(new DemoPerson("gov-1", PersonType.Governor, "Jess", "Austen", new(1979, 4, 9), new(2021, 9, 1), Role: "Safeguarding governor"));

        var teachers = new List<DemoPerson>();
        var learners = new List<DemoPerson>();
        var classTeacher = new Dictionary<string, DemoPerson>(StringComparer.Ordinal);
        var nextTeacher = 2; // staff-teacher-1 is Tom Baker, whom the sign-in page lists
        foreach (var (yearGroup, yearIndex, classes) in YearGroups)
        {
            foreach (var className in classes)
            {
                var teacher = yearGroup == "Year 5" && className == "Oak"
                    ? new DemoPerson("staff-teacher-1", PersonType.StaffMember, "Tom", "Baker", new(1990, 5, 17), new(2019, 9, 1), Role: "Year 5 class teacher")
                    : NewTeacher($"{yearGroup} class teacher");
                teachers.Add(Add(teacher));
                classTeacher[className] = teacher;
                for (var i = 0; i < LearnersPerClass; i++)
                {
                    var (given, family) = NewName();
                    // Born in the school year that puts them in this year group (1 September to 31 August).
                    var born = new DateOnly(SchoolYearStart - 5 - yearIndex, 9, 1).AddDays(random.Next(365));
                    learners.Add(Add(new DemoPerson($"L-{1001 + learners.Count}", PersonType.Learner, given, family, born,
                        new DateOnly(SchoolYearStart - yearIndex, 9, 1), yearGroup, className)));
                }
            }
        }

        DemoPerson NewTeacher(string role)
        {
            var (given, family) = NewName();
            return new DemoPerson($"staff-teacher-{nextTeacher++}", PersonType.StaffMember, given, family, AdultBorn(), StaffStart(), Role: role);
        }

        var support = new List<DemoPerson>();
        DemoPerson Staff(string prefix, int n, string role, PersonType type = PersonType.StaffMember)
        {
            var (given, family) = NewName();
            var person = Add(new DemoPerson($"{prefix}-{n}", type, given, family, AdultBorn(), StaffStart(), Role: role));
            support.Add(person);
            return person;
        }

        for (var i = 1; i <= 12; i++)
        {
            Staff("staff-ta", i, "Teaching assistant");
        }

        for (var i = 1; i <= 4; i++)
        {
            Staff("staff-mds", i, "Midday supervisor");
        }

        Staff("staff-office", 1, "School business manager");
        Staff("staff-office", 2, "Office administrator");
        Staff("staff-it", 1, "IT technician (filtering and monitoring)");
        Staff("staff-site", 1, "Site manager");
        Staff("staff-pe", 1, "Sports coach", PersonType.Contractor);
        Staff("staff-supply", 1, "Supply teacher", PersonType.SupplyStaff);
        Staff("staff-volunteer", 1, "Reading volunteer", PersonType.Volunteer);
        for (var i = 2; i <= 6; i++)
        {
            var (given, family) = NewName();
            Add(new DemoPerson($"gov-{i}", PersonType.Governor, given, family, AdultBorn(), StaffStart(), Role: "Governor"));
        }

        Teachers = teachers;
        Learners = learners;
        SupportStaff = support;
        ClassTeacher = classTeacher;
    }

    public DemoPerson Headteacher { get; }

    public DemoPerson Dsl { get; }

    public DemoPerson DeputyDsl { get; }

    public DemoPerson AssistantHead { get; }

    public DemoPerson ChairOfGovernors { get; }

    public IReadOnlyList<DemoPerson> Teachers { get; }

    public IReadOnlyList<DemoPerson> Learners { get; }

    public IReadOnlyList<DemoPerson> SupportStaff { get; }

    /// <summary>Each class's teacher, by class name.</summary>
    public IReadOnlyDictionary<string, DemoPerson> ClassTeacher { get; }

    public IReadOnlyList<DemoPerson> Everyone => _everyone;

    public DemoPerson this[string misRef] => _byRef[misRef];

    public IReadOnlyList<DemoPerson> InYear(string yearGroup) => Learners.Where(l => l.YearGroup == yearGroup).ToList();

    private DemoPerson Add(DemoPerson person)
    {
        _byRef.Add(person.MisRef, person);
        _everyone.Add(person);
        return person;
    }
}

/// <summary>The demonstration school's people who act on cases, with the roles the Development sign-in page gives them.</summary>
public sealed class DemoActors(DemoPeople people)
{
    public Actor Dsl { get; } = Of(people.Dsl, Role.Dsl, Role.Leadership);

    public Actor DeputyDsl { get; } = Of(people.DeputyDsl, Role.DeputyDsl, Role.Staff);

    public Actor Headteacher { get; } = Of(people.Headteacher, Role.Headteacher, Role.Leadership);

    public Actor AssistantHead { get; } = Of(people.AssistantHead, Role.Leadership, Role.Staff);

    public Actor ChairOfGovernors { get; } = Of(people.ChairOfGovernors, Role.ChairOfGovernors);

    public static Actor Of(DemoPerson person, params Role[] roles) => new(person.MisRef, person.Name, roles.ToHashSet());

    public static Actor Staff(DemoPerson person) => Of(person, Role.Staff);
}
