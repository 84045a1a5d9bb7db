using System.Net;
using System.Net.Http.Headers;
using Incidents.Api.Tests.Support;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Concerns;

/// <summary>
/// Youth-produced sexual imagery as the UKCIS advice sets out (issue 17, fault 13): the initial review, viewing only
/// when unavoidable and never alone, the immediate-referral triggers, and no image or file ever accepted.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ImageryOverHttpTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);
    private static readonly DateTimeOffset When = DateTimeOffset.UtcNow.AddMinutes(-20);

    private static readonly object SeniorColleague = new { id = People.Headteacher.Id, name = People.Headteacher.Name };

    private Task<Guid> Imagery(string learner) => _concerns.Raise(People.Teacher, RaiseRequest("youth-produced-sexual-imagery", Subject(learner)));

    private static object Review(object? viewing = null, params string[] triggers) => new
    {
        viewing,
        devices = "One phone, switched off and locked in the DSL's office",
        deletion = "The learner deleted it with the DSL; the recipient confirmed deletion",
        reportRemoveOffered = true,
        parents = "Parents informed the same afternoon",
        immediateReferralTriggers = triggers,
        occurredAt = When,
    };

    [Fact]
    public async Task The_DSL_records_the_initial_review_which_closing_requires_and_a_viewing_with_a_second_senior_member_present()
    {
        var id = await Imagery("L-13001");
        (await _concerns.Read(People.Dsl, id))["outstandingBeforeClosure"]!.AsArray().Select(x => x!.GetValue<string>())
            .Should().Contain("imagery-initial-review-required");

        var viewing = new { viewedBy = new { id = People.Dsl.Id, name = People.Dsl.Name }, reason = "To decide whether it shows a sexual act", present = new[] { SeniorColleague } };
        var reviewed = await _concerns.Command(People.Dsl, id, "imagery-review", Review(viewing));

        reviewed["imageryReview"]!["viewing"]!["viewedBy"]!["id"]!.GetValue<string>().Should().Be(People.Dsl.Id);
        reviewed["imageryReview"]!["viewing"]!["present"]![0]!["id"]!.GetValue<string>().Should().Be(People.Headteacher.Id);
        reviewed["imageryReview"]!["reportRemoveOffered"]!.GetValue<bool>().Should().BeTrue();
        reviewed["outstandingBeforeClosure"]!.AsArray().Select(x => x!.GetValue<string>()).Should().NotContain("imagery-initial-review-required");

        // No trigger: the school may manage it itself, so "do not refer" is a decision it may take.
        await _concerns.Command(People.Dsl, id, "referral-decision", new { decision = "do-not-refer", rationale = "Consensual, same age, no trigger", occurredAt = When });
    }

    [Fact]
    public async Task Imagery_is_viewed_only_by_the_DSL_recording_it_and_never_without_another_senior_member_present()
    {
        var id = await Imagery("L-13101");

        var bySomeoneElse = await _concerns.Command(People.Dsl, id, "imagery-review",
            Review(new { viewedBy = new { id = People.Teacher.Id, name = People.Teacher.Name }, reason = "Teacher looked", present = new[] { SeniorColleague } }), HttpStatusCode.UnprocessableEntity);
        bySomeoneElse["rule"]!.GetValue<string>().Should().Be("imagery-viewed-only-by-dsl");

        var byHeadteacher = await _concerns.Command(People.Headteacher, id, "imagery-review",
            Review(new { viewedBy = new { id = People.Headteacher.Id, name = People.Headteacher.Name }, reason = "Looked", present = new[] { new { id = People.Dsl.Id, name = People.Dsl.Name } } }), HttpStatusCode.UnprocessableEntity);
        byHeadteacher["rule"]!.GetValue<string>().Should().Be("imagery-viewed-only-by-dsl");

        var alone = await _concerns.Command(People.Dsl, id, "imagery-review",
            Review(new { viewedBy = new { id = People.Dsl.Id, name = People.Dsl.Name }, reason = "Looked", present = new[] { new { id = People.Dsl.Id, name = People.Dsl.Name } } }), HttpStatusCode.UnprocessableEntity);
        alone["rule"]!.GetValue<string>().Should().Be("imagery-viewing-needs-second-senior-member");

        var nobodyNamed = await _concerns.Command(People.Dsl, id, "imagery-review",
            Review(new { viewedBy = new { id = People.Dsl.Id, name = People.Dsl.Name }, reason = "Looked", present = Array.Empty<object>() }), HttpStatusCode.BadRequest);
        nobodyNamed["errors"]!["viewing.present"].Should().NotBeNull();

        var noTriggers = await _concerns.Command(People.Dsl, id, "imagery-review", new { devices = "x", deletion = "x", reportRemoveOffered = false, parents = "x", occurredAt = When }, HttpStatusCode.BadRequest);
        noTriggers["errors"]!["immediateReferralTriggers"].Should().NotBeNull();

        (await _concerns.Read(People.Dsl, id))["version"]!.GetValue<long>().Should().Be(1, "no refusal changed anything");

        // Without any viewing, the headteacher (the DSL's alternate) may record the review.
        await _concerns.Command(People.Headteacher, id, "imagery-review", Review());
    }

    [Fact]
    public async Task An_initial_review_is_only_for_imagery()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-13201")));

        (await _concerns.Command(People.Dsl, id, "imagery-review", Review(), HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("imagery-review-not-applicable");
    }

    [Fact]
    public async Task When_an_immediate_referral_trigger_holds_do_not_refer_is_refused_and_closing_needs_the_police_or_social_care()
    {
        var id = await Imagery("L-13301");
        await _concerns.Command(People.Dsl, id, "imagery-review", Review(null, "coercion-or-capacity-to-consent"));
        await _concerns.Command(People.Dsl, id, "triage", new { risk = "high", decision = "no-further-action", rationale = "Referred on", occurredAt = When });
        await _concerns.Command(People.Dsl, id, "actions", new { type = "parents-informed", subjectMisRef = "L-13301", details = "Both parents", occurredAt = When });

        var doNotRefer = await _concerns.Command(People.Dsl, id, "referral-decision", new { decision = "do-not-refer", rationale = "Handled in school", occurredAt = When }, HttpStatusCode.UnprocessableEntity);
        doNotRefer["rule"]!.GetValue<string>().Should().Be("immediate-referral-required");
        (await _concerns.Read(People.Dsl, id))["referralDecision"].Should().BeNull();

        await _concerns.Command(People.Dsl, id, "referral-decision", new { decision = "refer", rationale = "UKCIS: coercion", occurredAt = When });
        await _concerns.Command(People.Dsl, id, "referrals", new { agency = "ceop", reference = "CEOP-1", occurredAt = When });
        (await _concerns.Command(People.Dsl, id, "close", new { rationale = "Referred", occurredAt = When }, HttpStatusCode.UnprocessableEntity))
            ["rule"]!.GetValue<string>().Should().Be("police-or-social-care-referral-required");

        await _concerns.Command(People.Dsl, id, "referrals", new { agency = "police", reference = "POL-13301", occurredAt = When });
        (await _concerns.Command(People.Dsl, id, "close", new { rationale = "Referred to the police", occurredAt = When }))["status"]!.GetValue<string>().Should().Be("closed");
    }

    [Theory]
    [InlineData("multipart")]
    [InlineData("image/jpeg")]
    [InlineData("application/octet-stream")]
    public async Task The_service_accepts_no_image_or_file_for_any_case(string contentType)
    {
        var id = await Imagery("L-13401");
        var bytes = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46 }; // a JPEG's first bytes

        foreach (var url in new[] { $"/api/concerns/{id}/imagery-review", $"/api/concerns/{id}/notes", "/api/concerns" })
        {
            HttpContent content;
            if (contentType == "multipart")
            {
                var form = new MultipartFormDataContent();
                var file = new ByteArrayContent(bytes);
                file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                form.Add(file, "file", "image.jpg");
                content = form;
            }
            else
            {
                content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            }

            var response = await _concerns.Post(People.Dsl, url, content);
            ((int)response.StatusCode).Should().BeOneOf([415, 400], "{0} as {1}: {2}", url, contentType, await response.Content.ReadAsStringAsync());
        }

        (await _concerns.Read(People.Dsl, id))["version"]!.GetValue<long>().Should().Be(1, "nothing was recorded");
    }
}
