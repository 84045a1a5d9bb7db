using Incidents.Api.Infrastructure.Auth;
using Incidents.Domain.Identity;
using Microsoft.AspNetCore.Hosting;

namespace Incidents.Api.Tests.Support;

/// <summary>
/// A host whose Development sign-in page lists the test <see cref="People"/>, so pages can be read as each of them
/// with a real web session (cookie, antiforgery), as a browser would. Its database is its own.
/// </summary>
public sealed class WebHost : ApiHost
{
    /// <summary>Signs in only to leave the school (the session tests): nobody else's sessions are ended by it.</summary>
    public static readonly Actor Leaver = new("staff-leaver-1", "Leaving Teacher", new HashSet<Role> { Role.Staff });

    public static readonly IReadOnlyList<Actor> SignsIn =
    [
        People.Dsl, People.DeputyDsl, People.Headteacher, People.Leadership, People.ChairOfGovernors, People.Governor,
        People.Teacher, People.AnotherTeacher, People.Mis, Leaver,
    ];


    protected override string DatabasePrefix => "web";

    protected override void Configure(IWebHostBuilder web)
    {
        // Replaces appsettings.Development.json's people index by index (there are fewer of those than of these).
        for (var i = 0; i < SignsIn.Count; i++)
        {
            var person = SignsIn[i];
            web.UseSetting($"Web:DevelopmentPeople:{i}:Sub", person.Id);
            web.UseSetting($"Web:DevelopmentPeople:{i}:Name", person.Name);
            web.UseSetting($"Web:DevelopmentPeople:{i}:Description", person.Name);
            var roles = person.Roles.Select(r => r.WireName()).ToList();
            for (var r = 0; r < roles.Count; r++)
            {
                web.UseSetting($"Web:DevelopmentPeople:{i}:Roles:{r}", roles[r]);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebHost>
{
    public const string Name = "web";
}

