using System.Net;
using Incidents.Api.Tests.Support;
using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Web;

/// <summary>The withdraw and change-of-kind forms give the API's commands, with the API's refusals.</summary>
[Collection(ApiCollection.Name)]
public sealed class WaysOutPageTests(ApiHost api)
{
    private readonly ConcernsApi _api = new(api);

    private static readonly string Yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'10:00", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Concern> Load(Guid id)
    {
        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.LoadAsync<Concern>(id))!;
    }

    private async Task<Guid> ImageryWithATrigger(string learner)
    {
        var id = await _api.Raise(People.Teacher, RaiseRequest("youth-produced-sexual-imagery", Subject(learner)));
        await _api.Command(People.Dsl, id, "imagery-review", new
        {
            devices = "One phone, locked away",
            deletion = "Deleted with the DSL",
            reportRemoveOffered = true,
            parents = "Parents told the same day",
            immediateReferralTriggers = new[] { "immediate-risk-of-harm" },
            occurredAt = ConcernsApi.Yesterday,
        });
        return id;
    }

    [Fact]
    public async Task The_withdraw_form_refuses_to_skip_an_immediate_referral_and_withdraws_a_duplicate_named_by_its_address()
    {
        var id = await ImageryWithATrigger("L-24601");
        var kept = await ImageryWithATrigger("L-24601");
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");

        var refused = await dsl.Submit($"/cases/{id}/withdraw", new() { ["reason"] = "Raised in error", ["occurredAt"] = Yesterday });
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).Should().Contain(Rules.WithdrawalSkipsImmediateReferral.Detail);
        var unknown = await dsl.Submit($"/cases/{id}/withdraw", new() { ["reason"] = "Raised twice", ["duplicateOf"] = "not a case", ["occurredAt"] = Yesterday });
        WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()).Should().Contain(Rules.DuplicateNotFound.Detail);
        (await Load(id)).IsClosed.Should().BeFalse();

        var withdrawn = await dsl.Submit($"/cases/{id}/withdraw", new() { ["reason"] = "Raised twice", ["duplicateOf"] = $"https://school.example/cases/{kept}", ["occurredAt"] = Yesterday });

        withdrawn.StatusCode.Should().Be(HttpStatusCode.Redirect, await withdrawn.Content.ReadAsStringAsync());
        (await Load(id)).Closure!.DuplicateOf.Should().Be(kept);
        (await dsl.Page($"/cases/{id}")).Should().Contain($"href=\"/cases/{kept}\"");
    }

    [Fact]
    public async Task The_DSL_changes_a_concerns_kind_on_its_form_and_the_route_follows()
    {
        var id = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-24701")));
        using var dsl = await WebSession.SignIn(api, "staff-dsl-1");

        (await dsl.Page($"/cases/{id}")).Should().Contain($"/cases/{id}/kind");
        var changed = await dsl.Submit($"/cases/{id}/kind", new() { ["kind"] = "youth-produced-sexual-imagery", ["reason"] = "Nudes found", ["occurredAt"] = Yesterday });

        changed.StatusCode.Should().Be(HttpStatusCode.Redirect, await changed.Content.ReadAsStringAsync());
        var concern = await Load(id);
        concern.Kind.Should().Be(ConcernKind.YouthProducedSexualImagery);
        concern.Route.RequiredBeforeClosure.Should().Contain(ClosureStep.ImageryInitialReview);
    }
}
