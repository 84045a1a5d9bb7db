namespace Incidents.Domain.Concerns;

/// <summary>The rule codes of low-level concerns about adults (KCSIE Part 4 section 2).</summary>
public static partial class Rules
{
    public static RuleViolation LowLevelConcernIsAboutOneAdult =>
        new("low-level-concern-about-one-adult", "A low-level concern is about one adult in the school (staff, supply, volunteer, contractor, governor): name them as alleged, or as declaring when they report themselves.", ViolationKind.RuleBroken);

    public static RuleViolation AllegationNotMadeLowLevel =>
        new("allegation-not-made-low-level", "An allegation is not changed into a low-level concern: record the LADO's advice on it and close it; raise a low-level concern if the LADO finds it below the harm threshold.", ViolationKind.RuleBroken);

    public static RuleViolation NotALowLevelConcern =>
        new("not-a-low-level-concern", "Only a low-level concern about an adult (below the harm threshold) can be found to meet it.", ViolationKind.RuleBroken);

    public static RuleViolation NoPatternToReview =>
        new("no-pattern-to-review", "No pattern of low-level concerns about this adult is waiting for review on this case.", ViolationKind.RuleBroken);

    public static RuleViolation PatternReviewRequired =>
        new("pattern-review-required", "Earlier low-level concerns about the same adult make a pattern: record its review before this case can close (KCSIE Part 4 section 2).", ViolationKind.RuleBroken);
}
