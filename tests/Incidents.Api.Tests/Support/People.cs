using Incidents.Domain.Identity;

namespace Incidents.Api.Tests.Support;

/// <summary>The people of St James' who use the service in these tests. Ids are MIS staff references.</summary>
public static class People
{
    public static readonly Actor Dsl = new("staff-dsl-1", "Lucy Hayward", new HashSet<Role> { Role.Dsl, Role.Staff });
    public static readonly Actor DeputyDsl = new("staff-dsl-2", "Deputy DSL", new HashSet<Role> { Role.DeputyDsl, Role.Staff });
    public static readonly Actor Headteacher = new(ApiHost.HeadteacherMisRef, "The Headteacher", new HashSet<Role> { Role.Headteacher, Role.Staff });
    public static readonly Actor Leadership = new("staff-slt-1", "Assistant Head", new HashSet<Role> { Role.Leadership, Role.Staff });
    public static readonly Actor ChairOfGovernors = new("gov-chair-1", "Chair of Governors", new HashSet<Role> { Role.ChairOfGovernors });
    public static readonly Actor Governor = new("gov-2", "Jess Austen", new HashSet<Role> { Role.Governor });
    public static readonly Actor Teacher = new("staff-teacher-1", "Class Teacher", new HashSet<Role> { Role.Staff });
    public static readonly Actor AnotherTeacher = new("staff-teacher-2", "Another Teacher", new HashSet<Role> { Role.Staff });
    public static readonly Actor Mis = new("mis-client", "School MIS", new HashSet<Role> { Role.Mis });
}
