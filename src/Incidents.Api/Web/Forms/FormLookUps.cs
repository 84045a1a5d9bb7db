using Incidents.Api.Concerns.Corrections;
using Incidents.Api.Concerns.Raising;
using Incidents.Api.Concerns.Subjects;
using Incidents.Api.PeopleDirectory.Searching;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.PeopleDirectory;

namespace Incidents.Api.Web.Forms;

/// <summary>
/// The look-up steps forms declare (<see cref="CaseActionForm.LookUp"/>): reading the directory, or what was recorded beside
/// a case, before the fields are shown or the command is decided. The directory's own search says nothing about cases.
/// </summary>
public static class FormLookUps
{
    private const string AddedPerson = "subjects[0].misRef";

    /// <summary>Adults the school's directory lists: who may attend a debrief.</summary>
    private static readonly PersonType[] Adults = Enum.GetValues<PersonType>().Where(t => t != PersonType.Learner).ToArray();

    /// <summary>
    /// The person the add-person form names by name or reference, found in the directory as the raise form finds them
    /// (<see cref="PersonFinder"/>); nothing to find when nobody is named or someone is named as not in the directory.
    /// </summary>
    public static async Task<LookedUp> FindPersonAddedAsync(FormLookUpRequest request, CancellationToken ct)
    {
        var values = request.Values;
        if (!request.Posted || values.Get(AddedPerson).Trim().Length == 0 || values.Get("subjects[0].name").Trim().Length > 0)
        {
            return new LookedUp(request.Context, values); // the API's validation says what is missing
        }

        var found = await PersonFinder.FindAsync(request.Reader, values, AddedPerson, CaseActionForms.Candidate, "subjects[0].type", request.Today, ct);

        // As the API's endpoint does: what the directory lists for the person named, so a type it contradicts is refused.
        var listed = await SchoolFacts.ListedAsync(request.Reader, [found.Values.Get(AddedPerson)], ct);
        return new LookedUp(request.Context with { Candidates = found.Choices, ListedPeople = listed }, found.Values,
            found.Problem is { } problem ? FormErrors.Single(found.Choices.Count > 0 ? CaseActionForms.Candidate : AddedPerson, problem) : null);
    }

    /// <summary>
    /// Directory people named like those named by name on the case, so the DSL picks a name rather than looking up a
    /// reference; once posted, as the API's endpoint loads them, who the directory lists under the reference given and
    /// what was recorded for the person named by name.
    /// </summary>
    public static async Task<LookedUp> IdentifyAsync(FormLookUpRequest request, CancellationToken ct)
    {
        var concern = request.Context.Concern;
        var keys = concern.Subjects.Where(s => s.IsUnlisted).Select(s => DirectoryPerson.KeyFor(s.MisRef)).Distinct().ToArray();
        var named = await request.Reader.LoadManyAsync<UnlistedPerson>(ct, keys);
        var found = new List<Choice>();
        foreach (var person in named)
        {
            found.AddRange((await DirectorySearch.FindAsync(request.Reader, person.Name, null, 10, request.Today, ct)).Select(Words.Match));
        }

        var context = request.Context with { Candidates = found.DistinctBy(c => c.Value).ToList() };
        if (!request.Posted)
        {
            return new LookedUp(context, request.Values);
        }

        var values = request.Values;
        var misRef = values.Get("misRef").Trim() is { Length: > 0 } given ? given : values.Get(CaseActionForms.Candidate).Trim();
        var (listed, unlisted) = await IdentifySubjectEndpoint.PeopleAsync(request.Reader, misRef, values.Get("unlistedRef"), ct);
        return new LookedUp(context with { Listed = listed, Unlisted = unlisted }, values);
    }

    /// <summary>
    /// The debrief's attendees, one per line, each found among the adults in the directory by reference or name, so the
    /// debrief names people by their directory reference as the API takes them (and the decider can refuse the adult
    /// alleged). A name several people share asks which one, a line the directory does not know says so.
    /// </summary>
    public static async Task<LookedUp> FindAttendeesAsync(FormLookUpRequest request, CancellationToken ct)
    {
        const string field = "attendees";
        if (!request.Posted)
        {
            return new LookedUp(request.Context, request.Values);
        }

        var values = request.Values;
        var lines = values.Get(field).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var chosen = values.Get(CaseActionForms.Candidate).Trim();
        var attendees = new List<PersonRef>();
        var problems = new List<(string Field, string Message)>();
        IReadOnlyList<Choice> choices = [];
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var byRef = await request.Reader.LoadAsync<DirectoryPerson>(DirectoryPerson.KeyFor(line), ct);
            if (byRef is not null && byRef.Type != PersonType.Learner)
            {
                attendees.Add(new PersonRef(byRef.MisRef, byRef.DisplayName));
                continue;
            }

            var matches = await DirectorySearch.FindAsync(request.Reader, line, Adults, 10, request.Today, ct);
            if (matches.Count == 1)
            {
                attendees.Add(new PersonRef(matches[0].MisRef, matches[0].Name));
            }
            else if (matches.Count == 0)
            {
                problems.Add((field, $"No adult in the school's directory matches {line}. Check the spelling, or give their MIS reference."));
            }
            else if (choices.Count == 0 && matches.FirstOrDefault(m => m.MisRef.Equals(chosen, StringComparison.OrdinalIgnoreCase)) is { } picked)
            {
                // The choice answers the first name several people share: the line becomes the reference chosen.
                attendees.Add(new PersonRef(picked.MisRef, picked.Name));
                lines[i] = picked.MisRef;
            }
            else if (choices.Count == 0)
            {
                choices = matches.Select(Words.Match).ToList();
                problems.Add((CaseActionForms.Candidate, $"More than one person matches {line}: choose one."));
            }
            else
            {
                problems.Add((field, $"More than one person matches {line}: give their MIS reference."));
            }
        }

        var resolved = values.With(field, string.Join("\n", lines)).With(CaseActionForms.Candidate, "");
        // The change's owner, as the API's endpoint loads owners.
        var owner = values.Get("proposedChanges[0].ownerMisRef").Trim();
        var owners = owner.Length == 0 ? [] : await request.Reader.LoadManyAsync<DirectoryPerson>(ct, DirectoryPerson.KeyFor(owner));
        var context = request.Context with { Attendees = attendees, Candidates = choices, ListedPeople = owners };
        return new LookedUp(context, resolved, problems.Count > 0 ? FormErrors.Many(problems) : null);
    }

    /// <summary>Once posted, the appointed case manager as the directory lists them, as the API's endpoint loads them.</summary>
    public static async Task<LookedUp> AppointeeAsync(FormLookUpRequest request, CancellationToken ct) =>
        request.Posted
            ? new LookedUp(request.Context with { Listed = await Concerns.Allegations.AppointCaseManagerEndpoint.ListedAsync(request.Reader, request.Values.Get("misRef"), ct) },
                request.Values)
            : new LookedUp(request.Context, request.Values);

    /// <summary>Once posted, the owner a debrief's change is given, as the API's endpoint loads them.</summary>
    public static async Task<LookedUp> ChangeOwnerAsync(FormLookUpRequest request, CancellationToken ct) =>
        request.Posted && request.Values.Get("ownerMisRef").Trim() is { Length: > 0 } owner
            ? new LookedUp(request.Context with { Listed = await request.Reader.LoadAsync<DirectoryPerson>(DirectoryPerson.KeyFor(owner), ct) }, request.Values)
            : new LookedUp(request.Context, request.Values);

    /// <summary>Once posted, the case a withdrawal names as the one it duplicates, as the API's endpoint loads it.</summary>
    public static async Task<LookedUp> DuplicateAsync(FormLookUpRequest request, CancellationToken ct) =>
        request.Posted
            ? new LookedUp(request.Context with { Duplicate = await WithdrawEndpoint.DuplicateAsync(request.Reader, CaseActionForms.DuplicateOf(request.Values), ct) },
                request.Values)
            : new LookedUp(request.Context, request.Values);
}
