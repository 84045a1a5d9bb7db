using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Incidents.Api.Infrastructure.OpenApi;

/// <summary>The document's title and introduction: the first thing the API reference at /docs shows.</summary>
public sealed class ServiceDescription : IOpenApiDocumentTransformer
{
    public const string Title = "Incidents API";

    public const string Introduction = """
        Case management for the safeguarding concerns a school handles under its Social Media Policy: raise a concern,
        and the policy decides who leads it; the Designated Safeguarding Lead (DSL) triages, escalates to the Education
        Safeguarding Service, refers, records actions, investigates and closes; the leadership team holds the debrief;
        the school MIS synchronises; governors read an anonymised report. Every concern is an event stream and every
        change answers the case with its new `ETag`.

        **Records about children are special-category data**: every `/api` operation needs a bearer token, and a case
        is only visible to those the policy involves.

        **A token in Development.** From the repository root, with the service running (`dotnet run --project src/Incidents.Api`):

            dotnet run --project src/Incidents.Api -v q -- token --role dsl --name "Lucy Hayward" --sub staff-dsl-1

        prints one, signed with the Development key (roles: `staff`, `dsl`, `headteacher`, `leadership`,
        `chair-of-governors`, `governor`, `mis`). Paste it as the bearer token under Authentication. A deployed service
        takes tokens from the school's identity provider instead.

        Errors are RFC 9457 problem details whose `type` is documented in docs/api.md.
        """;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = Title;
        document.Info.Description = Introduction;
        return Task.CompletedTask;
    }
}
