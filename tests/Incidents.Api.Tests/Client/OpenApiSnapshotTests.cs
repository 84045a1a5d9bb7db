using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Incidents.Api.Tests.Reliability;
using Incidents.Api.Tests.Support;

namespace Incidents.Api.Tests.Client;

/// <summary>
/// The client in <c>GeneratedClientTests</c> is generated at build time (NSwag) from a committed copy of the OpenAPI
/// document, <c>Client/openapi.json</c>: this test keeps that copy the service's own. After changing the API, rewrite
/// it with <c>INCIDENTS_UPDATE_OPENAPI=1 dotnet test tests/Incidents.Api.Tests --filter OpenApiSnapshotTests</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiSnapshotTests(ApiHost api)
{
    public static string CommittedPath => Path.Combine(ApiNode.RepositoryRoot, "tests", "Incidents.Api.Tests", "Client", "openapi.json");

    [Fact]
    public async Task The_document_the_client_is_generated_from_is_the_one_the_service_serves()
    {
        using var client = api.ClientFor(null);
        var response = await client.GetAsync("/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var live = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

        if (Environment.GetEnvironmentVariable("INCIDENTS_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, live);
        }

        (await File.ReadAllTextAsync(CommittedPath)).ReplaceLineEndings("\n").Should().Be(live,
            "the generated client must be generated from the document the service serves; rewrite Client/openapi.json with INCIDENTS_UPDATE_OPENAPI=1");
    }
}
