using System.Collections;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Incidents.Projections.Cases;
using Incidents.Projections.Chronology;
using Incidents.Projections.Governors;
using Incidents.Projections.People;
using JasperFx.Events;

namespace Incidents.Api.Tests.ReadModels;

/// <summary>
/// A new event type cannot be forgotten by a reader: for every type in <see cref="ConcernEventTypes.All"/>, a sample built
/// by reflection (each constructor parameter filled with a recognisable value) must change what each consumer keeps or
/// says, or the type must be listed in that consumer's named set of events it leaves alone, and a listed type must
/// really change nothing. Adding an event without touching the readers fails here.
/// </summary>
public sealed class EveryEventIsReadSpecs
{
    private static readonly Guid ConcernId = Guid.Parse("0191f2a0-0000-7000-8000-00000000c0de");
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Every reference parameter (<c>MisRef</c>, <c>SubjectMisRef</c>) names the same person, so entries are about them.</summary>
    private const string Person = "L-SAMPLE";

    public static TheoryData<string> EventTypes => [.. ConcernEventTypes.All.Select(t => t.Name)];

    /// <summary>An allegation about a member of staff with a learner at risk: every clock and flag is running.</summary>
    private static readonly ConcernRaised Raised = new(ConcernId, ConcernKind.Cyberbullying, "Messages", [new Subject(Person, PersonType.Learner, Involvement.Affected), new Subject("S-SAMPLE", PersonType.StaffMember, Involvement.Alleged)],
        At, new PersonRef("staff-teacher-1", "Class Teacher"),
        RoutingTable.SocialMediaPolicy2021.RouteFor(ConcernKind.Cyberbullying,
            [new Subject(Person, PersonType.Learner, Involvement.Affected), new Subject("S-SAMPLE", PersonType.StaffMember, Involvement.Alleged)],
            new SchoolRoles("staff-head-1", "gov-chair-1")));

    [Fact]
    public void The_sets_of_events_left_alone_name_only_event_types_of_a_concern()
    {
        foreach (var set in new[] { CaseSummary.Unchanged, GovernorCaseFacts.Unchanged, PersonCasesEvents.Unchanged, CaseIdentifiers.NamesOnlyTheRecorder, ChronologyEntries.Unworded })
        {
            set.Should().BeSubsetOf(ConcernEventTypes.All);
        }

        ConcernEventTypes.All.Should().HaveCountGreaterThanOrEqualTo(27, "the list is found by reflection and must not come back empty");
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void The_case_fold_takes_every_event(string type)
    {
        var sample = Sample(Type(type));
        var state = History(sample).Aggregate((Concern?)null, (s, e) => Concern.Evolve(s, e));
        Concern.Evolve(state, sample).Version.Should().Be(state is null ? 1 : state.Version + 1);
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void The_case_summary_changes_for_every_event_or_lists_it_as_unchanged(string type)
    {
        var sample = Sample(Type(type));
        var before = History(sample).Aggregate((CaseSummary?)null, (s, e) => CaseSummary.Fold(s, e, At));
        var after = CaseSummary.Fold(before, sample, At.AddMinutes(1));
        Changed(before, after).Should().Be(!CaseSummary.Unchanged.Contains(sample.GetType()), Because(nameof(CaseSummary.Unchanged)));
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void The_governors_facts_change_for_every_event_or_list_it_as_unchanged(string type)
    {
        var sample = Sample(Type(type));
        var before = History(sample).Aggregate((GovernorCaseFacts?)null, (s, e) => GovernorCaseFacts.Fold(s, Wrapped(e)));
        var after = GovernorCaseFacts.Fold(before, Wrapped(sample, At.AddMinutes(1)));
        Changed(before, after).Should().Be(!GovernorCaseFacts.Unchanged.Contains(sample.GetType()), Because(nameof(GovernorCaseFacts.Unchanged)));
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void A_persons_index_changes_for_every_event_naming_a_subject_or_lists_it_as_unchanged(string type)
    {
        var sample = Sample(Type(type));
        PersonCasesEvents.KeysOf(sample).Any().Should().Be(!PersonCasesEvents.Unchanged.Contains(sample.GetType()), Because(nameof(PersonCasesEvents.Unchanged)));
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void The_chronology_words_every_event_or_lists_it_as_unworded(string type)
    {
        var sample = Sample(Type(type));
        (ChronologyEntries.About(sample, Person) is not null).Should().Be(!ChronologyEntries.Unworded.Contains(sample.GetType()), Because(nameof(ChronologyEntries.Unworded)));
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void An_entry_recorded_for_someone_says_whom_on_every_event_that_names_them(string type)
    {
        var sample = Sample(Type(type));
        ChronologyEntries.RecordedFor(sample).Should().Be(sample.GetType().GetProperty("SubjectMisRef")?.GetValue(sample) as string);
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Redaction_gathers_every_person_and_reference_on_every_event(string type)
    {
        var sample = Sample(Type(type));
        var found = CaseIdentifiers.In([sample]);
        var by = ((IConcernEvent)sample).By;
        found.Except([by.Id, by.Name]).Any().Should().Be(!CaseIdentifiers.NamesOnlyTheRecorder.Contains(sample.GetType()), Because(nameof(CaseIdentifiers.NamesOnlyTheRecorder)));

        // Whatever the list says, every person and subject anywhere on the event is gathered.
        found.Should().Contain(PeopleOn(sample));
    }

    private static string Because(string set) => $"the event is either handled or listed in {set}, never both";

    private static Type Type(string name) => ConcernEventTypes.All.Single(t => t.Name == name);

    /// <summary>What happened before the sample: the raise, and what the sample answers or undoes.</summary>
    private static IEnumerable<object> History(object sample) => sample switch
    {
        ConcernRaised => [],
        AdviceReceived a => [Raised, (AdviceSought)Sample(typeof(AdviceSought)) with { EscalationId = a.EscalationId }],
        JointDecisionAgreed a => [Raised, (JointDecisionProposed)Sample(typeof(JointDecisionProposed)) with { DecisionId = a.DecisionId }],
        ConcernReopened => [Raised, Sample(typeof(ConcernClosed))],
        LowLevelPatternReviewed => [Raised, Sample(typeof(LowLevelPatternFound))],
        // A debrief's change is followed through once the debrief agreed it.
        DebriefChangeAssigned or DebriefChangeDone => [Raised, Sample(typeof(DebriefHeld))],
        SubjectRemoved r => [Raised, new SubjectsAdded(ConcernId, [r.Subject], At, new PersonRef("staff-dsl-1", "Lucy Hayward"))],
        _ => [Raised],
    };

    private static IEvent Wrapped(object data, DateTimeOffset? at = null)
    {
        var wrapped = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
        wrapped.StreamId = ConcernId;
        wrapped.Timestamp = at ?? At;
        return wrapped;
    }

    private static bool Changed(object? before, object? after) => JsonSerializer.Serialize(before) != JsonSerializer.Serialize(after);

    private static IEnumerable<string> PeopleOn(object value)
    {
        switch (value)
        {
            case PersonRef p:
                yield return p.Id;
                yield return p.Name;
                yield break;
            case Subject s:
                yield return s.MisRef;
                yield break;
            case string:
                yield break;
            case IEnumerable items:
                foreach (var found in items.Cast<object>().SelectMany(PeopleOn))
                {
                    yield return found;
                }

                yield break;
        }

        if (value.GetType().Namespace?.StartsWith("Incidents.Domain", StringComparison.Ordinal) != true || value.GetType().IsEnum)
        {
            yield break;
        }

        foreach (var property in value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            if (property.GetValue(value) is { } inner)
            {
                foreach (var found in PeopleOn(inner))
                {
                    yield return found;
                }
            }
        }
    }

    /// <summary>An instance of a record, each constructor parameter filled with a value recognisable by its name.</summary>
    private static object Sample(Type type) => Value(type, type.Name, null)!;

    private static object? Value(Type type, string name, string? owner)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return name.EndsWith("MisRef", StringComparison.OrdinalIgnoreCase) ? Person : $"{owner ?? "sample"}.{name}";
        }

        if (type == typeof(Guid))
        {
            return name.Equals("ConcernId", StringComparison.OrdinalIgnoreCase) ? ConcernId : new Guid(MD5.HashData(Encoding.UTF8.GetBytes(name)));
        }

        if (type == typeof(DateTimeOffset))
        {
            return At;
        }

        if (type == typeof(DateOnly))
        {
            return DateOnly.FromDateTime(At.UtcDateTime).AddDays(14);
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type.IsEnum)
        {
            // The last value: never the default, so a fold that only reacts to a change sees one. A referral goes to
            // the LADO, whose consultation the queue tracks.
            return type == typeof(ReferralAgency) ? ReferralAgency.Lado : Enum.GetValues(type).Cast<object>().Last();
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is var generic && (generic == typeof(IReadOnlyList<>) || generic == typeof(IReadOnlyCollection<>) || generic == typeof(IEnumerable<>)))
        {
            var element = type.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            foreach (var item in element.IsEnum ? Enum.GetValues(element).Cast<object>() : [Value(element, name, owner)!])
            {
                list.Add(item);
            }

            return list;
        }

        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).MaxBy(c => c.GetParameters().Length)
                          ?? throw new InvalidOperationException($"No public constructor to build a sample {type.Name}.");
        var personal = type == typeof(PersonRef) ? name : owner;
        return constructor.Invoke(constructor.GetParameters().Select(p => Value(p.ParameterType, p.Name!, personal)).ToArray());
    }
}
