using Incidents.Api.Tests.Support;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Web;

/// <summary>The case page at the DSL's child's side shows what the API's view and the chronology show, no more.</summary>
[Collection(WebCollection.Name)]
public sealed class ChildSidePageTests(WebHost web)
{
    private readonly ConcernsApi _api = new(web);

    private static readonly DateTimeOffset When = DateTimeOffset.UtcNow.AddMinutes(-10);

    [Fact]
    public async Task The_DSLs_case_page_of_an_allegation_shows_a_correction_only_of_an_entry_on_the_childs_side()
    {
        var allegation = await _api.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("CP-7001"), Subject(People.AnotherTeacher.Id, "staff-member", "alleged")));
        var support = await _api.Command(People.Dsl, allegation, "actions", new { type = "support-offered", subjectMisRef = "CP-7001", details = "Daily check-ins", occurredAt = When });
        await _api.Command(People.Headteacher, allegation, "amendments", new { amendsVersion = 1, correction = "ALLEGATION-FIX the words used", reason = "Misheard", occurredAt = When });
        await _api.Command(People.Headteacher, allegation, "amendments", new { amendsVersion = support["version"]!.GetValue<long>(), correction = "SUPPORT-FIX twice a day", reason = "Mistyped", occurredAt = When });
        using var dsl = await WebSession.SignIn(web, People.Dsl.Id);

        var page = await dsl.Page($"/cases/{allegation}");

        page.Should().Contain("Children in an allegations case").And.Contain("SUPPORT-FIX twice a day");
        page.Should().NotContain("ALLEGATION-FIX", "a correction of the allegation shows only where the allegation does");
    }
}
