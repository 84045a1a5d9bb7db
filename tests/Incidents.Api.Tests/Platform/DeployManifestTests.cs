using Incidents.Api.Tests.Reliability;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Incidents.Api.Tests.Platform;

/// <summary>
/// The files in <c>deploy/</c> are YAML no test runs against a cluster (there is none here): they must at least parse
/// and agree with what the service does (its port, its health endpoints, its verbs, its settings).
/// </summary>
public sealed class DeployManifestTests
{
    private static readonly string Deploy = Path.Combine(ApiNode.RepositoryRoot, "deploy");

    [Fact]
    public void Every_YAML_file_in_deploy_parses()
    {
        var files = Directory.EnumerateFiles(Deploy, "*.y*ml", SearchOption.AllDirectories).ToList();
        files.Should().HaveCountGreaterThanOrEqualTo(8, "compose, its telemetry override, the collector's config and the Kubernetes manifests");
        foreach (var file in files)
        {
            var load = () => Documents(file);
            load.Should().NotThrow(file).Which.Should().NotBeEmpty(file);
        }
    }

    [Fact]
    public void The_Kubernetes_deployment_probes_the_health_endpoints_on_the_port_the_image_listens_on_and_takes_its_database_from_a_secret()
    {
        var deployment = Kind("api.yaml", "Deployment");
        var api = Single(At(deployment, "spec", "template", "spec", "containers"));
        File.ReadAllText(Path.Combine(Deploy, "Dockerfile")).Should().Contain("ASPNETCORE_URLS=http://+:8080");
        ((string)At(Single(At(api, "ports")), "containerPort")).Should().Be("8080");
        ((string)At(api, "livenessProbe", "httpGet", "path")).Should().Be("/health/live");
        ((string)At(api, "readinessProbe", "httpGet", "path")).Should().Be("/health/ready");
        ((string)At(Env(api, "DB_PASSWORD"), "valueFrom", "secretKeyRef", "key")).Should().Be("service-password");
        ((string)At(Env(api, "ConnectionStrings__Incidents"), "value")).Should().Contain("Password=$(DB_PASSWORD)");
        ((string)At(Env(api, "Web__OpenIdConnect__ClientSecret"), "valueFrom", "secretKeyRef", "name")).Should().Be("incidents-sign-in");
    }

    [Fact]
    public void The_db_apply_job_runs_the_verb_as_the_schemas_owner_before_granting_the_service_role()
    {
        var job = Kind("db-apply-job.yaml", "Job");
        var apply = Single(At(job, "spec", "template", "spec", "initContainers"));
        ((List<object>)At(apply, "args")).Should().Equal("db-apply");
        ((string)At(Env(apply, "DB_USERNAME"), "valueFrom", "secretKeyRef", "key")).Should().Be("owner-username");
        var grants = Single(At(job, "spec", "template", "spec", "containers"));
        string.Join(' ', (List<object>)At(grants, "command")).Should()
            .Contain("grant select, insert, update, delete on all tables in schema incidents", "docs/operations.md's grants");

        var kustomization = Documents(Path.Combine(Deploy, "kubernetes", "kustomization.yaml")).Single();
        foreach (string resource in (List<object>)At(kustomization, "resources"))
        {
            File.Exists(Path.Combine(Deploy, "kubernetes", resource)).Should().BeTrue(resource);
        }
    }

    [Fact]
    public void The_compose_telemetry_override_starts_a_collector_and_points_the_API_at_it()
    {
        var services = At(Documents(Path.Combine(Deploy, "docker-compose.telemetry.yml")).Single(), "services");
        ((string)At(services, "api", "environment", "OTEL_EXPORTER_OTLP_ENDPOINT")).Should().Be("http://otel-collector:4317");
        ((List<object>)At(services, "otel-collector", "volumes")).Should().Contain(v => ((string)v).StartsWith("./otel-collector.yaml:", StringComparison.Ordinal));
        At(Documents(Path.Combine(Deploy, "docker-compose.yml")).Single(), "services", "api").Should().NotBeNull("the override extends the compose file's api");
    }

    private static object Kind(string file, string kind) =>
        Documents(Path.Combine(Deploy, "kubernetes", file)).Single(d => (string)At(d, "kind") == kind);

    private static object Env(object container, string name) =>
        ((List<object>)At(container, "env")).Single(e => (string)At(e, "name") == name);

    private static object Single(object list) => ((List<object>)list).Should().ContainSingle().Subject;

    private static object At(object node, params string[] path)
    {
        foreach (var key in path)
        {
            node.Should().BeAssignableTo<Dictionary<object, object>>($"'{key}' is looked up in a mapping");
            ((Dictionary<object, object>)node).Should().ContainKey(key);
            node = ((Dictionary<object, object>)node)[key];
        }

        return node;
    }

    private static List<object> Documents(string file)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(File.ReadAllText(file)));
        parser.Consume<StreamStart>();
        var documents = new List<object>();
        while (parser.Accept<DocumentStart>(out _))
        {
            documents.Add(deserializer.Deserialize<object>(parser)!);
        }

        return documents;
    }
}
