using System.Security.Claims;
using System.Text.Json;
using Incidents.Api.Concerns;
using Incidents.Api.Concerns.Raising;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Filtering;
using Incidents.Domain.PeopleDirectory;
using Incidents.Domain.Policy;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace Incidents.Api.Filtering;

/// <summary>
/// An alert as the provider sends it (docs/api.md, "Alerts from the filtering provider"). Who it is about: at least one
/// of <paramref name="User"/>, <paramref name="Device"/> and <paramref name="MisRef"/>.
/// </summary>
/// <param name="Reference">The provider's own id for the alert; a retry with the same one is answered as the first.</param>
/// <param name="Category">The provider's category, in the words of the table (GET /api/filtering/categories).</param>
/// <param name="OccurredAt">When the provider saw it.</param>
/// <param name="MisRef">The MIS reference the provider holds for the user: how the alert is matched to the directory.</param>
public sealed record FilteringAlertRequest(
    string? Reference,
    string? Category,
    DateTimeOffset? OccurredAt,
    string? User = null,
    string? Device = null,
    string? MisRef = null,
    string? Severity = null,
    string? Detail = null);

/// <summary>What became of an alert: the concern it raised or joined.</summary>
public sealed record FilteringAlertAnswer(string Reference, Guid ConcernId, FilteringAlertOutcome Outcome, ConcernKind Kind);

/// <summary>An alert taken: which concern it raised or joined, so a retry with its reference is answered the same.</summary>
public sealed class FilteringAlertReceipt
{
    /// <summary><c>&lt;provider&gt;|&lt;reference&gt;</c>.</summary>
    public string Id { get; set; } = "";

    public string Provider { get; set; } = "";

    /// <summary>Who it was about (<see cref="FilteringAlerts.PersonKey"/>), for finding the concern a repeat joins.</summary>
    public string PersonKey { get; set; } = "";

    /// <summary>The provider's category, normalised.</summary>
    public string Category { get; set; } = "";

    public DateTimeOffset OccurredAt { get; set; }

    public Guid ConcernId { get; set; }

    public FilteringAlertOutcome Outcome { get; set; }

    public ConcernKind Kind { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public static string IdFor(string provider, string reference) => $"{provider}|{reference}";
}

/// <summary>A signature already taken, kept until its timestamp leaves the replay window, so it is never taken twice.</summary>
public sealed class FilteringSignatureSeen
{
    public string Id { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}

public static class FilteringAlertEndpoint
{
    public const string Route = "/api/filtering/{provider}/alerts";

    public const int MaxCategory = 100;
    public const int MaxSeverity = 40;
    public const int MaxDetail = 2000;

    /// <summary>
    /// An alert from the school's filtering and monitoring provider (a machine: no token, an HMAC-SHA256 signature with
    /// the provider's secret over the timestamp and the body, see docs/api.md). It raises a concern for the DSL, of the
    /// kind the category table gives, about the person the directory lists (matched by `misRef`), by the system actor
    /// `system:filtering:{provider}`; a repeat about the same person and category within the repeat window joins the open
    /// concern as a chronology note. 201 when it raised a concern, 200 when it joined one, and 200 with the first answer
    /// for a retry with the same `reference`. A missing, wrong, stale or replayed signature, or an unknown provider: 401.
    /// </summary>
    [WolverinePost(Route, Name = "ReceiveFilteringAlert"), Tags("Filtering"), AllowAnonymous]
    [Infrastructure.OpenApi.SignedJsonBody(typeof(FilteringAlertRequest))]
    [ProducesResponseType<FilteringAlertAnswer>(StatusCodes.Status201Created)]
    [ProducesResponseType<FilteringAlertAnswer>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(
        string provider,
        HttpContext http,
        IDocumentSession session,
        FilteringOptions options,
        TimeProvider clock,
        SchoolRoles school,
        OccurrenceWindow window,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        ILoggerFactory loggers,
        CancellationToken ct)
    {
        var log = loggers.CreateLogger(typeof(FilteringAlertEndpoint).FullName!);
        var now = clock.GetUtcNow();
        if (!options.Providers.TryGetValue(provider, out var settings))
        {
            return Refused(http, log, null, SignatureRefusal.UnknownProvider);
        }

        var (timestamp, stale) = FilteringSignature.CheckTimestamp(http.Request.Headers[FilteringSignature.TimestampHeader], now, options.ReplayWindow);
        if (stale is { } timeRefusal)
        {
            return Refused(http, log, provider, timeRefusal);
        }

        // The body as sent, within the service's body limit (413 past it), before anything parses it.
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();

        var (signature, wrong) = FilteringSignature.Verify(http.Request.Headers[FilteringSignature.SignatureHeader], settings.Secrets, timestamp, body);
        if (wrong is { } signatureRefusal)
        {
            return Refused(http, log, provider, signatureRefusal);
        }

        if (!await FirstSightingAsync(session, provider, signature!, timestamp, options.ReplayWindow, now, ct))
        {
            return Refused(http, log, provider, SignatureRefusal.Replayed);
        }

        FilteringAlertRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<FilteringAlertRequest>(body, json.Value.SerializerOptions);
        }
        catch (JsonException e)
        {
            return Results.Problem(new ProblemDetails
            {
                Type = RuleViolationProblems.TypeBase + "bad-request",
                Title = "The request is not valid",
                Status = StatusCodes.Status400BadRequest,
                Detail = $"The alert is not JSON in the documented shape{(e.Path is { } path ? $" (at {path})" : "")}; see docs/api.md.",
                Instance = http.Request.Path,
            });
        }

        if (ProblemsWith(request, window) is { } invalid)
        {
            invalid.Instance = http.Request.Path;
            return Results.Problem(invalid);
        }

        var alert = new FilteringAlert(provider, request!.Reference!.Trim(), request.Category!.Trim(), request.OccurredAt!.Value,
            Trimmed(request.User), Trimmed(request.Device), Trimmed(request.MisRef), Trimmed(request.Severity), Trimmed(request.Detail));
        try
        {
            return await TakeAsync(session, http, alert, options, school, clock, log, ct);
        }
        catch (DocumentAlreadyExistsException)
        {
            // The same reference taken at the same moment by another delivery: answer as it was answered.
            await using var again = session.DocumentStore.QuerySession();
            var receipt = await again.LoadAsync<FilteringAlertReceipt>(FilteringAlertReceipt.IdFor(provider, alert.Reference), ct);
            return receipt is null ? throw new InvalidOperationException("A receipt that exists could not be read.") : Results.Ok(AnswerFor(receipt));
        }
    }

    /// <summary>The alert's bad fields (not named Validate: Wolverine would run that as middleware before the signature is checked).</summary>
    public static ProblemDetails? ProblemsWith(FilteringAlertRequest? request, OccurrenceWindow window)
    {
        if (request is null)
        {
            return new RequestValidation(window).Add("body", "An alert is a JSON object.").ToProblem();
        }

        return new RequestValidation(window)
            .Text("reference", request.Reference, RequestValidation.ShortText)
            .Text("category", request.Category, MaxCategory)
            .OccurredAt("occurredAt", request.OccurredAt)
            .Text("user", request.User, UnlistedPerson.MaxName, required: false)
            .Text("device", request.Device, UnlistedPerson.MaxName, required: false)
            .Text("misRef", request.MisRef, RequestValidation.MisRefLength, required: false)
            .Text("severity", request.Severity, MaxSeverity, required: false)
            .Text("detail", request.Detail, MaxDetail, required: false)
            .When(string.IsNullOrWhiteSpace(request.User) && string.IsNullOrWhiteSpace(request.Device) && string.IsNullOrWhiteSpace(request.MisRef),
                "user", "Say whom the alert is about: user, device or misRef.")
            .When(request.MisRef is { } misRef && Subject.IsUnlistedRef(misRef.Trim()), "misRef", "misRef is a reference of the MIS.")
            .ToProblem();
    }

    /// <summary>
    /// The alert's effect, in one transaction under a lock on its person and category (so two alerts about the same
    /// thing at once raise one concern): its earlier answer, or a join of the open concern an earlier alert raised, or a
    /// new concern, raised as every raise is (<see cref="RaiseConcernEndpoint.Decide"/>).
    /// </summary>
    private static async Task<IResult> TakeAsync(IDocumentSession session, HttpContext http, FilteringAlert alert, FilteringOptions options,
        SchoolRoles school, TimeProvider clock, ILogger log, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var listed = alert.MisRef is { } misRef ? await session.LoadAsync<DirectoryPerson>(DirectoryPerson.KeyFor(misRef), ct) : null;
        var match = FilteringCategoryTable.Default.KindFor(alert.Category);
        var personKey = FilteringAlerts.PersonKey(listed?.MisRef, alert);
        await using (var command = session.Connection!.CreateCommand())
        {
            command.CommandText = "select pg_advisory_xact_lock(hashtextextended(@key, 7))";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "key";
            parameter.Value = $"filtering|{alert.Provider}|{personKey}|{match.Category}";
            command.Parameters.Add(parameter);
            await command.ExecuteNonQueryAsync(ct);
        }

        var receiptId = FilteringAlertReceipt.IdFor(alert.Provider, alert.Reference);
        if (await session.LoadAsync<FilteringAlertReceipt>(receiptId, ct) is { } earlier)
        {
            return Results.Ok(AnswerFor(earlier));
        }

        var actor = FilteringAlerts.ActorFor(alert.Provider);
        http.User = Principal(actor);
        session.CausationId = $"filtering:{alert.Provider}#{http.TraceIdentifier}";
        var now = clock.GetUtcNow();
        var receipt = new FilteringAlertReceipt
        {
            Id = receiptId,
            Provider = alert.Provider,
            PersonKey = personKey,
            Category = match.Category,
            OccurredAt = alert.OccurredAt,
            ReceivedAt = now,
        };

        if (await OpenConcernToJoinAsync(session, receipt, options.RepeatWindow, ct) is { } open)
        {
            receipt.ConcernId = open.Id;
            receipt.Outcome = FilteringAlertOutcome.Joined;
            receipt.Kind = open.Kind;
            var outcome = await ConcernCommands.ExecuteAsync(session, http, open.Id, expectedVersion: null,
                (concern, by, at) => RepeatedAlertDecider.Decide(concern, new RecordRepeatedAlert(alert, by), at), clock, ct,
                alongside: (s, _, _) => s.Insert(receipt));
            if (outcome.Problem is { } refused)
            {
                return Results.Problem(refused);
            }

            log.LogInformation("Filtering alert from {Provider} joined concern {ConcernId}", alert.Provider, open.Id);
            return Results.Ok(AnswerFor(receipt));
        }

        var subject = SubjectOf(alert, listed);
        var raise = new RaiseConcernRequest(match.Kind, FilteringAlerts.Summary(alert, match, FilteringCategoryTable.Default.Version), [subject],
            alert.OccurredAt > now ? now : alert.OccurredAt);
        var (raised, decision) = RaiseConcernEndpoint.Decide(raise, actor, school, listed is null ? [] : [listed], now);
        if (decision.Violation is { } violation)
        {
            return Results.Problem(violation.ToProblemDetails(http.Request.Path));
        }

        EventMetadata.StampPage(session, http, actor);
        session.Events.StartStream<Concern>(raised.ConcernId, decision.Events.ToArray());
        RaiseConcernEndpoint.NameUnlisted(session, raise, raised, now);
        receipt.ConcernId = raised.ConcernId;
        receipt.Outcome = FilteringAlertOutcome.Raised;
        receipt.Kind = match.Kind;
        session.Insert(receipt);
        await session.SaveChangesAsync(ct);
        log.LogInformation("Filtering alert from {Provider} raised concern {ConcernId} ({Kind}, {Mapping})", alert.Provider, raised.ConcernId,
            match.Kind, match.Mapped ? "mapped" : "unmapped");
        return Results.Created($"/api/concerns/{raised.ConcernId}", AnswerFor(receipt));
    }

    /// <summary>The open concern an earlier alert about the same person and category, within the window, raised or joined.</summary>
    private static async Task<Concern?> OpenConcernToJoinAsync(IDocumentSession session, FilteringAlertReceipt receipt, TimeSpan window, CancellationToken ct)
    {
        var from = receipt.OccurredAt - window;
        var to = receipt.OccurredAt + window;
        var earlier = await session.Query<FilteringAlertReceipt>()
            .Where(r => r.Provider == receipt.Provider && r.PersonKey == receipt.PersonKey && r.Category == receipt.Category
                        && r.OccurredAt >= from && r.OccurredAt <= to)
            .OrderByDescending(r => r.OccurredAt)
            .Take(20)
            .ToListAsync(ct);
        var candidates = earlier.Where(r => FilteringAlerts.Joins(r.OccurredAt, receipt.OccurredAt, window)).Select(r => r.ConcernId).Distinct().ToArray();
        if (candidates.Length == 0)
        {
            return null;
        }

        var concerns = await session.LoadManyAsync<Concern>(ct, candidates);
        return candidates.Select(id => concerns.FirstOrDefault(c => c.Id == id)).FirstOrDefault(c => c is { IsClosed: false });
    }

    private static SubjectRequest SubjectOf(FilteringAlert alert, DirectoryPerson? listed)
    {
        var (type, involvement) = FilteringAlerts.SubjectFor(listed?.Type);
        if (listed is not null)
        {
            return new SubjectRequest(listed.MisRef, type, involvement);
        }

        var known = alert.User ?? alert.Device ?? alert.MisRef!;
        var description = $"Not matched in the directory; the filtering provider {alert.Provider} knows them as {Describe(alert)}";
        return new SubjectRequest(null, type, involvement, known, description.Length > UnlistedPerson.MaxDescription
            ? description[..UnlistedPerson.MaxDescription] : description);
    }

    private static string Describe(FilteringAlert alert) => string.Join(", ", new[]
    {
        alert.User is { } user ? $"user {user}" : null,
        alert.Device is { } device ? $"device {device}" : null,
        alert.MisRef is { } misRef ? $"MIS reference {misRef}" : null,
    }.OfType<string>());

    /// <summary>
    /// Takes the signature once: stored in its own transaction before anything else is done, so a second sending of the
    /// same signed request (at the same moment or later) is refused, and signatures past the window are cleared.
    /// </summary>
    private static async Task<bool> FirstSightingAsync(IDocumentSession session, string provider, byte[] signature, long timestamp, TimeSpan window,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var sightings = session.DocumentStore.LightweightSession();
        sightings.Insert(new FilteringSignatureSeen
        {
            Id = $"{provider}|{Convert.ToHexStringLower(signature)}",
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(timestamp) + window,
        });
        sightings.DeleteWhere<FilteringSignatureSeen>(s => s.ExpiresAt < now);
        try
        {
            await sightings.SaveChangesAsync(ct);
            return true;
        }
        catch (DocumentAlreadyExistsException)
        {
            return false;
        }
    }

    /// <summary>The provider's system actor as the request's user, so the command path records it as the one who acted.</summary>
    private static ClaimsPrincipal Principal(Domain.Identity.Actor actor) => new(new ClaimsIdentity(
        [
            new Claim(IncidentsClaims.Subject, actor.Id),
            new Claim(IncidentsClaims.Name, actor.Name),
            new Claim(IncidentsClaims.Role, Domain.Identity.Role.FilteringProvider.WireName()),
        ],
        IncidentsClaims.FilteringSignature, IncidentsClaims.Subject, IncidentsClaims.Role));

    /// <summary>
    /// 401, logged with the reason and the provider (only when configured: the address is the caller's to choose), never
    /// the body, the signature or the secret. One answer for every reason, so a caller learns nothing about which.
    /// </summary>
    private static IResult Refused(HttpContext http, ILogger log, string? provider, SignatureRefusal reason)
    {
        log.LogWarning("Filtering alert refused: {Reason} (provider {Provider})", reason, provider ?? "not configured");
        return Results.Problem(new ProblemDetails
        {
            Type = RuleViolationProblems.TypeBase + "unauthorized",
            Title = "Unauthorized",
            Status = StatusCodes.Status401Unauthorized,
            Detail = "The alert's signature is missing, wrong, outside the replay window or already used, or the provider is unknown. " +
                     "Sign each sending afresh: X-Timestamp (Unix seconds) and X-Signature: sha256=HMAC-SHA256(secret, \"<timestamp>.<body>\").",
            Instance = http.Request.Path,
        });
    }

    private static FilteringAlertAnswer AnswerFor(FilteringAlertReceipt receipt) =>
        new(receipt.Id[(receipt.Id.IndexOf('|', StringComparison.Ordinal) + 1)..], receipt.ConcernId, receipt.Outcome, receipt.Kind);

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
