using Incidents.Domain.Concerns;
using Incidents.Domain.PeopleDirectory;

namespace Incidents.Domain.Tests.PeopleDirectory;

public sealed class DirectoryMergeSpecs
{
    private static readonly DateTimeOffset Monday = new(2026, 9, 7, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Tuesday = Monday.AddDays(1);

    private static readonly DirectoryRow Amelia = new("L-1001", PersonType.Learner, "Amelia", "Smith", "Millie", new DateOnly(2015, 4, 2), "Year 6", "6B",
        StartDate: new DateOnly(2019, 9, 4));

    [Fact]
    public void A_person_new_to_the_directory_is_added_with_every_field_as_one_change()
    {
        var outcome = DirectoryMerge.Apply(null, Amelia, Monday);

        outcome.Changed.Should().BeTrue();
        outcome.Person.Id.Should().Be("l-1001");
        outcome.Person.DisplayName.Should().Be("Millie Smith");
        outcome.Person.FirstSeenAt.Should().Be(Monday);
        outcome.Person.History.Should().ContainSingle().Which.Fields.Select(f => f.Field).Should().Contain(["givenName", "familyName", "yearGroup"]);
        outcome.Person.SearchText.Should().Contain("amelia").And.Contain("millie").And.Contain("smith").And.Contain("l-1001");
    }

    [Fact]
    public void The_same_row_again_changes_nothing()
    {
        var first = DirectoryMerge.Apply(null, Amelia, Monday).Person;

        var again = DirectoryMerge.Apply(first, Amelia with { GivenName = " Amelia " }, Tuesday);

        again.Changed.Should().BeFalse();
        again.Person.Should().BeSameAs(first);
    }

    [Fact]
    public void A_change_is_kept_in_the_history_with_what_it_was_and_when()
    {
        var first = DirectoryMerge.Apply(null, Amelia, Monday).Person;

        var moved = DirectoryMerge.Apply(first, Amelia with { Class = "6C" }, Tuesday);

        moved.Changes.Should().Equal(new FieldChange("class", "6B", "6C"));
        moved.Person.History.Should().HaveCount(2);
        moved.Person.History[^1].At.Should().Be(Tuesday);
        moved.Person.FirstSeenAt.Should().Be(Monday);
        moved.Person.UpdatedAt.Should().Be(Tuesday);
    }

    [Fact]
    public void A_leaver_is_marked_with_a_leaving_date_and_is_off_roll_after_it()
    {
        var first = DirectoryMerge.Apply(null, Amelia, Monday).Person;

        var left = DirectoryMerge.Apply(first, Amelia with { LeavingDate = new DateOnly(2026, 9, 30) }, Tuesday).Person;

        left.OnRollOn(new DateOnly(2026, 9, 29)).Should().BeTrue();
        left.OnRollOn(new DateOnly(2026, 9, 30)).Should().BeFalse();
        left.DisplayName.Should().Be("Millie Smith", "a leaver keeps their entry");
    }

    [Fact]
    public void Someone_a_full_batch_leaves_out_is_marked_missing_once_and_listed_again_when_they_reappear()
    {
        var first = DirectoryMerge.Apply(null, Amelia, Monday).Person;

        var missing = DirectoryMerge.MissingFrom(first, Tuesday);
        missing.Person.MissingSince.Should().Be(Tuesday);
        missing.Person.OnRollOn(new DateOnly(2026, 9, 8)).Should().BeFalse();
        DirectoryMerge.MissingFrom(missing.Person, Tuesday.AddDays(1)).Changed.Should().BeFalse("marked once, not on every batch");

        var back = DirectoryMerge.Apply(missing.Person, Amelia, Tuesday.AddDays(2));
        back.Changes.Should().Equal(new FieldChange(DirectoryMerge.Listed, "false", "true"));
        back.Person.MissingSince.Should().BeNull();
        back.Person.History.Should().HaveCount(3);
    }

    [Fact]
    public void A_field_the_MIS_no_longer_holds_is_cleared_and_the_change_kept()
    {
        var first = DirectoryMerge.Apply(null, Amelia, Monday).Person;

        var outcome = DirectoryMerge.Apply(first, Amelia with { PreferredName = null }, Tuesday);

        outcome.Changes.Should().Equal(new FieldChange("preferredName", "Millie", null));
        outcome.Person.DisplayName.Should().Be("Amelia Smith");
    }

    [Fact]
    public void A_batch_with_a_bad_row_names_the_row_and_the_field()
    {
        var batch = new DirectoryBatch(DirectoryBatchMode.Changes,
        [
            Amelia,
            new DirectoryRow("S-12", PersonType.StaffMember, "Sam", "", YearGroup: "Year 3"),
            Amelia with { MisRef = "l-1001 " },
            new DirectoryRow("P-1", PersonType.ParentCarer, "Pat", "Jones"),
            new DirectoryRow("unlisted-9f3a", PersonType.Learner, "Not", "Real"),
            Amelia with { MisRef = "L-2", StartDate = new DateOnly(2020, 9, 1), LeavingDate = new DateOnly(2020, 8, 1) },
        ]);

        DirectoryRows.Problems(batch).Select(p => (p.Row, p.Field)).Should().BeEquivalentTo(new[]
        {
            (1, "familyName"), (1, "yearGroup"), (2, "misRef"), (3, "type"), (4, "misRef"), (5, "leavingDate"),
        });
    }
}
