using Incidents.Api.Infrastructure.Queries;
using Incidents.Api.PeopleDirectory.Searching;
using Incidents.Domain.PeopleDirectory;
using Marten;

namespace Incidents.Api.Web.Forms;

/// <summary>What a person's name or reference on a form came to: who in the directory, which ones to choose from, or why not.</summary>
/// <param name="Values">The form's values with the reference (and, when the form left it, who they are) filled in.</param>
public sealed record FoundPerson(FormValues Values, IReadOnlyList<Choice> Choices, string? Problem);

/// <summary>
/// Finds the person a form names by name or reference in the directory, the same way on every form: a reference, a
/// choice already made, or a name only one person matches is used; several matches ask which; none says so (a reference
/// the directory does not hold yet is taken when the form says who the person is, so a late MIS push never holds a
/// concern up). The search is the directory's own and says nothing about anyone's cases.
/// </summary>
public static class PersonFinder
{
    public static async Task<FoundPerson> FindAsync(IQuerySession session, FormValues values, string field, string choiceField, string typeField,
        DateOnly today, CancellationToken ct)
    {
        var text = values.Get(field).Trim();
        var chosen = values.Get(choiceField).Trim();
        var person = await session.LoadAsync<DirectoryPerson>(DirectoryPerson.KeyFor(chosen.Length > 0 ? chosen : text), ct);
        if (person is null)
        {
            var matches = await DirectorySearch.FindAsync(session, text, null, 10, today, ct);
            if (matches.Count > 1)
            {
                return new FoundPerson(values, matches.Select(Words.Match).ToList(), $"More than one person matches {text}: choose one.");
            }

            if (matches.Count == 0)
            {
                return values.Get(typeField).Length > 0 && !text.Any(char.IsWhiteSpace)
                    ? new FoundPerson(values, [], null) // a reference the MIS has not sent yet, with who they are: taken as given
                    : new FoundPerson(values, [],
                        $"No one in the school's directory matches {text}. Check the spelling, or, if they are not in the directory, say who they are.");
            }

            person = await session.LoadAsync<DirectoryPerson>(DirectoryPerson.KeyFor(matches[0].MisRef), ct);
        }

        var found = values.With(field, person!.MisRef);
        return new FoundPerson(found.Get(typeField).Length == 0 ? found.With(typeField, EnumNames.Of(person.Type)) : found, [], null);
    }
}
