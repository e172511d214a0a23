namespace VolunteerStats.Generation;

/// <summary>18-digit resident ID numbers (GB 11643-1999): area code, birth date, sequence (odd = male), check digit.</summary>
public static class IdNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    /// <summary>Area codes of birth: mostly Hangzhou districts, some other Zhejiang cities and the usual home provinces of migrants.</summary>
    public static readonly string[] LocalAreas = ["330102", "330105", "330106", "330108", "330109", "330110", "330111", "330122", "330127", "330182", "330103", "330104"];
    public static readonly string[] OtherAreas = ["330203", "330302", "330402", "330602", "330702", "331002", "340104", "341202", "360102", "362502", "410102", "411302", "430102", "510104", "522101", "320106"];

    public static string Make(string area, DateOnly birth, int sequence, bool male)
    {
        // The 17th digit is odd for men, even for women.
        var seq = sequence % 1000;
        if ((seq % 2 == 1) != male) seq = seq % 2 == 1 ? seq - 1 : seq + 1;
        if (seq > 999) seq = 998;
        var body = $"{area}{birth:yyyyMMdd}{seq:000}";
        return body + CheckDigit(body);
    }

    public static char CheckDigit(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckChars[sum % 11];
    }

    public static bool IsValid(string id) =>
        id.Length == 18 && id.AsSpan(0, 17).IndexOfAnyExceptInRange('0', '9') < 0 && CheckDigit(id.AsSpan(0, 17)) == id[17];
}
