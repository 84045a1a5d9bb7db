using System.Net;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Identity;
using Microsoft.AspNetCore.Hosting;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Web;

/// <summary>A web host whose school names a vice-chair of governors, who signs in with only the governor role.</summary>
public sealed class ViceChairWebHost : ApiHost
{
    public static readonly Actor ViceChair = new("gov-vice-1", "Vice Chair", new HashSet<Role> { Role.Governor });

    /// <summary>A governor the LADO appoints to manage a case gone to them directly.</summary>
    public static readonly Actor Appointee = new("gov-appointed-2", "Appointed Governor", new HashSet<Role> { Role.Governor });

    private static readonly Actor[] SignsIn = [ViceChair, People.Governor, People.Dsl, Appointee];

    protected override string DatabasePrefix => "vicechairweb";

    protected override void Configure(IWebHostBuilder web)
    {
        web.UseSetting("School:ViceChairOfGovernorsMisRef", ViceChair.Id);
        for (var i = 0; i < SignsIn.Length; i++)
        {
            web.UseSetting($"Web:DevelopmentPeople:{i}:Sub", SignsIn[i].Id);
            web.UseSetting($"Web:DevelopmentPeople:{i}:Name", SignsIn[i].Name);
            web.UseSetting($"Web:DevelopmentPeople:{i}:Description", SignsIn[i].Name);
            var roles = SignsIn[i].Roles.Select(r => r.WireName()).ToList();
            for (var r = 0; r < roles.Count; r++)
            {
                web.UseSetting($"Web:DevelopmentPeople:{i}:Roles:{r}", roles[r]);
            }
        }
    }
}

/// <summary>The vice-chair's work queue and case pages; nothing for any other governor, nor without a second factor.</summary>
public sealed class CaseManagerPageTests(ViceChairWebHost web) : IClassFixture<ViceChairWebHost>
{
    private readonly ConcernsApi _api = new(web);

    private Task<Guid> AboutHeadAndChair(string learner) => _api.Raise(People.Dsl, RaiseRequest("staff-misconduct",
        Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged"), Subject(ApiHost.ChairOfGovernorsMisRef, "governor", "alleged"), Subject(learner)));

    [Fact]
    public async Task The_vice_chair_has_the_work_queue_link_and_finds_and_opens_the_case_they_manage_there()
    {
        var id = await AboutHeadAndChair("L-VCP1");
        await web.ProjectionsCaughtUp();
        using var viceChair = await WebSession.SignIn(web, ViceChairWebHost.ViceChair.Id);

        (await viceChair.Page("/")).Should().Contain("href=\"/queue\"");
        (await viceChair.Page("/queue")).Should().Contain($"/cases/{id}");
        var page = await viceChair.Page($"/cases/{id}");
        page.Should().Contain($"/cases/{id}/triage", "the vice-chair is offered the case manager's commands");

        var triaged = await viceChair.Submit($"/cases/{id}/triage", new()
        {
            ["risk"] = "high",
            ["decision"] = "investigate",
            ["rationale"] = "Messages to a pupil",
            ["occurredAt"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'10:00", System.Globalization.CultureInfo.InvariantCulture),
        });
        triaged.StatusCode.Should().Be(HttpStatusCode.Redirect, await triaged.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_DSL_records_on_the_form_the_case_manager_the_LADO_appointed_who_then_has_it_on_their_queue()
    {
        (await _api.Post(People.Mis, "/api/directory/batches",
            new { mode = "changes", people = new[] { PeopleDirectory.DirectoryTests.Staff(ViceChairWebHost.Appointee.Id, "Sam", "Appointed", "Governor") } }))
            .EnsureSuccessStatusCode();
        // The vice-chair is on it too: it went to the LADO directly.
        var id = await _api.Raise(People.Dsl, RaiseRequest("staff-misconduct", Subject(ApiHost.HeadteacherMisRef, "staff-member", "alleged"),
            Subject(ApiHost.ChairOfGovernorsMisRef, "governor", "alleged"), Subject(ViceChairWebHost.ViceChair.Id, "governor", "witness"), Subject("L-VCP4")));
        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);
        (await dsl.Page($"/cases/{id}")).Should().Contain($"/cases/{id}/case-manager");
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'10:00", System.Globalization.CultureInfo.InvariantCulture);

        var refused = await dsl.Submit($"/cases/{id}/case-manager", new()
        {
            ["misRef"] = ViceChairWebHost.ViceChair.Id,
            ["appointedBy"] = "LADO duty officer",
            ["reason"] = "Nobody in the school may",
            ["occurredAt"] = yesterday,
        });
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "the vice-chair is on the case");
        var appointed = await dsl.Submit($"/cases/{id}/case-manager", new()
        {
            ["misRef"] = ViceChairWebHost.Appointee.Id,
            ["appointedBy"] = "LADO duty officer",
            ["reason"] = "Nobody in the school may",
            ["occurredAt"] = yesterday,
        });
        appointed.StatusCode.Should().Be(HttpStatusCode.Redirect, await appointed.Content.ReadAsStringAsync());

        await web.ProjectionsCaughtUp();
        using var appointee = await WebSession.SignIn(web, ViceChairWebHost.Appointee.Id);
        (await appointee.Page("/")).Should().Contain("href=\"/queue\"");
        (await appointee.Page("/queue")).Should().Contain($"/cases/{id}");
        (await appointee.Page($"/cases/{id}")).Should().Contain($"/cases/{id}/close");
    }

    [Fact]
    public async Task Another_governor_has_no_work_queue_and_never_opens_the_case()
    {
        var id = await AboutHeadAndChair("L-VCP2");
        await web.ProjectionsCaughtUp();
        using var governor = await WebSession.SignIn(web, People.Governor.Id);

        (await governor.Page("/")).Should().NotContain("href=\"/queue\"");
        (await governor.Get("/queue")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await governor.Get($"/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_vice_chair_signed_in_without_a_second_factor_is_told_case_manager_is_held_back_and_sees_no_case()
    {
        var id = await AboutHeadAndChair("L-VCP3");
        await web.ProjectionsCaughtUp();
        using var viceChair = await WebSession.SignIn(web, ViceChairWebHost.ViceChair.Id, multiFactor: false);

        var home = await viceChair.Page("/");
        home.Should().NotContain("href=\"/queue\"").And.Contain("case manager");
        (await viceChair.Get("/queue")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await viceChair.Get($"/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await viceChair.Get($"/cases/{id}/triage")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
