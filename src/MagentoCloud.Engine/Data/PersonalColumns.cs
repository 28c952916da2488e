namespace MagentoCloud.Engine.Data;

/// <summary>
/// What the sanitizer does beyond its rules: columns no rule names whose names say they hold personal data get
/// the action their name implies, and the tables that hold customers' data have every other string searched for
/// email addresses. A project's rule for a table (even an empty one, <c>my_table: {}</c>) says it was looked at,
/// and names are no longer guessed there.
/// </summary>
internal static class PersonalColumns
{
    // Groups of tables whose rows are customers' or admins' own (see TableGroups): every string there may hold an email.
    private static readonly string[] CustomerGroups = ["@trade", "@search", "@admin", "@oauth"];

    // Whole names, then parts of names (between underscores, or the name's end), checked in this order.
    private static readonly (string Name, SanitizeAction Action)[] Names =
    [
        ("dob", SanitizeAction.Date), ("birthdate", SanitizeAction.Date), ("date_of_birth", SanitizeAction.Date),
        ("gender", SanitizeAction.Null), ("taxvat", SanitizeAction.Null), ("vat_id", SanitizeAction.Null), ("ssn", SanitizeAction.Null),
        ("ip", SanitizeAction.Ip), ("remote_ip", SanitizeAction.Ip), ("remote_addr", SanitizeAction.Ip), ("ip_address", SanitizeAction.Ip),
        ("x_forwarded_for", SanitizeAction.Ip), ("username", SanitizeAction.Username), ("user_name", SanitizeAction.Username),
        ("nickname", SanitizeAction.FirstName), ("street", SanitizeAction.Street), ("city", SanitizeAction.City),
        ("secret", SanitizeAction.Token), ("password", SanitizeAction.Hash), ("password_hash", SanitizeAction.Hash),
    ];

    private static readonly (string Ending, SanitizeAction Action)[] Endings =
    [
        ("email", SanitizeAction.Email), ("firstname", SanitizeAction.FirstName), ("first_name", SanitizeAction.FirstName),
        ("middlename", SanitizeAction.FirstName), ("lastname", SanitizeAction.LastName), ("last_name", SanitizeAction.LastName),
        ("customer_name", SanitizeAction.Name), ("billing_name", SanitizeAction.Name), ("shipping_name", SanitizeAction.Name),
        ("contact_name", SanitizeAction.Name), ("full_name", SanitizeAction.Name), ("fullname", SanitizeAction.Name),
        ("telephone", SanitizeAction.Phone), ("phone", SanitizeAction.Phone), ("mobile", SanitizeAction.Phone), ("fax", SanitizeAction.Phone),
        ("postcode", SanitizeAction.Postcode), ("zip", SanitizeAction.Postcode), ("zipcode", SanitizeAction.Postcode),
        ("postal_code", SanitizeAction.Postcode), ("vat_number", SanitizeAction.Null), ("_ip", SanitizeAction.Ip),
        ("token", SanitizeAction.Token), ("token_hash", SanitizeAction.Token), ("_secret", SanitizeAction.Token),
    ];

    /// <summary>
    /// The action a column's name implies, or null when its name says nothing personal or its type cannot hold
    /// such a value (a number called send_email is a flag).
    /// </summary>
    public static SanitizeRule? Infer(string column, DumpColumnKind kind)
    {
        var action = Infer(column.ToLowerInvariant());
        var fits = action switch
        {
            null => false,
            SanitizeAction.Date => kind is DumpColumnKind.Date or DumpColumnKind.DateTime,
            SanitizeAction.Ip or SanitizeAction.Null => kind is DumpColumnKind.Text or DumpColumnKind.Number,
            _ => kind == DumpColumnKind.Text,
        };
        return fits ? new SanitizeRule(action!.Value) : null;
    }

    /// <summary>
    /// True for a text column whose name says free text that may be about a person (note, comment, message,
    /// address): no fake fits it, so it is reported for a rule to decide, not replaced.
    /// </summary>
    public static bool MayBePersonal(string column, DumpColumnKind kind)
    {
        if (kind != DumpColumnKind.Text) return false;
        var name = column.ToLowerInvariant();
        foreach (var word in FreeText)
            if (name == word || name.EndsWith("_" + word, StringComparison.Ordinal)) return true;
        return false;
    }

    private static readonly string[] FreeText = ["note", "notes", "comment", "comments", "message", "messages", "address"];

    private static SanitizeAction? Infer(string name)
    {
        foreach (var (whole, action) in Names)
            if (name == whole) return action;
        foreach (var (ending, action) in Endings)
            if (name == ending || name.EndsWith(ending[0] == '_' ? ending : "_" + ending, StringComparison.Ordinal))
                return action;
        // Emails also hide in names run together (customeremail, contactEmail).
        return name.EndsWith("email", StringComparison.Ordinal) ? SanitizeAction.Email : null;
    }

    /// <summary>
    /// True when every string of the table is searched for email addresses: a table no rule names, one whose rule
    /// sanitizes a column (it holds someone's data), or one of the customers', orders', quotes', searches' or admins' groups.
    /// </summary>
    public static bool SearchesEmails(string table, SanitizeTableRule? rule)
    {
        if (rule is null) return true;
        if (rule.Columns.Values.Any(c => c.Action != SanitizeAction.Keep)) return true;
        return CustomerGroups.Any(group => TableGroups.Matches(group, table));
    }
}
