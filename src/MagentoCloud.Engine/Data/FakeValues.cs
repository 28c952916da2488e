using System.Buffers.Text;
using System.Text;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// Turns the 16-byte keyed hash of a source value into an SQL literal for a sanitize action. Everything it
/// writes is plain ASCII except fixed values, which are escaped as mysqldump escapes strings.
/// </summary>
internal static class FakeValues
{
    private static readonly byte[][] FirstNames = Words(
        "Alex Bailey Casey Dana Eden Finley Gray Harper Indigo Jamie Kai Logan Morgan Noel Oakley Parker " +
        "Quinn Reese Sage Taylor Umber Vale Wren Xen Yael Zephyr Arden Blair Cameron Drew Emery Frankie " +
        "Hayden Jordan Kendall Lane Marlowe Nova Peyton Remy Rowan Skyler Tatum Avery Briar Carson Darcy " +
        "Ellis Flynn Greer Hollis Jules Kerry Lennon Milan Nico Perry Raleigh Shay Toby Val Winter");
    private static readonly byte[][] LastNames = Words(
        "Ashdown Birchwood Calloway Dunmore Ellery Fairweather Glenholm Hartwell Ivybridge Jessup Kingsley " +
        "Larkspur Merriweather Northcott Oakhurst Pennington Quillfeather Redgrave Stonebridge Thistlewood " +
        "Underhill Vanterpool Whitlock Yarrow Zellweger Ambrose Blackwood Crane Dorsey Eastwick Foxglove " +
        "Greenhalgh Holloway Inglewood Juniper Kestrel Lockwood Marchbank Nettleton Orchard Pemberton Rookwood " +
        "Sandford Tremaine Upton Vickery Wetherby Ashcombe Bellamy Cresswell Dalloway Everly Fenwick Galloway " +
        "Harrowgate Ingram Jellicoe Kirkwood Lindqvist Mortimer Netherby Oswin Prewitt Radcliffe");
    private static readonly byte[][] Streets = Words(
        "Maple Cedar Willow Aspen Juniper Hawthorn Linden Chestnut Alder Rowan Hazel Laurel Magnolia Poplar " +
        "Sycamore Spruce Elm Birch Cypress Holly Olive Beech Fir Larch Myrtle Acacia Redwood Sequoia Tamarind " +
        "Yew Walnut Almond");
    private static readonly byte[][] StreetKinds = Words("Street Avenue Road Lane Way Drive Court Place");
    private static readonly byte[][] Cities = Words(
        "Exampleton Sampleville Testburg Mockford Placeholm Dummyport Fakewood Specimen Bay Templeton " +
        "Draftfield Proxyvale Stubton Fixturecombe Mapleford Lorem Harbor Ipsumdale");

    private static readonly byte[] ExampleDomain = "@example.invalid"u8.ToArray();
    private static readonly byte[] Sanitized = "Sanitized text "u8.ToArray();
    private static readonly byte[] PasswordHash = Encoding.ASCII.GetBytes(SanitizedPassword.MagentoHash);

    /// <summary>Writes the replacement literal for <paramref name="rule"/> into <paramref name="into"/>.</summary>
    public static void Write(SanitizeRule rule, DumpColumn column, ReadOnlySpan<byte> hash, ByteBuilder into)
    {
        var number = column.Kind == DumpColumnKind.Number;
        switch (rule.Action)
        {
            case SanitizeAction.Null:
                if (column.Nullable) into.Append("NULL"u8);
                else into.Append(number ? "0"u8 : "''"u8);
                return;
            case SanitizeAction.Empty:
                into.Append(number ? "0"u8 : "''"u8);
                return;
            case SanitizeAction.Fixed:
                if (number && decimal.TryParse(rule.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                    into.AppendAscii(rule.Value!);
                else
                    into.AppendQuoted(rule.Value ?? "");
                return;
            case SanitizeAction.Ip:
                WriteIp(hash, number, into);
                return;
            case SanitizeAction.Date:
                WriteDate(hash, column.Kind, into);
                return;
        }
        if (number)
        {
            // A text action on a numeric column: a number that still tells source values apart.
            into.AppendNumber(BitConverter.ToUInt32(hash) & 0x7fffffff);
            return;
        }
        into.Append((byte)'\'');
        switch (rule.Action)
        {
            case SanitizeAction.Email:
                AppendEmail(hash, into);
                break;
            case SanitizeAction.Username:
                into.Append("user"u8);
                into.AppendHex(hash[..8]);
                break;
            case SanitizeAction.Name:
                into.Append(Pick(FirstNames, hash[0], hash[1]));
                into.Append((byte)' ');
                into.Append(Pick(LastNames, hash[2], hash[3]));
                break;
            case SanitizeAction.FirstName:
                into.Append(Pick(FirstNames, hash[0], hash[1]));
                break;
            case SanitizeAction.LastName:
                into.Append(Pick(LastNames, hash[2], hash[3]));
                break;
            case SanitizeAction.Street:
                into.AppendNumber((ulong)(1 + BitConverter.ToUInt16(hash[4..]) % 999));
                into.Append((byte)' ');
                into.Append(Pick(Streets, hash[5], hash[6]));
                into.Append((byte)' ');
                into.Append(Pick(StreetKinds, hash[7], 0));
                break;
            case SanitizeAction.City:
                into.Append(Pick(Cities, hash[8], hash[9]));
                break;
            case SanitizeAction.Postcode:
                into.AppendDigits(BitConverter.ToUInt32(hash[10..]) % 100000, 5);
                break;
            case SanitizeAction.Phone:
                // 555-01xx is reserved for fiction in the North American plan; the rest keeps them apart.
                into.Append("+1-555-01"u8);
                into.AppendDigits(hash[11] % 100u, 2);
                into.Append((byte)'-');
                into.AppendDigits(BitConverter.ToUInt16(hash[12..]) % 10000u, 4);
                break;
            case SanitizeAction.Text:
                into.Append(Sanitized);
                into.AppendHex(hash[..6]);
                break;
            case SanitizeAction.Hash:
                into.Append(PasswordHash);
                break;
            case SanitizeAction.Token:
                into.AppendHex(hash[..16]);
                break;
            default:
                throw new InvalidOperationException($"No replacement for action {rule.Action}.");
        }
        into.Append((byte)'\'');
    }

    /// <summary>The fake address for an email's hash, unquoted: u&lt;20 hex digits&gt;@example.invalid.</summary>
    public static void AppendEmail(ReadOnlySpan<byte> hash, ByteBuilder into)
    {
        into.Append((byte)'u');
        into.AppendHex(hash[..10]);
        into.Append(ExampleDomain);
    }

    private static void WriteIp(ReadOnlySpan<byte> hash, bool number, ByteBuilder into)
    {
        // RFC 5737's three documentation networks: never a real client.
        ReadOnlySpan<uint> networks = [0xC0000200, 0xC6336400, 0xCB007100]; // 192.0.2.0, 198.51.100.0, 203.0.113.0
        var address = networks[hash[14] % 3] | hash[15];
        if (number)
        {
            into.AppendNumber(address);
            return;
        }
        into.Append((byte)'\'');
        into.AppendNumber(address >> 24);
        into.Append((byte)'.');
        into.AppendNumber((address >> 16) & 0xff);
        into.Append((byte)'.');
        into.AppendNumber((address >> 8) & 0xff);
        into.Append((byte)'.');
        into.AppendNumber(address & 0xff);
        into.Append((byte)'\'');
    }

    private static void WriteDate(ReadOnlySpan<byte> hash, DumpColumnKind kind, ByteBuilder into)
    {
        if (kind == DumpColumnKind.Number)
        {
            into.AppendNumber(0);
            return;
        }
        // Between 1950-01-01 and 2004-12-31: an adult's date of birth, unrelated to the real one.
        var day = new DateOnly(1950, 1, 1).AddDays((int)(BitConverter.ToUInt32(hash) % 20089));
        into.Append((byte)'\'');
        into.AppendDigits((uint)day.Year, 4);
        into.Append((byte)'-');
        into.AppendDigits((uint)day.Month, 2);
        into.Append((byte)'-');
        into.AppendDigits((uint)day.Day, 2);
        if (kind == DumpColumnKind.DateTime) into.Append(" 00:00:00"u8);
        into.Append((byte)'\'');
    }

    private static byte[] Pick(byte[][] words, byte high, byte low) => words[((high << 8) | low) % words.Length];

    private static byte[][] Words(string words) =>
        words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Encoding.ASCII.GetBytes).ToArray();
}
