using System.Text.Json;
using System.Text.Json.Serialization;
using Incidents.Api.Audit.Access;
using Incidents.Api.Concerns;
using Incidents.Api.Configuration;
using Incidents.Api.Filtering;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Hosting;
using Incidents.Api.Infrastructure.Logging;
using Incidents.Api.Infrastructure.Marten;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Api.Infrastructure.Security;
using Incidents.Api.Infrastructure.Telemetry;
using Incidents.Api.Web;
using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Npgsql;
using Scalar.AspNetCore;
using Spectre.Console;
using Wolverine;
using Wolverine.Http;

[assembly: JasperFxAssembly]

// A setting missing or wrong is the operator's to fix: print what to set and exit 1, not a stack trace and exit 134.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    if (e.ExceptionObject is StartupConfigurationException problem)
    {
        Console.Error.WriteLine(problem.Message);
        Environment.Exit(1);
    }
};

// The token verb prints the token alone on stdout, so `TOKEN=$(dotnet run ... -- token ...)` captures just it:
// JasperFx's console chatter ("Searching ... for commands") goes to stderr instead.
if (args.FirstOrDefault() == "token")
{
    AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
}

var builder = WebApplication.CreateBuilder(args);
builder.AddIncidentsLogging();

// The token verb needs no database; everything else gets one, started locally when none is configured.
var needsDatabase = args.FirstOrDefault() is not ("token" or "help" or "?" or "codegen");
var connectionString = needsDatabase ? await DatabaseConnection.ResolveAsync(builder) : "Host=localhost";
#if DEMO_DATA
// The demonstration school, seeded after start into the local database `dotnet run` starts (docs/operations.md).
Incidents.Api.Infrastructure.Demo.DemoData.AddDemoSchoolOnStart(builder,
    localDatabase: needsDatabase && string.IsNullOrEmpty(builder.Configuration.GetConnectionString(DatabaseConnection.Name)));
#endif

#if LOCAL_POSTGRES
// Multi-node tests only (Debug builds, Development): a clock every node reads from one file, so a test moves time in all.
if (builder.Environment.IsDevelopment() && builder.Configuration["Development:ClockOffsetFile"] is { Length: > 0 } clockFile)
{
    builder.Services.AddSingleton<TimeProvider>(new Incidents.DevTools.FileOffsetClock(clockFile));
}
else
{
    builder.Services.AddSingleton(TimeProvider.System);
}
#else
builder.Services.AddSingleton(TimeProvider.System);
#endif
builder.Services.Configure<SchoolOptions>(builder.Configuration.GetSection(SchoolOptions.Section));
var school = SchoolOptions.From(builder.Configuration);
builder.Services.AddSingleton(school.Roles());
builder.Services.AddSingleton(school.LowLevelPatterns());
var calendar = school.Calendar();
builder.Services.AddSingleton(calendar);
builder.Services.AddSingleton(services => new OccurrenceWindow(services.GetRequiredService<TimeProvider>(), calendar.StartOf(school.OpenedOn)));
builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
builder.Services.AddIncidentsAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddSingleton(school);
builder.Services.AddIncidentsWeb(builder.Configuration, builder.Environment);
builder.Services.AddIncidentsEventStore(connectionString, school, applySchemaOnStart: !builder.Environment.IsProduction()
    || builder.Configuration.GetValue<bool>("Database:ApplySchemaOnStart"));

builder.Services.AddIncidentsHardening(builder.Configuration);
builder.Services.AddIncidentsFiltering(builder.Configuration);
builder.Services.AddSingleton(IdempotencyOptions.From(builder.Configuration));
builder.Services.AddHostedService<Incidents.Api.Calendar.CalendarUpkeep>(); // after the store's schema is applied
builder.Services.AddSingleton(Incidents.Api.Clocks.ClockOptions.From(builder.Configuration));
builder.Services.AddSingleton<IdempotencyUpkeep>();
builder.Services.AddHostedService(services => services.GetRequiredService<IdempotencyUpkeep>());
builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ProblemTypes.Customize);
builder.Services.AddExceptionHandler<ExceptionProblems>();
builder.Services.ConfigureHttpJsonOptions(json => Json.Configure(json.SerializerOptions));
builder.Services.AddOpenApi(openApi =>
{
    openApi.AddDocumentTransformer<Incidents.Api.Infrastructure.OpenApi.ServiceDescription>();
    openApi.AddDocumentTransformer<Incidents.Api.Infrastructure.OpenApi.BearerSecurityTransformer>();
    openApi.AddDocumentTransformer<Incidents.Api.Infrastructure.OpenApi.ReadLevelViews>();
    openApi.AddDocumentTransformer<Incidents.Api.Infrastructure.OpenApi.EnumValues>();
    openApi.AddOperationTransformer<Incidents.Api.Infrastructure.OpenApi.OperationDocs>();
    openApi.AddOperationTransformer<Incidents.Api.Infrastructure.OpenApi.QueryParameterDocs>();
    openApi.AddOperationTransformer<Incidents.Api.Infrastructure.OpenApi.SignedBodyDocs>();
});
builder.Services.AddWolverineHttp();
builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("database", tags: ["ready"]);
builder.AddIncidentsTelemetry(); // OpenTelemetry over OTLP when an endpoint is configured

// Static in production: handlers and Marten storage are compiled into the assembly by `codegen write` during the
// build (deploy/build-release.sh), so start-up does no Roslyn compilation. Auto elsewhere: generated at first use.
var typeLoadMode = builder.Configuration.GetValue("Wolverine:TypeLoadMode", TypeLoadMode.Auto);
builder.Services.CritterStackDefaults(defaults =>
{
    defaults.Production.GeneratedCodeMode = typeLoadMode;
    defaults.Development.GeneratedCodeMode = typeLoadMode;
    defaults.Production.AssertAllPreGeneratedTypesExist = typeLoadMode == TypeLoadMode.Static;
});

builder.Host.UseWolverine(opts =>
{
    // Balanced in production so several API nodes share projection work; tests switch to Solo.
    opts.Durability.Mode = builder.Configuration.GetValue("Wolverine:Durability", DurabilityMode.Balanced);

    // How fast a cluster notices a dead node and moves its projection agents: unset keeps Wolverine's defaults.
    if (builder.Configuration.GetValue<TimeSpan?>("Wolverine:HealthCheckPollingTime") is { } healthCheck)
    {
        opts.Durability.HealthCheckPollingTime = healthCheck;
    }

    if (builder.Configuration.GetValue<TimeSpan?>("Wolverine:StaleNodeTimeout") is { } staleNode)
    {
        opts.Durability.StaleNodeTimeout = staleNode;
    }

    if (builder.Configuration.GetValue<TimeSpan?>("Wolverine:CheckAssignmentPeriod") is { } checkAssignments)
    {
        opts.Durability.CheckAssignmentPeriod = checkAssignments;
    }

    opts.EnableRelayOfUserName = true;
    opts.CodeGeneration.TypeLoadMode = typeLoadMode;
    opts.UseSystemTextJsonForSerialization(Json.Configure);
    opts.Discovery.IncludeAssembly(typeof(Program).Assembly);
    Incidents.Api.Clocks.ClockMessaging.Route(opts);
});

var app = builder.Build();

// Which Wolverine node this process is (the id in wolverine_nodes / wolverine_node_assignments), for operators.
app.Lifetime.ApplicationStarted.Register(() =>
{
    var wolverine = app.Services.GetRequiredService<WolverineOptions>();
    app.Logger.LogInformation(
        "Wolverine node {NodeId} started in {DurabilityMode} mode (heartbeat every {HealthCheckPollingTime}, stale after {StaleNodeTimeout}, assignments checked every {CheckAssignmentPeriod})",
        wolverine.UniqueNodeId, wolverine.Durability.Mode, wolverine.Durability.HealthCheckPollingTime, wolverine.Durability.StaleNodeTimeout,
        wolverine.Durability.CheckAssignmentPeriod);
});

app.UseSecurityHeaders();
app.UseIncidentsRequestLogging(); // outside the exception handler, so it logs the status sent (a 503, not the 500 of an exception)
app.UseExceptionHandler();
app.UseMiddleware<LoadShedding>(); // before any work: an overloaded node refuses at once with 503
app.UseWhen(http => WebSetup.IsPage(http.Request), web => web.UseStatusCodePagesWithReExecute("/not-found"));
app.UseWhen(http => !WebSetup.IsPage(http.Request), api => api.UseStatusCodePages());
app.UseIncidentsWeb(); // the pages' own assets, before authentication: nothing personal in them
app.UseRouting(); // here, not first, so a page's status re-executed as the not-found page is routed again
app.UseRequestBodyLimit();
app.UseRequestCharacterCheck(); // a NUL or other control character anywhere in a query, form or header: 400, once for all
app.UseCors(HardeningSetup.CorsPolicy);
app.UseAuthentication();
app.UseRateLimiter();
app.UseIncidentsLogContext();
app.UseReadAccessLog(); // before authorization, so refused attempts are recorded too
app.UseAuthorization();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.MapScalarApiReference("/docs", o => o.WithTitle(Incidents.Api.Infrastructure.OpenApi.ServiceDescription.Title).WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();

app.MapWolverineEndpoints(opts =>
{
    opts.RequireAuthorizeOnAll();
    // A query value that does not parse is a client mistake (400), not silently the parameter's default.
    opts.RejectUnparseableQueryValues = true;
    opts.ApplyCorrelationIdHeaderToAllEndpoints = true;
    opts.AddPolicy<Incidents.Api.Infrastructure.OpenApi.ProblemResponsesPolicy>();
    opts.MapConcurrencyFailuresToConflict(_ => true, _ => RuleViolationProblems.Conflict(null));
});

app.MapIncidentsWeb();

// Noted here: the host (and its lifetime service) is disposed by the time the commands return.
var started = false;
app.Lifetime.ApplicationStarted.Register(() => started = true);
var exitCode = await app.RunJasperFxCommands(args);

// Given one of ASP.NET's own flags anywhere (--urls), JasperFx runs the host itself and answers 0 even when it failed
// to start (a database without its schema, say): a supervisor (systemd, Kubernetes) must see the failure to restart
// the node or raise the alarm. Without one, JasperFx's run answers 1 itself. Verbs (db-apply, codegen, token, help)
// never start the host and keep their own exit code. A node stopped while still starting exits 1 too.
string[] aspNetFlags = ["--urls", "--http_ports", "--https_ports"];
var ranTheService = args.Length == 0 || string.Equals(args[0], "run", StringComparison.OrdinalIgnoreCase)
    || (args[0].StartsWith('-') && args[0] is not ("-h" or "--help" or "-?"))
    || args.Any(a => aspNetFlags.Contains(a, StringComparer.OrdinalIgnoreCase));
return exitCode == 0 && ranTheService && !started ? 1 : exitCode;

/// <summary>The one JSON shape of the API: camelCase, enums as kebab-case strings, unknown properties rejected.</summary>
internal static class Json
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // Numbers are numbers: the web defaults also read them from strings, which typed every integer in the OpenAPI
        // document as "integer or string" (a generated client then mistyped them).
        options.NumberHandling = JsonNumberHandling.Strict;
    }
}

public partial class Program;
