namespace Incidents.Web.Tests.Support;

/// <summary>The demonstration people the Development sign-in page lists (appsettings.Development.json), by name.</summary>
public static class DemoPeople
{
    public const string Dsl = "Lucy Hayward";
    public const string DeputyDsl = "Omar Siddiqui";
    public const string Headteacher = "Helen Carter";
    public const string Leadership = "Priya Shah";
    public const string ClassTeacher = "Tom Baker";
    public const string ChairOfGovernors = "Margaret Okafor";
    public const string Governor = "Jess Austen";

    /// <summary>The browser tests' school names a vice-chair of governors (<see cref="WebApp"/>); the demonstration does not.</summary>
    public const string ViceChair = "Ravi Mensah";

    public const string ViceChairSub = "gov-vice-1";
}
