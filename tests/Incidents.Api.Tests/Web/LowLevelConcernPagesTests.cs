using System.Net;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.Api.Tests.Web;

/// <summary>Low-level concerns on the pages: raised on the form, reviewed for patterns from the queue, escalated on the case page.</summary>
[Collection(ApiCollection.Name)]
public sealed class LowLevelConcernPagesTests(ApiHost api)
{
    private static readonly string Yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'10:00", System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, string> LowLevel(string adult) => new()
    {
        ["kind"] = "low-level-concern",
        ["summary"] = "Keeps a favourite child back at break",
        ["occurredAt"] = Yesterday,
        ["subjects[0].misRef"] = adult,
        ["subjects[0].type"] = "staff-member",
        ["subjects[0].involvement"] = "alleged",
    };

    private async Task<Concern> Load(Guid id)
    {
        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.LoadAsync<Concern>(id))!;
    }

    private static Guid RaisedId(HttpResponseMessage response) =>
        Guid.Parse(response.Headers.Location!.OriginalString.Split("raised=")[1]);

    [Fact]
    public async Task A_colleague_raises_a_low_level_concern_on_the_form_and_the_DSL_reviews_the_pattern_the_queue_shows_then_escalates_it()
    {
        var adult = $"staff-llweb-{Guid.NewGuid():N}"[..20];
        using var teacher = await WebSession.SignIn(api, "staff-slt-1"); // a leader raises them, so the class teacher's own list stays short
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var raised = await teacher.Submit("/concerns/new", LowLevel(adult));
            raised.StatusCode.Should().Be(HttpStatusCode.Redirect, await raised.Content.ReadAsStringAsync());
            ids.Add(RaisedId(raised));
        }

        var third = await Load(ids[2]);
        third.Route.Category.Should().Be(ConcernCategory.LowLevelConcern, "the form raises through the routing table like the API");
        third.Pattern!.EarlierConcernIds.Should().BeEquivalentTo(ids.Take(2));

        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");
        await api.ProjectionsCaughtUp();
        var queue = await dsl.Page("/queue?kind=low-level-concern&limit=200");
        queue.Should().Contain("Pattern review").And.Contain($"/cases/{ids[0]}").And.Contain($"/cases/{ids[1]}");
        var casePage = await dsl.Page($"/cases/{ids[2]}");
        casePage.Should().Contain($"/cases/{ids[2]}/pattern-review").And.Contain($"/cases/{ids[2]}/threshold-met").And.Contain("Pattern of low-level concerns");

        var reviewed = await dsl.Submit($"/cases/{ids[2]}/pattern-review", new() { ["outcome"] = "Spoke to them about the code of conduct", ["occurredAt"] = Yesterday });
        reviewed.StatusCode.Should().Be(HttpStatusCode.Redirect, await reviewed.Content.ReadAsStringAsync());
        (await Load(ids[2])).PatternReviewDue.Should().BeFalse();

        var met = await dsl.Submit($"/cases/{ids[2]}/threshold-met", new() { ["reason"] = "Messaged the child privately at night", ["occurredAt"] = Yesterday });
        met.StatusCode.Should().Be(HttpStatusCode.Redirect, await met.Content.ReadAsStringAsync());
        var escalated = await Load(ids[2]);
        escalated.Route.IsAllegation.Should().BeTrue();
        escalated.Lead.Role.Should().Be(LeadRole.Headteacher);

        // The colleague who raised it sees its status and nothing more.
        (await teacher.Page($"/cases/{ids[0]}")).Should().NotContain("favourite child");
    }

    [Fact]
    public async Task A_leader_reporting_themselves_on_the_form_is_told_it_was_recorded_and_then_reads_nothing_of_it()
    {
        using var leader = await WebSession.SignIn(api, "staff-slt-1");
        var fields = LowLevel("staff-slt-1");
        fields["subjects[0].involvement"] = "declaring";
        fields["summary"] = "I gave a child a lift home without telling anyone";

        var raised = await leader.Submit("/concerns/new", fields);

        raised.StatusCode.Should().Be(HttpStatusCode.Redirect, await raised.Content.ReadAsStringAsync());
        var id = RaisedId(raised);
        (await Load(id)).Route.Category.Should().Be(ConcernCategory.LowLevelConcern);
        var confirmation = await leader.Page(raised.Headers.Location!.OriginalString);
        confirmation.Should().Contain("Recorded in confidence as a low-level concern").And.NotContain("lift home");
        (await leader.Get($"/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
