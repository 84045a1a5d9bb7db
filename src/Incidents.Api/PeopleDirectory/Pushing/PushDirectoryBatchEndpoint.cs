using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.PeopleDirectory;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.PeopleDirectory.Pushing;

/// <param name="Type">learner, or an adult in the school: staff-member, supply-staff, volunteer, contractor, governor.</param>
/// <param name="Role">A member of staff's role, as the MIS words it.</param>
/// <param name="WorkEmail">An adult's work email: where their alerts are emailed. Optional; never for a learner.</param>
public sealed record DirectoryPersonRequest(
    string? MisRef,
    PersonType? Type,
    string? GivenName,
    string? FamilyName,
    string? PreferredName,
    DateOnly? DateOfBirth,
    string? YearGroup,
    string? Class,
    string? Role,
    DateOnly? StartDate,
    DateOnly? LeavingDate,
    string? WorkEmail = null);

/// <param name="Mode"><c>full</c>: everyone the MIS holds (anyone left out is marked as no longer listed); <c>changes</c>: only people who changed.</param>
public sealed record DirectoryBatchRequest(DirectoryBatchMode? Mode, IReadOnlyList<DirectoryPersonRequest>? People);

public static class PushDirectoryBatchEndpoint
{
    /// <summary>The largest batch body: a full batch of <see cref="DirectoryRows.MaxPeople"/> people fits with room to spare.</summary>
    public const long MaxBodyBytes = 8 * 1024 * 1024;

    public static ProblemDetails Validate(DirectoryBatchRequest request, TimeProvider clock)
    {
        if (request.People is { Count: > DirectoryRows.MaxPeople } people)
        {
            return new ProblemDetails
            {
                Type = RuleViolationProblems.TypeBase + "directory-batch-too-large",
                Title = "The batch is too large",
                Status = StatusCodes.Status413PayloadTooLarge,
                Detail = $"A batch lists at most {DirectoryRows.MaxPeople} people; this one lists {people.Count}. Send changes batches for fewer people.",
                Extensions = { ["rule"] = "directory-batch-too-large" },
            };
        }

        var validation = new RequestValidation(clock)
            .Required("mode", request.Mode)
            .When(request.People is null, "people", "people is required (an empty list is a changes batch with nothing in it).")
            .When(request is { Mode: DirectoryBatchMode.Full, People.Count: 0 }, "people",
                "A full batch lists everyone the MIS holds; an empty one would mark the whole directory as no longer listed.");
        for (var i = 0; i < (request.People?.Count ?? 0); i++)
        {
            var person = request.People![i];
            if (person is null)
            {
                validation.Add($"people[{i}]", "A person is required.");
                continue;
            }

            validation.Required($"people[{i}].type", person.Type);
        }

        if (validation.IsValid && request.People is { } rows)
        {
            foreach (var problem in DirectoryRows.Problems(ToBatch(request)))
            {
                validation.Add(problem.Field.Length == 0 ? $"people[{problem.Row}]" : $"people[{problem.Row}].{problem.Field}", problem.Message);
            }
        }

        return validation.ToProblem() ?? WolverineContinue.NoProblems;
    }

    /// <summary>
    /// The MIS pushes learners and staff: a full batch (everyone) or a changes batch, keyed by MIS reference. Applied
    /// all or nothing, committed before the answer, and idempotent: the same batch again changes nothing. Nobody is
    /// ever deleted: a leaver keeps their entry with a leaving date; someone a full batch leaves out is marked as no
    /// longer listed until a batch lists them again.
    /// </summary>
    [WolverinePost("/api/directory/batches", Name = "PushDirectoryBatch"), Tags("Directory")]
    [AuthorizeFor(RoleSet.Mis)]
    [RequestSizeLimit(MaxBodyBytes)]
    [ProducesResponseType<DirectoryImportResult>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(DirectoryBatchRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        Results.Ok(await DirectoryImport.ApplyAsync(session, ToBatch(request), clock.GetUtcNow(), ct));

    private static DirectoryBatch ToBatch(DirectoryBatchRequest request) => new(
        request.Mode!.Value,
        request.People!.Select(p => new DirectoryRow(
            p.MisRef ?? "", p.Type!.Value, p.GivenName ?? "", p.FamilyName ?? "", p.PreferredName, p.DateOfBirth, p.YearGroup, p.Class,
            p.Role, p.StartDate, p.LeavingDate, p.WorkEmail)).ToList());
}
