namespace MagentoCloud.Engine.Data;

/// <summary>What the sanitizer puts in place of a column's value. NULL and empty values stay as they are.</summary>
public enum SanitizeAction
{
    /// <summary>Leave the value alone (overrides a built-in rule).</summary>
    Keep,
    /// <summary>A fake address, unique per source address (case-insensitive): u&lt;hash&gt;@example.invalid.</summary>
    Email,
    /// <summary>A fake full name ("First Last").</summary>
    Name,
    FirstName,
    LastName,
    /// <summary>A fake login name, unique per source value.</summary>
    Username,
    Street,
    City,
    Postcode,
    Phone,
    /// <summary>A documentation-range IPv4 address (RFC 5737); in a numeric column, that address as an integer.</summary>
    Ip,
    /// <summary>A date derived from the source value (dates of birth); a datetime column gets midnight.</summary>
    Date,
    /// <summary>Neutral text that tells distinct source texts apart.</summary>
    Text,
    /// <summary>NULL, or the column's empty value when it is NOT NULL.</summary>
    Null,
    /// <summary>'' (0 in a numeric column).</summary>
    Empty,
    /// <summary>The documented password's Magento hash (see <see cref="SanitizedPassword"/>).</summary>
    Hash,
    /// <summary>32 hex digits, unique per source value.</summary>
    Token,
    /// <summary>A fixed value given in the rules.</summary>
    Fixed,
}
