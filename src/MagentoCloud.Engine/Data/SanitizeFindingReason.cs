namespace MagentoCloud.Engine.Data;

/// <summary>Why the sanitizer took a column no rule names for personal data.</summary>
public enum SanitizeFindingReason
{
    /// <summary>Its name says so (email, firstname, telephone, ...): sanitized with the action the name implies.</summary>
    NameLooksPersonal,
    /// <summary>Its values held email addresses: each was replaced by its fake, wherever it stood in the value.</summary>
    HeldEmailAddresses,
    /// <summary>
    /// Its name says free text that may be about a person (a note, comment, message or address), in a table no rule
    /// names: no fake fits, so it was left as it is (its email addresses aside) for a rule to decide.
    /// </summary>
    NameMayBePersonal,
}
